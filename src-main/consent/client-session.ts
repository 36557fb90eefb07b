/**
 * One client's walk through a content pack, held in main's memory only until it is submitted
 * or discarded. Main keeps its own clock for time on screen, decides whether a comprehension
 * answer is right, and refuses to turn an unfinished session into a submission.
 *
 * The client may switch language at any step (`setLocale`); nothing they did is lost, and
 * everything recorded names the language it was shown in: each step's time per language, each
 * check attempt, each statement as confirmed, each questionnaire answer as chosen.
 */
import type {
  CheckOutcome,
  ClientPack,
  LocaleSwitch,
  QuestionnaireAnswer,
  QuestionnaireOutcome,
  VideoProgress,
} from '../contract';
import { checkAnswers, scoreQuestionnaire, type ScoredQuestionnaire } from '../intake';
import {
  localText,
  sha256Hex,
  signingDisclosure,
  typedSignatureIntent,
  type LocalText,
  type Pack,
  type PackStep,
} from '../content';
import { KioskFailure } from '../failure';
import { checkIdentity, localDate, type Identity } from './identity';
import {
  checkSignature,
  checkTypedSignature,
  signedText,
  type Signature,
  type SignatureMethod,
} from './signature';
import { visitStep, type StepKind, type StepOfKind, type StepVisitor } from './step-walker';
import {
  PAYLOAD_FORMAT,
  type AcknowledgementRecord,
  type CheckRecord,
  type QuestionnaireRecord,
  type StepTiming,
  type SubmissionPayload,
} from './submission-payload';
import {
  mergeWatch,
  NOTHING_WATCHED,
  progressOf,
  videoRecordOf,
  type VideoReport,
  type VideoWatch,
} from './video-watch';

/** The step on screen: since when, and in which language (a switch starts a new stretch). */
interface OpenStep {
  stepId: string;
  since: number;
  locale: string;
}

/** A signature as the client gives it (`session.setSignature` without the session). */
export interface SignatureInput {
  /** `typed`: a client who cannot draw signs by typing their name (no image). */
  method?: SignatureMethod | undefined;
  imageDataUrl: string;
  inkLength: number;
  typedName: string;
  /** A typed signature: the statement of intent was confirmed. */
  intentConfirmed?: boolean | undefined;
  /** The electronic-signing disclosure was accepted. */
  disclosureAccepted?: boolean | undefined;
}

/** A statement's confirmation: when, and the language its text was shown in then. */
interface Confirmation {
  at: string;
  locale: string;
}

export class ClientSession {
  private readonly timings = new Map<string, StepTiming>();
  private readonly checks = new Map<string, CheckRecord>();
  private readonly passedChecks = new Set<string>();
  private readonly confirmed = new Map<string, Map<string, Confirmation>>();
  private readonly questionnaires = new Map<string, QuestionnaireRecord>();
  private readonly videos = new Map<string, VideoWatch>();
  /** `stepId/ruleId` of every alert this session raised: one alert per (session, rule). */
  private readonly alerted = new Set<string>();
  private openStep: OpenStep | undefined;
  private identity: Identity | undefined;
  private signature: (Signature & { signedAt: string }) | undefined;
  /** The language on screen now: `startLocale` until the client switches. */
  private current: string;
  lastActivity: number;

  constructor(
    readonly id: string,
    readonly pack: Pack,
    /** The language the session started in: one of the pack's (`Pack.toClient` resolves it). */
    readonly startLocale: string,
    private readonly now: () => Date,
  ) {
    this.current = startLocale;
    this.startedAt = now().toISOString();
    this.lastActivity = now().getTime();
  }

  readonly startedAt: string;

  get locale(): string {
    return this.current;
  }

  private text(value: LocalText, locale: string = this.current): string {
    return localText(value, locale, this.pack.defaultLocale);
  }

  private touch(): number {
    this.lastActivity = this.now().getTime();
    return this.lastActivity;
  }

