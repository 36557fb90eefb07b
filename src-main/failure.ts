/**
 * An expected failure raised by a domain module. The API table turns it into the
 * `{ ok: false, error }` result of the contract; anything else thrown becomes `INTERNAL`.
 */
import type { ErrorCode, KioskError } from './contract';

export class KioskFailure extends Error {
  override readonly name = 'KioskFailure';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Omit<KioskError, 'code' | 'message'> = {},
  ) {
    super(message);
  }

  toError(): KioskError {
    return { code: this.code, message: this.message, ...this.details };
  }
}
