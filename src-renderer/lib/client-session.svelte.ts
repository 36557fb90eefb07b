/**
 * Everything the kiosk knows about the client in front of it, in memory only.
 *
 * Nothing here is ever written to web storage, history state or the URL. `reset()` assigns
 * `freshState()` back, which must name every field (it does not compile otherwise), and every
 * call to main goes through one guarded `#call()`: an answer that arrives after the session it
 * belongs to has ended is dropped, so a late reply cannot bring a client's data back after the
 * kiosk has wiped it.
 */
import type {
  CheckOutcome,
  ChannelInput,
  ClientPack,
  ClientQuestionnaireStep,
  ClientStep,
  FieldError,
  KioskError,
  QuestionnaireAnswer,
  QuestionnaireOutcome,
  Result,
  VideoProgress,
} from '../../src-main/contract';
import type { PointGroup } from 'signature_pad';
import { api } from './api';
import { clientCopy } from './client-copy.svelte';
import { joinDateParts, type DateParts } from './date-of-birth';
import { CallGuard } from './guarded-call';
import { setLocale as useStringsOf } from './i18n';
import { shownAnswers, shownItems } from './questionnaire';
import type { StoreFields } from './store-fields';

export interface CheckState {
  selected: string | null;
  outcome: CheckOutcome | null;
}

/** What a video step's player tells main it has played (`session.videoProgress`). */
export interface VideoReport {
  played: [number, number][];
  durationSeconds: number | null;
  ended: boolean;
}

export type IdentityField = 'fullName' | 'dateOfBirth';
export type SignatureField = 'signature' | 'typedName' | 'intent' | 'disclosure';
/** How the client signs: drawing, or (a client who cannot draw) typing their name. */
export type SignatureMethod = 'drawn' | 'typed';
type FieldErrors<F extends string> = Partial<Record<F, FieldError>>;

/** Main names signature fields after the channel input; the drawing is one field on screen. */
const SIGNATURE_FIELD_OF: Record<string, SignatureField> = {
  image: 'signature',
  imageDataUrl: 'signature',
  inkLength: 'signature',
  signature: 'signature',
  typedName: 'typedName',
  intent: 'intent',
  intentConfirmed: 'intent',
  disclosure: 'disclosure',
  disclosureAccepted: 'disclosure',
};

function pickFields<F extends string>(
  fields: Record<string, FieldError> | undefined,
  fieldOf: Record<string, F>,
): FieldErrors<F> {
  const picked: FieldErrors<F> = {};
  for (const [name, code] of Object.entries(fields ?? {})) {
    const field = fieldOf[name];
    if (field !== undefined && picked[field] === undefined) {
      picked[field] = code;
    }
  }
  return picked;
}

/** What the kiosk knows of a client before the session starts: nothing. */
function freshState() {
  return {
    sessionId: null,
    pack: null,
    index: 0,
    returnTo: null,
    busy: false,
    error: null,
    checks: {},
    ticked: {},
    acknowledged: {},
    acknowledging: {},
    answers: {},
    answeredIn: {},
    itemIndex: {},
    questionErrors: {},
    support: null,
    videos: {},
    identity: { fullName: '', day: '', month: '', year: '' },
    identityErrors: {},
    confirmedIdentity: null,
    typedName: '',
    signatureMethod: 'drawn',
    intentConfirmed: false,
    disclosureAccepted: false,
    strokes: [],
    signatureImage: null,
    signatureInk: 0,
    signatureErrors: {},
    missing: [],
  } satisfies Pick<ClientSession, StoreFields<ClientSession>>;
}

class ClientSession {
  sessionId = $state<string | null>(null);
  pack = $state.raw<ClientPack | null>(null);
  index = $state(0);
  /** Where a detour started (a check sending the client back to a page, or review's "Change"). */
  returnTo = $state<number | null>(null);
  busy = $state(false);
  /** A failure that belongs to no field, shown on the current step. */
  error = $state<KioskError | null>(null);

  checks = $state<Record<string, CheckState>>({});
  ticked = $state<Record<string, string[]>>({});
  acknowledged = $state<Record<string, boolean>>({});
  acknowledging = $state<Record<string, number>>({});

  /** Per questionnaire step: the answers so far, and which shown item is on screen. */
  answers = $state<Record<string, Record<string, QuestionnaireAnswer>>>({});
  /** Per questionnaire step: the language each answer was chosen in, for main's record. */
  answeredIn = $state<Record<string, Record<string, string>>>({});
  itemIndex = $state<Record<string, number>>({});
  /** Per questionnaire step: main's reasons for refusing answers, by item. */
  questionErrors = $state<Record<string, Record<string, FieldError>>>({});
  /** Main asked that the client be told to speak to staff now (after a questionnaire). */
  support = $state<QuestionnaireOutcome['support'] | null>(null);

