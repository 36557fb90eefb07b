/**
 * What every staff form holds besides its inputs: whether main is working on it, the failure
 * that belongs to no field, the fields main refused (`INVALID_INPUT`), the message that says it
 * worked, and a count of failures, so that the same message is announced again after each one
 * (`{#key form.failures}`).
 */
import type { FieldError, KioskError, Result } from '../../src-main/contract';
import { fieldMessage, type MessageParams } from './i18n';

/**
 * Main's answer, or null when it no longer matters (the staff area was reset meanwhile, or the
 * screen is going away): a form then changes nothing.
 */
export type FormSend<T> = () => Promise<Result<T> | null>;
/** Takes main's answer on success (and may set `done`, the message that says it worked). */
export type FormSuccess<T> = (value: T) => void;

export class FormState<F extends string = never> {
  working = $state(false);
  error = $state.raw<KioskError | null>(null);
  fields = $state.raw<Partial<Record<F, FieldError>>>({});
  done = $state<string | null>(null);
  failures = $state(0);

  readonly #names: readonly F[];

  /** `names`: the form's fields, as main names them in `KioskError.fields`. */
  constructor(names: readonly F[] = []) {
    this.#names = names;
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fields).length > 0;
  }

  /** The words for a field's error, if it has one. */
  messageFor(field: F, params: MessageParams = {}): string | undefined {
    const code = this.fields[field];
    return code && fieldMessage(field, code, params);
  }

  /** Forgets the last failure and message (the form changed under them). */
  clear(): void {
    this.error = null;
    this.fields = {};
    this.done = null;
  }

  /** Sends the form, one send at a time, `working` meanwhile; otherwise as `run`. */
  async submit<T>(send: FormSend<T>, onsuccess: FormSuccess<T>): Promise<void> {
    if (this.working) {
      return;
    }
    this.working = true;
    try {
      await this.run(send, onsuccess);
    } finally {
      this.working = false;
    }
  }

  /**
   * Asks main something on the form's behalf. The last failure and message go first; on
   * success, `onsuccess` takes the answer; on failure, the fields main named show their errors,
   * and any other failure shows whole.
   */
  async run<T>(send: FormSend<T>, onsuccess: FormSuccess<T>): Promise<void> {
    this.error = null;
    this.done = null;
    const result = await send();
    if (!result) {
      return;
    }
    if (result.ok) {
      this.fields = {};
      onsuccess(result.value);
      return;
    }
    this.failures += 1;
    this.fields = this.#pick(result.error.fields ?? {});
    if (!this.hasFieldErrors) {
      this.error = result.error;
    }
  }

  #pick(reported: Record<string, FieldError>): Partial<Record<F, FieldError>> {
    const picked: Partial<Record<F, FieldError>> = {};
    for (const name of this.#names) {
      const code = reported[name];
      if (code !== undefined) {
        picked[name] = code;
      }
    }
    return picked;
  }
}
