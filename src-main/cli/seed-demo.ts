/**
 * Synthetic submissions for demos and benchmarks. They walk the real API, step by step, so
 * every seeded record has the shape and validation of a real one, and every name says FAKE.
 */
import type { KioskApp } from '../kiosk-app';
import { callOrThrow } from '../api';
import { visitStep, type StepVisitor } from '../consent';
import type { Pack, PackStep } from '../content';
import type { QuestionnaireAnswer } from '../contract';
import type { QuestionnaireStep } from '../content';
import { checkAnswers, demoAnswers, isShown, scoreQuestionnaire } from '../intake';

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

export interface SeedOptions {
  /**
   * Every submission is one fake client's visit (the first fake name, one date of birth), their
   * answers falling from unwell to well across the visits: a course to show progress with.
   */
  sameClient?: boolean;
  /** The programme the visits are of; the kiosk's first when absent. */
  packId?: string | undefined;
}

/** Where a seeded client's answers cluster, 0 (well) to 1 (unwell). */
function levelOf(index: number, count: number, options: SeedOptions): number {
  if (options.sameClient === true) {
    // From 0.8 at the first visit to 0 at the last, so a short course reaches remission.
    return 0.8 * (1 - index / Math.max(1, count - 1));
  }
  // Answers drift from unwell towards well across the seeded clients, like visits in a course.
  return Math.max(0, 0.8 - index * 0.1);
}

export async function seedDemo(
  app: KioskApp,
  count: number,
  options: SeedOptions = {},
): Promise<string[]> {
  const pack =
    options.packId === undefined ? app.programmes.first : app.programmes.find(options.packId);
  if (!pack) {
    throw new Error(`seed-demo: ${offeredProgrammes(app, options.packId ?? '')}`);
  }
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const { sessionId } = await callOrThrow(app, 'session.start', {
      locale: pack.defaultLocale,
      packId: pack.id,
    });
    const fullName = fakeName(options.sameClient === true ? 0 : index);
    await walkSession(app, pack, sessionId, fullName, {
      seed: index,
      level: levelOf(index, count, options),
    });
    ids.push((await callOrThrow(app, 'session.submit', { sessionId })).submissionId);
  }
  return ids;
}

/** Walks a started session through every step of `pack` as `fullName`, ready to submit. */
export async function walkSession(
  app: KioskApp,
  pack: Pack,
  sessionId: string,
  fullName: string,
  answering: Parameters<typeof completer>[3] = { seed: 0, level: 0.3 },
): Promise<void> {
  const complete = completer(app, sessionId, fullName, answering);
  for (const step of pack.steps) {
    await callOrThrow(app, 'session.enterStep', { sessionId, stepId: step.id });
    await visitStep(step, complete);
  }
}

/** "this kiosk offers no program "x" (it offers a, b)", for the CLI's messages too. */
export function offeredProgrammes(app: KioskApp, packId: string): string {
  const offered = app.programmes.packs.map((pack) => pack.id).join(', ');
  return `this kiosk offers no program "${packId}" (it offers ${offered})`;
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
  if (firesAlert(step, answers)) {
    // First the items the rules watch, at their lowest answer: the rest keeps the level, so an
    // unwell fake client still scores as one (a redraw at a well level would not).
    answers = calmedOnRuleItems(step, answers);
  }
  for (let attempt = 1; firesAlert(step, answers) && attempt <= CALM_ATTEMPTS; attempt += 1) {
    answers = demoAnswers(step, seed + attempt * 104_729, 0);
  }
  return answers;
}

/**
 * `answers` with every choice item a rule names answered with its lowest-scoring option; an
 * item that lowering hides (`enableWhen`) loses its answer, as the kiosk would refuse it.
 */
function calmedOnRuleItems(
  step: QuestionnaireStep,
  answers: Record<string, QuestionnaireAnswer>,
): Record<string, QuestionnaireAnswer> {
  const lowered = new Map(Object.entries(answers));
  for (const rule of step.rules) {
    const item = step.items.find((candidate) => candidate.id === rule.when.item);
    const options = item?.answerSet === undefined ? [] : (step.answerSets[item.answerSet] ?? []);
    const lowest = [...options].sort((a, b) => a.value - b.value)[0];
    if (item && lowest && lowered.has(item.id)) {
      lowered.set(item.id, lowest.id);
    }
  }
  const shown = new Map<string, QuestionnaireAnswer>();
  for (const item of step.items) {
    const answer = lowered.get(item.id);
    if (answer !== undefined && isShown(item, step, shown)) {
      shown.set(item.id, answer);
    }
  }
  const calmed = Object.fromEntries(shown);
  // A pack whose conditions lowering breaks (a required item now shown) keeps the first draw.
  return isComplete(step, calmed) ? calmed : answers;
}

function isComplete(
  step: QuestionnaireStep,
  answers: Record<string, QuestionnaireAnswer>,
): boolean {
  try {
    checkAnswers(step, answers);
    return true;
  } catch {
    return false;
  }
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
  answering: { seed: number; level: number },
): StepVisitor<PackStep, Promise<unknown>> {
  return {
    page: () => Promise.resolve(),
    // A fake client has no time to watch: main counts no more than the time on screen, so a
    // video the pack requires watched would leave the submission incomplete.
    video: (step) =>
      step.requireWatched === true
        ? Promise.reject(
            new Error(
              `seed-demo: the video step "${step.id}" must be watched to the end, which takes its running time; seed a programme without one`,
            ),
          )
        : callOrThrow(app, 'session.videoProgress', {
            sessionId,
            stepId: step.id,
            played: [],
            durationSeconds: null,
            ended: false,
          }),
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
    questionnaire: (step) =>
      callOrThrow(app, 'session.answerQuestionnaire', {
        sessionId,
        stepId: step.id,
        answers: answersRaisingNoAlert(
          step,
          answering.seed * 7919 + step.id.length,
          answering.level,
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
        disclosureAccepted: true,
      }),
    review: () => Promise.resolve(),
  };
}