  private stepOfKind<K extends StepKind>(stepId: string, kinds: K[]): StepOfKind<PackStep, K> {
    const step = this.pack.step(stepId);
    if (!step || !(kinds as string[]).includes(step.kind)) {
      throw new KioskFailure(
        'UNKNOWN_STEP',
        `This content has no ${kinds.join(' or ')} step called "${stepId}".`,
      );
    }
    return step as StepOfKind<PackStep, K>;
  }

  private anyStep(stepId: string): PackStep {
    const step = this.pack.step(stepId);
    if (!step) {
      throw new KioskFailure('UNKNOWN_STEP', `This content has no step called "${stepId}".`);
    }
    return step;
  }

  /**
   * Closes the timer of the step on screen, if any, adding its time to that step's total and to
   * its time in the language it was shown in.
   */
  private closeOpenStep(at: number): void {
    if (!this.openStep) {
      return;
    }
    const { stepId, since, locale } = this.openStep;
    const timing = this.timings.get(stepId);
    const ms = Math.max(0, at - since);
    if (timing) {
      timing.msOnScreen += ms;
      const shown = timing.shownIn.find((candidate) => candidate.locale === locale);
      if (shown) {
        shown.msOnScreen += ms;
      }
    }
    this.openStep = undefined;
  }

  /** Starts the timer of `step` in the language on screen now, naming that language once. */
  private openStepNow(step: PackStep, timing: StepTiming, at: number): void {
    if (!timing.shownIn.some((shown) => shown.locale === this.current)) {
      timing.shownIn.push({ locale: this.current, title: this.text(step.title), msOnScreen: 0 });
    }
    this.openStep = { stepId: step.id, since: at, locale: this.current };
  }

  enterStep(stepId: string): void {
    const step = this.anyStep(stepId);
    const at = this.touch();
    this.closeOpenStep(at);
    const timing = this.timings.get(stepId) ?? {
      stepId,
      kind: step.kind,
      title: this.text(step.title),
      visits: 0,
      msOnScreen: 0,
      shownIn: [],
    };
    timing.visits += 1;
    this.timings.set(stepId, timing);
    this.openStepNow(step, timing, at);
  }

  /**
   * Switches the language shown from now on (an unknown one resolves as at the start: its base
   * language, else the pack's default) and returns the pack in it. Nothing the client did
   * changes; the step on screen stays open, its time from now counted in the new language. Not
   * a visit: the client has not moved.
   */
  setLocale(requested: string): ClientPack {
    const client = this.pack.toClient(requested);
    const at = this.touch();
    if (client.locale === this.current) {
      return client;
    }
    const open = this.openStep;
    this.closeOpenStep(at);
    this.current = client.locale;
    const step = open && this.pack.step(open.stepId);
    const timing = open && this.timings.get(open.stepId);
    if (step && timing) {
      this.openStepNow(step, timing, at);
    }
    return client;
  }

  answerCheck(stepId: string, optionId: string): CheckOutcome {
    const step = this.stepOfKind(stepId, ['check']);
    const option = step.options.find((candidate) => candidate.id === optionId);
    if (!option) {
      throw new KioskFailure('INVALID_INPUT', `Question "${stepId}" has no answer "${optionId}".`);
    }
    const at = new Date(this.touch()).toISOString();
    const record = this.checks.get(stepId) ?? {
      stepId,
      question: this.text(step.question),
      attempts: [],
    };
    const correct = optionId === step.correctOptionId;
    record.attempts.push({
      optionId,
      optionLabel: this.text(option.label),
      correct,
      at,
      locale: this.current,
      question: this.text(step.question),
    });
    this.checks.set(stepId, record);
    if (correct) {
      this.passedChecks.add(stepId);
    }
    return this.checkOutcome(step, record);
  }