  /** Per video step: how much main counts as watched. */
  videos = $state<Record<string, VideoProgress>>({});

  identity = $state<{ fullName: string } & DateParts>({
    fullName: '',
    day: '',
    month: '',
    year: '',
  });
  identityErrors = $state<FieldErrors<IdentityField>>({});
  confirmedIdentity = $state<{ fullName: string; dateOfBirth: string } | null>(null);

  typedName = $state('');
  signatureMethod = $state<SignatureMethod>('drawn');
  /** A typed signature: the client checked the statement that their typed name is their signature. */
  intentConfirmed = $state(false);
  /** The client checked that they agree to sign on the screen (the signing disclosure). */
  disclosureAccepted = $state(false);
  strokes = $state.raw<PointGroup[]>([]);
  signatureImage = $state<string | null>(null);
  signatureInk = $state(0);
  signatureErrors = $state<FieldErrors<SignatureField>>({});

  /** Step ids main still wants before it accepts the submission. */
  missing = $state<string[]>([]);

  readonly #guard = new CallGuard();
  #acknowledgeSequence = 0;

  get steps(): ClientStep[] {
    return this.pack?.steps ?? [];
  }

  get step(): ClientStep | null {
    return this.steps[this.index] ?? null;
  }

  get isLastStep(): boolean {
    return this.index === this.steps.length - 1;
  }

  /** Whether the current step lets the client move on without a call to main. */
  get canAdvance(): boolean {
    const step = this.step;
    if (!step || this.busy) {
      return false;
    }
    switch (step.kind) {
      case 'check':
        return this.checks[step.id]?.outcome?.correct === true;
      case 'acknowledge':
        return this.acknowledged[step.id] === true && !this.acknowledging[step.id];
      case 'video':
        return !step.requireWatched || this.videos[step.id]?.watchedToEnd === true;
      case 'questionnaire': {
        const item = this.currentItem;
        return (
          this.support !== null || !item?.required || this.answerOf(step.id, item.id) !== undefined
        );
      }
      case 'page':
      case 'identity':
      case 'signature':
      case 'review':
        return true;
      default:
        return step satisfies never;
    }
  }

  /** The questionnaire item on screen, when the step is a questionnaire. */
  get currentItem(): ClientQuestionnaireStep['items'][number] | null {
    const step = this.step;
    if (step?.kind !== 'questionnaire') {
      return null;
    }
    return shownItems(step, this.answers[step.id] ?? {})[this.itemIndex[step.id] ?? 0] ?? null;
  }

  answerOf(stepId: string, itemId: string): QuestionnaireAnswer | undefined {
    const answers = this.answers[stepId];
    return answers && Object.hasOwn(answers, itemId) ? answers[itemId] : undefined;
  }

  /** Records an answer on screen; main sees the questionnaire's answers when the client leaves it. */
  answerItem(stepId: string, itemId: string, answer: QuestionnaireAnswer): void {
    this.answers[stepId] = { ...(this.answers[stepId] ?? {}), [itemId]: answer };
    if (this.pack !== null) {
      this.answeredIn[stepId] = { ...(this.answeredIn[stepId] ?? {}), [itemId]: this.pack.locale };
    }
    const errors = this.questionErrors[stepId];
    if (errors && Object.hasOwn(errors, itemId)) {
      this.questionErrors[stepId] = Object.fromEntries(
        Object.entries(errors).filter(([field]) => field !== itemId),
      );
    }
  }

  indexOf(stepId: string): number {
    return this.steps.findIndex((step) => step.id === stepId);
  }

  /** Wipes every trace of the client from memory; answers still on their way are dropped. */
  reset(): void {
    this.#guard.invalidate();
    Object.assign(this, freshState());
  }

  /** Starts a session: main's answer, or null when the session ended before it came. */
  async start(locale: string, packId: string): Promise<Result<ClientPack> | null> {
    this.reset();
    this.busy = true;
    const result = await this.#guard.call(() => api.session.start({ locale, packId }));
    if (result === null) {
      return null;
    }
    this.busy = false;
    if (!result.ok) {
      return result;
    }
    this.sessionId = result.value.sessionId;
    this.pack = result.value.pack;
    await this.#show(0, null);
    return { ok: true, value: result.value.pack };
  }

