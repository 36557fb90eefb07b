/**
 * Synthetic submissions for demos and benchmarks. They walk the real API, step by step, so
 * every seeded record has the shape and validation of a real one, and every name says FAKE.
 */
import type { KioskApp } from '../kiosk-app';
import { callOrThrow } from '../api';
import { visitStep, type StepVisitor } from '../consent';
import type { PackStep } from '../content';
import type { QuestionnaireAnswer } from '../contract';
import type { QuestionnaireStep } from '../content';
import { checkAnswers, demoAnswers, scoreQuestionnaire } from '../intake';

// A 1×1 PNG: enough to pass the signature's format check, plainly not anybody's signature.
const FAKE_SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** `Aab`, `Aac`, …: names may not hold digits, so the sequence number is spelt in letters. */
export function fakeName(index: number): string {
  let n = index;
  let word = '';
  do {
    word = (LETTERS[n % LETTERS.length] ?? 'a') + word;
    n = Math.floor(n / LETTERS.length);
  } while (n > 0);
  return `Fake Demo-Client ${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

export async function seedDemo(app: KioskApp, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const { sessionId } = await callOrThrow(app, 'session.start', {
      locale: app.pack.defaultLocale,
    });
    const complete = completer(app, sessionId, fakeName(index), index);
    for (const step of app.pack.steps) {
      await callOrThrow(app, 'session.enterStep', { sessionId, stepId: step.id });
      await visitStep(step, complete);
    }
    ids.push((await callOrThrow(app, 'session.submit', { sessionId })).submissionId);
  }
  return ids;
}

/** Fresh seeds tried, at a well client's level, when the first answers would raise an alert. */
const CALM_ATTEMPTS = 20;

/**
 * A fake client must never raise a safety alert: it would page a clinician for nobody. Answers
 * that fire a rule are drawn again, as a well client's; a pack whose rules fire even then keeps
 * the last draw (its alerts then say what the pack asks).
 */
function answersRaisingNoAlert(
  step: QuestionnaireStep,
  seed: number,
  level: number,
): Record<string, QuestionnaireAnswer> {
  let answers = demoAnswers(step, seed, level);
  for (let attempt = 1; firesAlert(step, answers) && attempt <= CALM_ATTEMPTS; attempt += 1) {
    answers = demoAnswers(step, seed + attempt * 104_729, 0);
  }
  return answers;
}

function firesAlert(
  step: QuestionnaireStep,
  answers: Record<string, QuestionnaireAnswer>,
): boolean {
  const scored = scoreQuestionnaire(step, checkAnswers(step, answers), () => '', '');
  return scored.rulesFired.length > 0;
}

/** What a fake client sends at each step, once it is on screen: every answer right. */
function completer(
  app: KioskApp,
  sessionId: string,
  fullName: string,
  index: number,
): StepVisitor<PackStep, Promise<unknown>> {
  return {
    page: () => Promise.resolve(),
    check: (step) =>
      callOrThrow(app, 'session.answerCheck', {
        sessionId,
        stepId: step.id,
        optionId: step.correctOptionId,
      }),
    acknowledge: (step) =>
      callOrThrow(app, 'session.acknowledge', {
        sessionId,
        stepId: step.id,
        statementIds: step.statements.map((statement) => statement.id),
      }),
    // Answers drift from unwell towards well across the seeded clients, like visits in a course.
    questionnaire: (step) =>
      callOrThrow(app, 'session.answerQuestionnaire', {
        sessionId,
        stepId: step.id,
        answers: answersRaisingNoAlert(
          step,
          index * 7919 + step.id.length,
          Math.max(0, 0.8 - index * 0.1),
        ),
      }),
    identity: () =>
      callOrThrow(app, 'session.setIdentity', { sessionId, fullName, dateOfBirth: '1900-01-01' }),
    signature: () =>
      callOrThrow(app, 'session.setSignature', {
        sessionId,
        imageDataUrl: FAKE_SIGNATURE,
        inkLength: 500,
        typedName: fullName,
      }),
    review: () => Promise.resolve(),
  };
}