  /** What the client is told of a check's latest attempt, in the language on screen now. */
  private checkOutcome(step: StepOfKind<PackStep, 'check'>, record: CheckRecord): CheckOutcome {
    const attempts = record.attempts.length;
    if (record.attempts.at(-1)?.correct === true) {
      return { correct: true, attempts };
    }
    const page = this.pack.step(step.refersTo);
    return {
      correct: false,
      attempts,
      feedback: this.text(step.feedback),
      ...(page ? { refersTo: { stepId: page.id, title: this.text(page.title) } } : {}),
    };
  }

  /**
   * What main has told the client and may still be on screen, said again in the language on
   * screen now (after `setLocale`): each answered check's latest outcome, and the support screen
   * of each questionnaire whose answers called for it.
   */
  restated(): Pick<LocaleSwitch, 'checks' | 'support'> {
    const checks: Record<string, CheckOutcome> = {};
    for (const record of this.checks.values()) {
      checks[record.stepId] = this.checkOutcome(this.stepOfKind(record.stepId, ['check']), record);
    }
    const support: LocaleSwitch['support'] = {};
    for (const [stepId, record] of this.questionnaires) {
      const text = this.supportFor(this.stepOfKind(stepId, ['questionnaire']), record.rulesFired);
      if (text) {
        support[stepId] = text;
      }
    }
    return { checks, support };
  }

  /** The support screen's words when a `clinician-now` rule fired and the step has one. */
  private supportFor(
    step: StepOfKind<PackStep, 'questionnaire'>,
    rulesFired: readonly { alert: string }[],
  ): { title: string; body: string } | undefined {
    return step.support && rulesFired.some((rule) => rule.alert === 'clinician-now')
      ? { title: this.text(step.support.title), body: this.text(step.support.body) }
      : undefined;
  }

  /** Replaces the set of confirmed statements of a step with exactly `statementIds`. */
  acknowledge(stepId: string, statementIds: string[]): { confirmed: string[]; complete: boolean } {
    const step = this.stepOfKind(stepId, ['acknowledge']);
    const known = new Set(step.statements.map((statement) => statement.id));
    const unknown = statementIds.filter((statementId) => !known.has(statementId));
    if (unknown.length > 0) {
      throw new KioskFailure(
        'INVALID_INPUT',
        `Step "${stepId}" has no statement ${unknown.map((u) => `"${u}"`).join(', ')}.`,
      );
    }
    const at = new Date(this.touch()).toISOString();
    const previous = this.confirmed.get(stepId) ?? new Map<string, Confirmation>();
    const next = new Map<string, Confirmation>();
    for (const statementId of step.statements.map((statement) => statement.id)) {
      if (statementIds.includes(statementId)) {
        // A statement stays confirmed as first confirmed: when, and in the words shown then.
        next.set(statementId, previous.get(statementId) ?? { at, locale: this.current });
      }
    }
    this.confirmed.set(stepId, next);
    return { confirmed: [...next.keys()], complete: next.size === step.statements.length };
  }

  /**
   * Checks and scores a questionnaire's answers (all of them at once, as the client leaves its
   * last item), replacing any earlier answers to it. `answeredIn` names the language each answer
   * was chosen in, where the client switched language half way (each must be one this step was
   * shown in); any other answer was chosen in the language on screen now. Returns the scored
   * record, for whoever must act on a rule now (an alert), and what the client is shown next.
   */
  answerQuestionnaire(
    stepId: string,
    answers: Readonly<Record<string, QuestionnaireAnswer>>,
    answeredIn: Readonly<Record<string, string>> = {},
  ): { scored: ScoredQuestionnaire; outcome: QuestionnaireOutcome } {
    const step = this.stepOfKind(stepId, ['questionnaire']);
    const checked = checkAnswers(step, answers);
    const localeOf = this.answerLocales(stepId, answeredIn);
    const at = new Date(this.touch()).toISOString();
    const scored = scoreQuestionnaire(
      step,
      checked,
      (value) => this.text(value),
      at,
      (item) => (value) => this.text(value, localeOf(item.id)),
    );
    this.questionnaires.set(stepId, {
      ...scored,
      locale: this.current,
      items: scored.items.map((item) => ({ ...item, locale: localeOf(item.itemId) })),
    });
    const support = this.supportFor(step, scored.rulesFired);
    return { scored, outcome: { complete: true, ...(support ? { support } : {}) } };
  }

