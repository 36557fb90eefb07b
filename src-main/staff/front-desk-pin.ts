/**
 * The front-desk PIN: stored hashed in the encrypted database's settings, checked online with
 * growing delays, and disabled after ten consecutive failures until an administrator enables it
 * again. The failure count lives in the database, so a restart does not reset it.
 *
 * The PIN is not a key: anyone holding the database key could try all 10^6 six-digit PINs
 * offline. It guards front-desk actions on the running kiosk, where the delays apply; client
 * data stays behind the administrators' passphrases.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Vault } from '../vault';

export type SettingsStore = Pick<Vault, 'getSetting' | 'setSetting' | 'deleteSetting'>;

export const PIN_FAILURE_LIMIT = 10;
/** Failures allowed before delays begin (a mistyped PIN or two costs nothing). */
const FREE_FAILURES = 2;
const MAX_DELAY_MS = 5 * 60 * 1000;
/** scrypt at 16 MiB: cheap enough for a tap, and a PIN's real protection is the online limit. */
const PIN_SCRYPT = { N: 2 ** 14, r: 8, p: 1 } as const;

const KEYS = {
  hash: 'frontdesk.pin',
  failures: 'frontdesk.pin.failures',
  lastFailureAt: 'frontdesk.pin.lastFailureAt',
  disabled: 'frontdesk.pin.disabled',
} as const;

interface StoredPin {
  salt: string;
  hash: string;
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_PIN_DELAY_BASE_MS = 1000;

/**
 * 0, 0, then 2, 4, 8 … times `baseMs` after each further failure, at most five minutes. Tests
 * and the preview server may shorten `baseMs`; the kiosk uses the default.
 */
export function pinDelayMs(failures: number, baseMs = DEFAULT_PIN_DELAY_BASE_MS): number {
  if (failures <= FREE_FAILURES) {
    return 0;
  }
  return Math.min(2 ** (failures - FREE_FAILURES) * baseMs, MAX_DELAY_MS);
}

export interface PinState {
  pinSet: boolean;
  pinDisabled: boolean;
  retryAfterMs: number;
  failures: number;
}

export type PinCheck =
  | { ok: true }
  | {
      ok: false;
      reason: 'WRONG_PIN' | 'PIN_DISABLED' | 'RETRY_LATER' | 'PIN_NOT_SET';
      state: PinState;
      /** True on the failure that disabled PIN entry. */
      justDisabled: boolean;
    };

function hashPin(pin: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return scryptSync(pin, salt, 32, { ...params, maxmem: 64 * 1024 * 1024 });
}

export class FrontDeskPin {
  constructor(
    private readonly store: SettingsStore,
    private readonly now: () => Date,
    private readonly delayBaseMs = DEFAULT_PIN_DELAY_BASE_MS,
  ) {}

  state(): PinState {
    const failures = Number(this.store.getSetting(KEYS.failures) ?? '0');
    const last = Date.parse(this.store.getSetting(KEYS.lastFailureAt) ?? '');
    const waited = Number.isNaN(last) ? Infinity : this.now().getTime() - last;
    return {
      pinSet: this.store.getSetting(KEYS.hash) !== undefined,
      pinDisabled: this.store.getSetting(KEYS.disabled) === '1',
      retryAfterMs: Math.max(0, pinDelayMs(failures, this.delayBaseMs) - waited),
      failures,
    };
  }

  /** Sets a new PIN (already checked against the policy), clearing failures and any lockout. */
  set(pin: string): void {
    const salt = randomBytes(16);
    const stored: StoredPin = {
      salt: salt.toString('base64'),
      hash: hashPin(pin, salt, PIN_SCRYPT).toString('base64'),
      ...PIN_SCRYPT,
    };
    this.store.setSetting(KEYS.hash, JSON.stringify(stored));
    this.enable();
  }

  /** An administrator lets the front desk try again. */
  enable(): void {
    this.store.deleteSetting(KEYS.failures);
    this.store.deleteSetting(KEYS.lastFailureAt);
    this.store.deleteSetting(KEYS.disabled);
  }

  verify(pin: string): PinCheck {
    const before = this.state();
    const refuse = (reason: Exclude<PinCheck, { ok: true }>['reason']): PinCheck => ({
      ok: false,
      reason,
      state: before,
      justDisabled: false,
    });
    const raw = this.store.getSetting(KEYS.hash);
    if (raw === undefined) {
      return refuse('PIN_NOT_SET');
    }
    if (before.pinDisabled) {
      return refuse('PIN_DISABLED');
    }
    if (before.retryAfterMs > 0) {
      return refuse('RETRY_LATER');
    }
    const stored = JSON.parse(raw) as StoredPin;
    const expected = Buffer.from(stored.hash, 'base64');
    const actual = hashPin(pin, Buffer.from(stored.salt, 'base64'), stored);
    if (timingSafeEqual(expected, actual)) {
      this.enable();
      return { ok: true };
    }
    const failures = before.failures + 1;
    this.store.setSetting(KEYS.failures, String(failures));
    this.store.setSetting(KEYS.lastFailureAt, this.now().toISOString());
    const justDisabled = failures >= PIN_FAILURE_LIMIT;
    if (justDisabled) {
      this.store.setSetting(KEYS.disabled, '1');
    }
    return { ok: false, reason: 'WRONG_PIN', state: this.state(), justDisabled };
  }
}
