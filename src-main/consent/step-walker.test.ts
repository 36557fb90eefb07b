import { describe, expect, it } from 'vitest';
import type { PackStep } from '../content';
import { visitStep, type StepKind, type StepOfKind, type StepVisitor } from './step-walker';

const text = { en: 'Text' };
/** One step of each kind: a new kind is a compile error here until it has one. */
const ONE_OF_EACH: { readonly [K in StepKind]: StepOfKind<PackStep, K> & { kind: K } } = {
  page: { kind: 'page', id: 'about', title: text, body: text },
  video: {
    kind: 'video',
    id: 'film',
    title: text,
    intro: text,
    file: 'media/film.webm',
    captions: { en: 'media/film.en.vtt' },
  },
  check: {
    kind: 'check',
    id: 'question',
    title: text,
    question: text,
    options: [{ id: 'a', label: text }],
    correctOptionId: 'a',
    feedback: text,
    refersTo: 'about',
  },
  acknowledge: { kind: 'acknowledge', id: 'statements', title: text, intro: text, statements: [] },
  questionnaire: {
    kind: 'questionnaire',
    id: 'mood',
    title: text,
    intro: text,
    instrument: { id: 'mood', source: text },
    answerSets: {},
    items: [],
    scoring: [],
    rules: [],
  },
  identity: { kind: 'identity', id: 'who', title: text, intro: text },
  signature: { kind: 'signature', id: 'sign', title: text, intro: text, meaning: text },
  review: { kind: 'review', id: 'check-all', title: text, intro: text },
};
const STEPS: PackStep[] = Object.values(ONE_OF_EACH);

describe('visitStep', () => {
  it("hands each step to its own kind's handler (kinds that share a shape included)", () => {
    const visitor: StepVisitor<PackStep, string> = {
      page: (step) => `page:${step.id}`,
      video: (step) => `video:${step.id}`,
      check: (step) => `check:${step.id}`,
      acknowledge: (step) => `acknowledge:${step.id}`,
      questionnaire: (step) => `questionnaire:${step.id}`,
      identity: (step) => `identity:${step.id}`,
      signature: (step) => `signature:${step.id}`,
      review: (step) => `review:${step.id}`,
    };
    expect(STEPS.map((step) => visitStep(step, visitor))).toEqual(
      STEPS.map((step) => `${step.kind}:${step.id}`),
    );
  });
});