  /** Who says in which language each answer was chosen: `answeredIn`, checked, else now's. */
  private answerLocales(
    stepId: string,
    answeredIn: Readonly<Record<string, string>>,
  ): (itemId: string) => string {
    const shown = new Set(this.timings.get(stepId)?.shownIn.map((entry) => entry.locale));
    const unshown = [...new Set(Object.values(answeredIn))].filter((locale) => !shown.has(locale));
    if (unshown.length > 0) {
      throw new KioskFailure(
        'INVALID_INPUT',
        `Questionnaire "${stepId}" was not shown in ${unshown.map((u) => `"${u}"`).join(', ')}.`,
      );
    }
    return (itemId) =>
      (Object.hasOwn(answeredIn, itemId) ? answeredIn[itemId] : undefined) ?? this.current;
  }

  /**
   * Runs `raise` unless this session already raised the alert of this step's rule (the client
   * may answer the questionnaire again). Marked only once `raise` returns: a raise that threw is
   * tried again on the next answer rather than lost.
   */
  alertOnce(stepId: string, ruleId: string, raise: () => void): void {
    const key = `${stepId}/${ruleId}`;
    if (!this.alerted.has(key)) {
      raise();
      this.alerted.add(key);
    }
  }

  /** Merges what the client's player reports having played of a video step (video-watch.ts). */
  videoProgress(stepId: string, report: VideoReport): VideoProgress {
    const step = this.stepOfKind(stepId, ['video']);
    if (!this.timings.has(stepId)) {
      throw new KioskFailure('STEP_NOT_READY', `The video "${stepId}" has not been shown yet.`);
    }
    this.touch();
    const fileDuration = this.pack.media.get(step.file)?.durationSeconds ?? null;
    const watch = mergeWatch(this.videos.get(stepId) ?? NOTHING_WATCHED, report, fileDuration);
    this.videos.set(stepId, watch);
    return this.watched(stepId);
  }

  private watched(stepId: string): VideoProgress {
    return progressOf(this.videos.get(stepId) ?? NOTHING_WATCHED, this.secondsOnScreen(stepId));
  }

  /** Time on screen so far by main's clock, the visit now open included. */
  private secondsOnScreen(stepId: string): number {
    const open = this.openStep?.stepId === stepId ? this.now().getTime() - this.openStep.since : 0;
    return ((this.timings.get(stepId)?.msOnScreen ?? 0) + Math.max(0, open)) / 1000;
  }

  setIdentity(fullName: string, dateOfBirth: string): Identity {
    const now = this.now();
    this.touch();
    const result = checkIdentity(fullName, dateOfBirth, localDate(now));
    if (!result.ok) {
      throw new KioskFailure('INVALID_INPUT', 'Please check the highlighted fields.', {
        fields: result.fields,
      });
    }
    if (this.signature && this.identity?.fullName !== result.identity.fullName) {
      // A signature is bound to the name it was typed against; a new name needs a new one.
      this.signature = undefined;
    }
    this.identity = result.identity;
    return result.identity;
  }

