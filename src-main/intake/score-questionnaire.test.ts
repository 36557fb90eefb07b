/**
 * Scoring from pack data, on the default pack's own PHQ-9 and GAD-7: every band boundary, the
 * extremes, the unscored PHQ-9 difficulty item and its enableWhen, the item-9 rule, and the
 * answer checks.
 */
import { describe, expect, it } from 'vitest';
import type { QuestionnaireAnswer } from '../contract';
import { localText, type QuestionnaireStep } from '../content';
import { PACK } from '../export/sample-records';
import { KioskFailure } from '../failure';
import { checkAnswers, isShown, scoreQuestionnaire } from './score-questionnaire';

function questionnaire(id: string): QuestionnaireStep {
  const step = PACK.step(id);
  if (step?.kind !== 'questionnaire') {
    throw new Error(`the default pack has no questionnaire "${id}"`);
  }
  return step;
}

const PHQ9 = questionnaire('phq-9');
const GAD7 = questionnaire('gad-7');
const OPTION_BY_VALUE = [
  'not-at-all',
  'several-days',
  'more-than-half-the-days',
  'nearly-every-day',
];
const text = (value: Record<string, string>): string => localText(value, 'en', 'en');

/** Answers whose scored items add up to `total`, filling items from the first, each at most 3. */
function answersFor(prefix: string, count: number, total: number) {
  const answers: Record<string, QuestionnaireAnswer> = {};
  let left = total;
  for (let n = 1; n <= count; n += 1) {
    const value = Math.min(3, left);
    left -= value;
    answers[`${prefix}-${String(n)}`] = OPTION_BY_VALUE[value] ?? 'not-at-all';
  }
  expect(left).toBe(0);
  return answers;
}

function score(step: QuestionnaireStep, answers: Record<string, QuestionnaireAnswer>) {
  return scoreQuestionnaire(step, checkAnswers(step, answers), text, '2026-12-01T14:00:00.000Z');
}

function refusal(step: QuestionnaireStep, answers: Record<string, QuestionnaireAnswer>) {
  try {
    checkAnswers(step, answers);
  } catch (error) {
    if (error instanceof KioskFailure) {
      return error.toError();
    }
    throw error;
  }
  throw new Error('expected the answers to be refused');
}

describe('PHQ-9 scoring', () => {
  it.each([
    [0, 'Minimal'],
    [4, 'Minimal'],
    [5, 'Mild'],
    [9, 'Mild'],
    [10, 'Moderate'],
    [14, 'Moderate'],
    [15, 'Moderately severe'],
    [19, 'Moderately severe'],
    [20, 'Severe'],
    [27, 'Severe'],
  ])('a total of %i is %s', (total, band) => {
    const scored = score(PHQ9, answersFor('phq9', 9, total));
    expect(scored.totals).toEqual([
      { totalId: 'phq9-total', code: '44261-6', label: 'PHQ-9 total score', score: total, band },
    ]);
  });

  it('does not score the difficulty item, and shows it only once a problem was checked', () => {
    const none = answersFor('phq9', 9, 0);
    const item10 = PHQ9.items.find((item) => item.id === 'phq9-10');
    expect(item10 && isShown(item10, PHQ9, new Map(Object.entries(none)))).toBe(false);
    expect(refusal(PHQ9, { ...none, 'phq9-10': 'extremely-difficult' }).fields).toEqual({
      'phq9-10': 'not_shown',
    });

    const some = answersFor('phq9', 9, 2);
    const withDifficulty = score(PHQ9, { ...some, 'phq9-10': 'extremely-difficult' });
    expect(withDifficulty.totals[0]?.score).toBe(2);
    expect(withDifficulty.items.map((item) => item.itemId)).toContain('phq9-10');
    // Optional: leaving it out is accepted, and recorded as unanswered.
    const skipped = score(PHQ9, some);
    expect(skipped.items.find((item) => item.itemId === 'phq9-10')?.answer).toBeNull();
  });

  it('raises clinician-now on any answer above 0 to item 9, and only then', () => {
    const base = answersFor('phq9', 9, 0);
    expect(score(PHQ9, base).rulesFired).toEqual([]);
    for (const option of OPTION_BY_VALUE.slice(1)) {
      expect(score(PHQ9, { ...base, 'phq9-9': option }).rulesFired).toEqual([
        { ruleId: 'phq9-item9-any', alert: 'clinician-now' },
      ]);
    }
    // A high total without item 9 raises nothing: the rule is on the item.
    const highButNotItem9 = { ...answersFor('phq9', 8, 24), 'phq9-9': 'not-at-all' };
    expect(score(PHQ9, highButNotItem9).rulesFired).toEqual([]);
  });

  it('records each item with its code, exact text and its hash, the answer label and code', () => {
    const scored = score(PHQ9, answersFor('phq9', 9, 1));
    expect(scored.instrument).toEqual({ id: 'phq-9', code: '44249-1', system: 'http://loinc.org' });
    expect(scored.items[0]).toMatchObject({
      itemId: 'phq9-1',
      code: '44250-9',
      text: 'Little interest or pleasure in doing things',
      answer: { value: 'several-days', label: 'Several days', code: 'LA6569-3', score: 1 },
    });
    expect(scored.items[0]?.textSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('GAD-7 scoring', () => {
  it.each([
    [0, 'Minimal'],
    [4, 'Minimal'],
    [5, 'Mild'],
    [9, 'Mild'],
    [10, 'Moderate'],
    [14, 'Moderate'],
    [15, 'Severe'],
    [21, 'Severe'],
  ])('a total of %i is %s', (total, band) => {
    const scored = score(GAD7, answersFor('gad7', 7, total));
    expect(scored.totals).toEqual([
      { totalId: 'gad7-total', code: '70274-6', label: 'GAD-7 total score', score: total, band },
    ]);
    expect(scored.rulesFired).toEqual([]);
  });
});

describe('checking answers', () => {
  it('names every item at fault: missing, unknown, of the wrong kind', () => {
    const answers = answersFor('gad7', 7, 0);
    const withoutThree = Object.fromEntries(
      Object.entries(answers).filter(([itemId]) => itemId !== 'gad7-3'),
    );
    expect(refusal(GAD7, withoutThree)).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { 'gad7-3': 'required' },
    });
    expect(refusal(GAD7, { ...answers, 'gad7-99': 'not-at-all' }).fields).toEqual({
      'gad7-99': 'unknown_item',
    });
    expect(refusal(GAD7, { ...answers, 'gad7-1': 'always' }).fields).toEqual({
      'gad7-1': 'invalid_answer',
    });
    expect(refusal(GAD7, { ...answers, 'gad7-2': true }).fields).toEqual({
      'gad7-2': 'invalid_answer',
    });
  });
});
