/**
 * Everything the kiosk knows about the client in front of it, in memory only.
 *
 * Nothing here is ever written to web storage, history state or the URL. `reset()` replaces
 * every field with a fresh value, and every asynchronous answer from main is dropped if the
 * session it belongs to has ended meanwhile, so a late reply cannot bring a client's data back
 * after the kiosk has wiped it.
 */
import type {
  CheckOutcome,
  ClientPack,
  ClientStep,
  FieldError,
  KioskError,
} from '../../src-main/contract';
import type { PointGroup } from 'signature_pad';
import { api } from './api';
import { joinDateParts, type DateParts } from './date-of-birth';

export interface CheckState {
  selected: string | null;
  outcome: CheckOutcome | null;
}

export type IdentityField = 'fullName' | 'dateOfBirth';
export type SignatureField = 'signature' | 'typedName';
type FieldErrors<F extends string> = Partial<Record<F, FieldError>>;

/** Main names signature fields after the channel input; the drawing is one field on screen. */
const SIGNATURE_FIELD_OF: Record<string, SignatureField> = {
  image: 'signature',
  imageDataUrl: 'signature',
  inkLength: 'signature',
  signature: 'signature',
  typedName: 'typedName',
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

  identity = $state<{ fullName: string } & DateParts>({
    fullName: '',
    day: '',
    month: '',
    year: '',
  });
  identityErrors = $state<FieldErrors<IdentityField>>({});
  confirmedIdentity = $state<{ fullName: string; dateOfBirth: string } | null>(null);

  typedName = $state('');
  strokes = $state.raw<PointGroup[]>([]);
  signatureImage = $state<string | null>(null);
  signatureInk = $state(0);
  signatureErrors = $state<FieldErrors<SignatureField>>({});

  /** Step ids main still wants before it accepts the submission. */
  missing = $state<string[]>([]);

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
      default:
        return true;
    }
  }

  indexOf(stepId: string): number {
    return this.steps.findIndex((step) => step.id === stepId);
  }

  /** Wipes every trace of the client from memory. */
  reset(): void {
    this.sessionId = null;
    this.pack = null;
    this.index = 0;
    this.returnTo = null;
    this.busy = false;
    this.error = null;
    this.checks = {};
    this.ticked = {};
    this.acknowledged = {};
    this.acknowledging = {};
    this.identity = { fullName: '', day: '', month: '', year: '' };
    this.identityErrors = {};
    this.confirmedIdentity = null;
    this.typedName = '';
    this.strokes = [];
    this.signatureImage = null;
    this.signatureInk = 0;
    this.signatureErrors = {};
    this.missing = [];
    this.#acknowledgeSequence = 0;
  }

  async start(locale: string): Promise<KioskError | null> {
    this.reset();
    this.busy = true;
    const result = await api.session.start({ locale });
    this.busy = false;
    if (!result.ok) {
      return result.error;
    }
    this.sessionId = result.value.sessionId;
    this.pack = result.value.pack;
    await this.#show(0, null);
    return null;
  }

  /** Ends the session without submitting: wipes memory first, then asks main to discard. */
  async abandon(): Promise<void> {
    const sessionId = this.sessionId;
    this.reset();
    if (sessionId !== null) {
      await api.session.discard({ sessionId });
    }
  }

  async next(): Promise<void> {
    if (await this.#commit()) {
      await this.#show(this.index + 1, this.returnTo);
    }
  }

  async back(): Promise<void> {
    if (this.index > 0 && !this.busy) {
      await this.#show(this.index - 1, this.returnTo);
    }
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
    const sessionId = this.sessionId;
    const optionId = this.checks[stepId]?.selected;
    if (sessionId === null || !optionId || this.busy) {
      return;
    }
    this.busy = true;
    this.error = null;
    const result = await api.session.answerCheck({ sessionId, stepId, optionId });
    if (this.sessionId !== sessionId) {
      return;
    }
    this.busy = false;
    if (result.ok) {
      this.checks[stepId] = { selected: optionId, outcome: result.value };
    } else {
      this.error = result.error;
    }
  }

  /** Ticks or unticks one statement and tells main the full set now ticked. */
  async toggleStatement(stepId: string, statementId: string, ticked: boolean): Promise<void> {
    const sessionId = this.sessionId;
    if (sessionId === null) {
      return;
    }
    const others = (this.ticked[stepId] ?? []).filter((id) => id !== statementId);
    const statementIds = ticked ? [...others, statementId] : others;
    this.ticked[stepId] = statementIds;
    this.acknowledged[stepId] = false;
    this.acknowledging[stepId] = (this.acknowledging[stepId] ?? 0) + 1;
    this.#acknowledgeSequence += 1;
    const sequence = this.#acknowledgeSequence;

    const result = await api.session.acknowledge({ sessionId, stepId, statementIds });
    if (this.sessionId !== sessionId) {
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

  setStrokes(strokes: PointGroup[], image: string | null, ink: number): void {
    this.strokes = strokes;
    this.signatureImage = image;
    this.signatureInk = ink;
    if (strokes.length > 0) {
      delete this.signatureErrors.signature;
    }
  }

  async submit(): Promise<'submitted' | 'refused'> {
    const sessionId = this.sessionId;
    if (sessionId === null || this.busy || !(await this.#commit())) {
      return 'refused';
    }
    this.busy = true;
    this.error = null;
    this.missing = [];
    const result = await api.session.submit({ sessionId });
    if (this.sessionId !== sessionId) {
      return 'refused';
    }
    this.busy = false;
    if (result.ok) {
      this.reset();
      return 'submitted';
    }
    if (result.error.code === 'SESSION_INCOMPLETE') {
      this.missing = result.error.missing ?? [];
    }
    this.error = result.error;
    return 'refused';
  }

  async #show(index: number, returnTo: number | null): Promise<void> {
    const sessionId = this.sessionId;
    const step = this.steps[index];
    if (sessionId === null || !step) {
      return;
    }
    this.index = index;
    this.returnTo = returnTo !== null && index < returnTo ? returnTo : null;
    this.error = null;
    this.missing = [];
    // Main times each page itself from these calls; the step shows without waiting for it.
    const result = await api.session.enterStep({ sessionId, stepId: step.id });
    if (!result.ok && this.sessionId === sessionId && this.step?.id === step.id) {
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
      default:
        return true;
    }
  }

  async #saveIdentity(): Promise<boolean> {
    const sessionId = this.sessionId;
    if (sessionId === null) {
      return false;
    }
    this.busy = true;
    this.error = null;
    const result = await api.session.setIdentity({
      sessionId,
      fullName: this.identity.fullName,
      dateOfBirth: joinDateParts(this.identity),
    });
    if (this.sessionId !== sessionId) {
      return false;
    }
    this.busy = false;
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

  async #saveSignature(): Promise<boolean> {
    const sessionId = this.sessionId;
    if (sessionId === null) {
      return false;
    }
    if (this.strokes.length === 0 || this.signatureImage === null) {
      // Nothing drawn: refuse here, there is no image worth sending.
      this.signatureErrors = {
        signature: 'required',
        ...(this.typedName.trim() === '' ? { typedName: 'required' as const } : {}),
      };
      return false;
    }
    this.busy = true;
    this.error = null;
    const result = await api.session.setSignature({
      sessionId,
      imageDataUrl: this.signatureImage,
      inkLength: this.signatureInk,
      typedName: this.typedName,
    });
    if (this.sessionId !== sessionId) {
      return false;
    }
    this.busy = false;
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