  /**
   * Checks and keeps the client's signature, drawn or typed, with the electronic-signing
   * disclosure they accepted and what the pack says signing means, both as shown now.
   */
  setSignature(input: SignatureInput): void {
    if (!this.identity) {
      throw new KioskFailure('STEP_NOT_READY', 'Please enter your name before signing.');
    }
    const step = this.pack.steps.find((candidate) => candidate.kind === 'signature');
    if (!step) {
      throw new KioskFailure('UNKNOWN_STEP', 'This content has no signature step.');
    }
    const at = new Date(this.touch()).toISOString();
    const result =
      input.method === 'typed'
        ? checkTypedSignature(
            input.typedName,
            this.identity.fullName,
            input.intentConfirmed === true,
            { text: typedSignatureIntent(this.locale), locale: this.current },
          )
        : checkSignature(
            input.imageDataUrl,
            input.inkLength,
            input.typedName,
            this.identity.fullName,
          );
    // Signing electronically is agreed to first, every time (UETA 5(b)): no disclosure, no signature.
    const disclosure = input.disclosureAccepted === true ? {} : { disclosure: 'required' as const };
    if (!result.ok || disclosure.disclosure) {
      throw new KioskFailure('INVALID_INPUT', 'Please check your signature.', {
        fields: { ...(result.ok ? {} : result.fields), ...disclosure },
      });
    }
    this.signature = {
      ...result.signature,
      meaning: signedText(this.text(step.meaning), this.locale),
      agreement: signedText(signingDisclosure(this.locale), this.locale),
      signedAt: at,
    };
  }

  /** Ids of the steps that still stand between this session and a submission, in pack order. */
  missingSteps(): string[] {
    return this.pack.steps.filter((step) => visitStep(step, this.isMissing)).map((step) => step.id);
  }

  /** Whether a step still stands between this session and a submission, kind by kind. */
  private readonly isMissing: StepVisitor<PackStep, boolean> = {
    page: (step) => !this.timings.has(step.id),
    video: (step) =>
      !this.timings.has(step.id) ||
      (step.requireWatched === true && !this.watched(step.id).watchedToEnd),
    check: (step) => !this.passedChecks.has(step.id),
    acknowledge: (step) => (this.confirmed.get(step.id)?.size ?? 0) !== step.statements.length,
    questionnaire: (step) => !this.questionnaires.has(step.id),
    identity: () => !this.identity,
    signature: () => !this.signature,
    review: (step) => !this.timings.has(step.id),
  };

  /** The finished record. Refuses while anything is missing: an unfinished session is never stored. */
  complete(submissionId: string, kioskId: string): SubmissionPayload {
    const missing = this.missingSteps();
    // Every pack has an identity step (pack-schema.ts); a signature only where it has that step.
    if (missing.length > 0 || !this.identity) {
      throw new KioskFailure('SESSION_INCOMPLETE', 'Some steps are not finished yet.', { missing });
    }
    const at = this.touch();
    this.closeOpenStep(at);
    const acknowledgements: AcknowledgementRecord[] = [];
    for (const step of this.pack.steps) {
      if (step.kind !== 'acknowledge') {
        continue;
      }
      const confirmations = this.confirmed.get(step.id);
      for (const statement of step.statements) {
        const confirmation = confirmations?.get(statement.id);
        const locale = confirmation?.locale ?? this.current;
        const text = this.text(statement.text, locale);
        acknowledgements.push({
          stepId: step.id,
          statementId: statement.id,
          locale,
          text,
          textSha256: sha256Hex(text),
          confirmedAt: confirmation?.at ?? '',
          ...(step.consentTo === undefined ? {} : { consentTo: this.text(step.consentTo, locale) }),
        });
      }
    }
    return {
      format: PAYLOAD_FORMAT,
      submissionId,
      kioskId,
      pack: { id: this.pack.id, version: this.pack.version, hash: this.pack.hash },
      locale: this.startLocale,
      startedAt: this.startedAt,
      submittedAt: new Date(at).toISOString(),
      steps: [...this.timings.values()].map((timing) => structuredClone(timing)),
      checks: [...this.checks.values()].map((check) => structuredClone(check)),
      acknowledgements,
      questionnaires: this.pack.steps.flatMap((step) => {
        const scored = this.questionnaires.get(step.id);
        return scored ? [structuredClone(scored)] : [];
      }),
      videos: this.pack.steps.flatMap((step) =>
        step.kind === 'video'
          ? [
              videoRecordOf(
                step.id,
                this.videos.get(step.id),
                this.secondsOnScreen(step.id),
                this.pack.media.get(step.file),
              ),
            ]
          : [],
      ),
      identity: { ...this.identity },
      signature: this.signature ? { ...this.signature } : null,
    };
  }
}
