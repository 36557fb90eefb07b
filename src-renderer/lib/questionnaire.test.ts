import { describe, expect, it } from 'vitest';
import type { ClientQuestionnaireStep } from '../../src-main/contract';
import { shownAnswers, shownItems } from './questionnaire';

const options = [
  { id: 'no', label: 'No' },
  { id: 'some', label: 'Some' },
];
const STEP: ClientQuestionnaireStep = {
  kind: 'questionnaire',
  id: 'mood',
  title: 'Mood',
  intro: '',
  items: [
    { id: 'a', text: 'A', type: 'choice', required: true, options },
    { id: 'b', text: 'B', type: 'choice', required: true, options },
    {
      id: 'follow-up',
      text: 'How hard?',
      type: 'choice',
      required: false,
      options,
      showWhen: {
        behavior: 'any',
        conditions: [
          { itemId: 'a', answers: ['some'] },
          { itemId: 'b', answers: ['some'] },
        ],
      },
    },
    {
      id: 'answered-b',
      text: 'After b',
      type: 'boolean',
      required: true,
      showWhen: {
        behavior: 'all',
        conditions: [{ itemId: 'b' }, { itemId: 'a', answers: ['no'] }],
      },
    },
  ],
};

const ids = (answers: Record<string, string | boolean>) =>
  shownItems(STEP, answers).map((item) => item.id);

describe('shownItems', () => {
  it('hides an item until one of its conditions holds (any)', () => {
    expect(ids({})).toEqual(['a', 'b']);
    expect(ids({ a: 'no', b: 'no' })).toEqual(['a', 'b', 'answered-b']);
    expect(ids({ a: 'no', b: 'some' })).toEqual(['a', 'b', 'follow-up', 'answered-b']);
    expect(ids({ a: 'some' })).toEqual(['a', 'b', 'follow-up']);
  });

  it('needs every condition with "all"; a condition without answers asks only for an answer', () => {
    expect(ids({ a: 'no' })).toEqual(['a', 'b']);
    expect(ids({ a: 'some', b: 'no' })).toEqual(['a', 'b', 'follow-up']);
  });
});

describe('shownAnswers', () => {
  it('drops the answer to an item that a changed answer hid', () => {
    expect(shownAnswers(STEP, { a: 'no', b: 'some', 'follow-up': 'no' })).toEqual({
      a: 'no',
      b: 'some',
      'follow-up': 'no',
    });
    expect(shownAnswers(STEP, { a: 'no', b: 'no', 'follow-up': 'no' })).toEqual({
      a: 'no',
      b: 'no',
    });
  });
});