  /** Ends the session without submitting: wipes memory first, then asks main to discard. */
  async abandon(): Promise<void> {
    const sessionId = this.sessionId;
    this.reset();
    if (sessionId !== null) {
      await api.session.discard({ sessionId });
    }
  }

  /**
   * The client switches language: main answers with the pack in it, and the same step, item and
   * answers show in it (answers are ids, not words). The kiosk's own strings follow. What was
   * shown before keeps its language in main's record.
   */
  async switchLocale(locale: string): Promise<void> {
    if (this.busy || this.pack === null || this.pack.locale === locale) {
      return;
    }
    const result = await this.#call((sessionId) => api.session.setLocale({ sessionId, locale }), {
      busy: true,
    });
    if (!result) {
      return;
    }
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    const { pack, checks, support } = result.value;
    // Strings first: the step screen is drawn again for the new pack (App.svelte keys it).
    useStringsOf(pack.locale);
    this.pack = pack;
    // What main said in the old language, said again in the new: nothing stays in the old one.
    for (const [stepId, outcome] of Object.entries(checks)) {
      const selected = this.checks[stepId]?.selected ?? null;
      this.checks[stepId] = { selected, outcome };
    }
    if (this.support !== null) {
      this.support = support[this.step?.id ?? ''] ?? this.support;
    }
  }

  async next(): Promise<void> {
    if (this.#moveWithinQuestionnaire(1)) {
      return;
    }
    if (await this.#commit()) {
      await this.#show(this.index + 1, this.returnTo);
    }
  }

  async back(): Promise<void> {
    if (this.busy || this.#moveWithinQuestionnaire(-1)) {
      return;
    }
    if (this.index > 0) {
      await this.#show(this.index - 1, this.returnTo, 'last');
    }
  }

  /**
   * Moves one item forward or back inside a questionnaire; false at either end (or elsewhere),
   * where the move leaves the step. The support screen stands after the last item.
   */
  #moveWithinQuestionnaire(direction: 1 | -1): boolean {
    const step = this.step;
    if (step?.kind !== 'questionnaire') {
      return false;
    }
    if (direction === 1 && !this.canAdvance) {
      // A required item without an answer: Next stays here (and says why).
      return true;
    }
    if (this.support !== null) {
      if (direction === 1) {
        return false;
      }
      this.support = null;
      return true;
    }
    const shown = shownItems(step, this.answers[step.id] ?? {});
    const next = (this.itemIndex[step.id] ?? 0) + direction;
    if (next < 0 || next >= shown.length) {
      return false;
    }
    this.itemIndex[step.id] = next;
    return true;
  }

  /** Jumps to a step and remembers to offer a way back to the current one. */
  async detourTo(stepId: string): Promise<void> {
    const target = this.indexOf(stepId);
    if (target >= 0 && !this.busy) {
      await this.#show(target, this.index);
    }
  }

  /** Ends a detour: saves the current step as Next would, then returns where it started. */
  async returnFromDetour(): Promise<void> {
    const target = this.returnTo;
    if (target !== null && (await this.#commit())) {
      await this.#show(target, null);
    }
  }

  selectOption(stepId: string, optionId: string): void {
    const previous = this.checks[stepId];
    if (previous?.outcome?.correct) {
      return;
    }
    this.checks[stepId] = { selected: optionId, outcome: previous?.outcome ?? null };
  }

  async answerCheck(stepId: string): Promise<void> {
    const optionId = this.checks[stepId]?.selected;
    if (!optionId || this.busy) {
      return;
    }
    const result = await this.#call(
      (sessionId) => api.session.answerCheck({ sessionId, stepId, optionId }),
      { busy: true },
    );
    if (!result) {
      return;
    }
    if (result.ok) {
      this.checks[stepId] = { selected: optionId, outcome: result.value };
    } else {
      this.error = result.error;
    }
  }

  /** Ticks or unticks one statement and tells main the full set now ticked. */
  async toggleStatement(stepId: string, statementId: string, ticked: boolean): Promise<void> {
    if (this.sessionId === null) {
      return;
    }
    const others = (this.ticked[stepId] ?? []).filter((id) => id !== statementId);
    const statementIds = ticked ? [...others, statementId] : others;
    this.ticked[stepId] = statementIds;
    this.acknowledged[stepId] = false;
    this.acknowledging[stepId] = (this.acknowledging[stepId] ?? 0) + 1;
    this.#acknowledgeSequence += 1;
    const sequence = this.#acknowledgeSequence;

    const result = await this.#call((sessionId) =>
      api.session.acknowledge({ sessionId, stepId, statementIds }),
    );
    if (!result) {
      return;
    }
    this.acknowledging[stepId] = (this.acknowledging[stepId] ?? 1) - 1;
    // Toggles can overtake each other; only the answer to the latest one describes the screen.
    if (sequence !== this.#acknowledgeSequence) {
      return;
    }
    if (result.ok) {
      this.acknowledged[stepId] = result.value.complete;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }

  /**
   * Tells main what a video's player has played; keeps main's count. Reports may overtake each
   * other, and main's count only grows, so the larger answer is the later one.
   */
  async reportVideo(stepId: string, report: VideoReport): Promise<void> {
    const result = await this.#call((sessionId) =>
      api.session.videoProgress({ sessionId, stepId, ...report }),
    );
    if (result?.ok) {
      const previous = this.videos[stepId];
      this.videos[stepId] = {
        secondsWatched: Math.max(previous?.secondsWatched ?? 0, result.value.secondsWatched),
        watchedToEnd: previous?.watchedToEnd === true || result.value.watchedToEnd,
      };
    }
  }

  setStrokes(strokes: PointGroup[], image: string | null, ink: number): void {
    this.strokes = strokes;
    this.signatureImage = image;
    this.signatureInk = ink;
    if (strokes.length > 0) {
      delete this.signatureErrors.signature;
    }
  }

  async submit(): Promise<'submitted' | 'refused'> {
    if (this.sessionId === null || this.busy || !(await this.#commit())) {
      return 'refused';
    }
    this.missing = [];
    const result = await this.#call((sessionId) => api.session.submit({ sessionId }), {
      busy: true,
    });
    if (!result) {
      return 'refused';
    }
    if (result.ok) {
      if (result.value.copyHeld) {
        // Main holds this session's copy for "Print my copy": only its id goes on, nothing else.
        clientCopy.offer(this.sessionId);
      }
      this.reset();
      return 'submitted';
    }
    if (result.error.code === 'SESSION_INCOMPLETE') {
      this.missing = result.error.missing ?? [];
    }
    this.error = result.error;
    return 'refused';
  }

  /**
   * Calls main for the current session: null when there is none, or when the session ended
   * before the answer came (`reset()` invalidates the guard, so the answer is dropped). A `busy`
   * call holds the step until main answers, and clears the step's last failure first.
   */
  async #call<T>(
    invoke: (sessionId: string) => Promise<Result<T>>,
    { busy = false }: { busy?: boolean } = {},
  ): Promise<Result<T> | null> {
    const sessionId = this.sessionId;
    if (sessionId === null) {
      return null;
    }
    if (busy) {
      this.busy = true;
      this.error = null;
    }
    const result = await this.#guard.call(() => invoke(sessionId));
    if (result !== null && busy) {
      this.busy = false;
    }
    return result;
  }

  async #show(
    index: number,
    returnTo: number | null,
    at: 'first' | 'last' = 'first',
  ): Promise<void> {
    const step = this.steps[index];
    if (!step) {
      return;
    }
    this.index = index;
    this.support = null;
    if (step.kind === 'questionnaire') {
      // Back from the next step lands on the questionnaire's last item, as paper would.
      const shown = shownItems(step, this.answers[step.id] ?? {});
      this.itemIndex[step.id] = at === 'last' ? Math.max(0, shown.length - 1) : 0;
    }
    this.returnTo = returnTo !== null && index < returnTo ? returnTo : null;
    this.error = null;
    this.missing = [];
    // Main times each page itself from these calls; the step shows without waiting for it.
    const result = await this.#call((sessionId) =>
      api.session.enterStep({ sessionId, stepId: step.id }),
    );
    if (result && !result.ok && this.step?.id === step.id) {
      this.error = result.error;
    }
  }

  /** Saves the current step in main when it holds a form; true when the client may move on. */
  async #commit(): Promise<boolean> {
    const step = this.step;
    if (!step || !this.canAdvance) {
      return false;
    }
    switch (step.kind) {
      case 'identity':
        return this.#saveIdentity();
      case 'signature':
        return this.#saveSignature();
      case 'questionnaire':
        return this.#saveQuestionnaire(step);
      case 'page':
      case 'video':
      case 'check':
      case 'acknowledge':
      case 'review':
        return true;
      default:
        return step satisfies never;
    }
  }

  /**
   * Sends the questionnaire's answers as the client leaves its last item. When main asks for
   * the support screen, the step stays on screen showing it; the next Next moves on.
   */
  async #saveQuestionnaire(step: ClientQuestionnaireStep): Promise<boolean> {
    if (this.support !== null) {
      this.support = null;
      return true;
    }
    const answers = shownAnswers(step, this.answers[step.id] ?? {});
    const chosenIn = this.answeredIn[step.id] ?? {};
    const answeredIn = Object.fromEntries(
      Object.keys(answers).flatMap((itemId) => {
        const locale = chosenIn[itemId];
        return locale === undefined ? [] : [[itemId, locale]];
      }),
    );
    const result = await this.#call(
      (sessionId) =>
        api.session.answerQuestionnaire({ sessionId, stepId: step.id, answers, answeredIn }),
      { busy: true },
    );
    if (!result) {
      return false;
    }
    if (!result.ok) {
      const fields = result.error.fields ?? {};
      this.questionErrors[step.id] = fields;
      const first = shownItems(step, answers).findIndex((item) => Object.hasOwn(fields, item.id));
      if (first >= 0) {
        this.itemIndex[step.id] = first;
      } else {
        this.error = result.error;
      }
      return false;
    }
    this.questionErrors[step.id] = {};
    if (result.value.support) {
      this.support = result.value.support;
      return false;
    }
    return true;
  }

  async #saveIdentity(): Promise<boolean> {
    const result = await this.#call(
      (sessionId) =>
        api.session.setIdentity({
          sessionId,
          fullName: this.identity.fullName,
          dateOfBirth: joinDateParts(this.identity),
        }),
      { busy: true },
    );
    if (!result) {
      return false;
    }
    if (result.ok) {
      const previous = this.confirmedIdentity;
      this.identityErrors = {};
      this.confirmedIdentity = result.value;
      if (previous !== null && previous.fullName !== result.value.fullName) {
        // Main drops a signature made under another name; the drawing here goes with it.
        this.setStrokes([], null, 0);
      }
      return true;
    }
    this.identityErrors = pickFields(result.error.fields, {
      fullName: 'fullName',
      dateOfBirth: 'dateOfBirth',
    });
    if (Object.keys(this.identityErrors).length === 0) {
      this.error = result.error;
    }
    return false;
  }

  /** Switches between drawing and typing the signature; what the other way held is dropped. */
  chooseSignatureMethod(method: SignatureMethod): void {
    this.signatureMethod = method;
    this.signatureErrors = {};
    this.intentConfirmed = false;
    this.setStrokes([], null, 0);
  }

  setIntentConfirmed(confirmed: boolean): void {
    this.intentConfirmed = confirmed;
    if (confirmed) {
      delete this.signatureErrors.intent;
    }
  }

  setDisclosureAccepted(accepted: boolean): void {
    this.disclosureAccepted = accepted;
    if (accepted) {
      delete this.signatureErrors.disclosure;
    }
  }

  async #saveSignature(): Promise<boolean> {
    if (this.signatureMethod === 'typed') {
      return this.#sendSignature({
        method: 'typed',
        imageDataUrl: '',
        inkLength: 0,
        intentConfirmed: this.intentConfirmed,
      });
    }
    const image = this.signatureImage;
    if (this.strokes.length === 0 || image === null) {
      // Nothing drawn: refuse here, there is no image worth sending.
      this.signatureErrors = {
        signature: 'required',
        ...(this.typedName.trim() === '' ? { typedName: 'required' as const } : {}),
        ...(this.disclosureAccepted ? {} : { disclosure: 'required' as const }),
      };
      return false;
    }
    return this.#sendSignature({ imageDataUrl: image, inkLength: this.signatureInk });
  }

  /** Sends the signature, drawn or typed, with the typed name; main's field errors land here. */
  async #sendSignature(
    signature: Omit<ChannelInput<'session.setSignature'>, 'sessionId' | 'typedName'>,
  ): Promise<boolean> {
    const result = await this.#call(
      (sessionId) =>
        api.session.setSignature({
          sessionId,
          typedName: this.typedName,
          disclosureAccepted: this.disclosureAccepted,
          ...signature,
        }),
      { busy: true },
    );
    if (!result) {
      return false;
    }
    if (result.ok) {
      this.signatureErrors = {};
      return true;
    }
    this.signatureErrors = pickFields(result.error.fields, SIGNATURE_FIELD_OF);
    if (Object.keys(this.signatureErrors).length === 0) {
      this.error = result.error;
    }
    return false;
  }
}

export const clientSession = new ClientSession();
