/**
 * Owns the online throttle on staff secrets (passphrases and the recovery key), per kiosk:
 * a few free failures, then waits that double up to a cap, checked before any KDF runs, and the
 * counts the audit log is told about, coalesced per window.
 *
 * The state cannot live in the database, which is locked exactly when a secret is needed, so it
 * is a small JSON file in the data folder (`secret-attempts.json`, mode 0600, written atomically).
 * It holds no secret, only counts and times. Fails closed:
 * - an attempt is counted BEFORE its KDF runs and uncounted only once it is known to be right
 *   (or refused for another reason), so parallel calls, a crash or a Ctrl-C mid-scrypt cannot
 *   try a guess for free;
 * - a file that does not parse counts as the full wait, from its last change.
 * A deleted file resets the waits: whoever can delete it can also copy keys.json and guess
 * offline, where only scrypt's cost protects the slots (README, "Security").
 *
 * Audit coalescing: the first failure of a window is reported at once (where the log can be
 * written); the window's total is reported once, when the next failure finds the window over or
 * when a secret is right. So an attack of any length costs the log at most two rows per window,
 * and no failure goes untold: the totals are in the file, not in rows held in memory while the
 * database is locked (lost with a restart) or never written (a CLI command's wrong secret).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from './data-folder';
import { VaultError } from './errors';

export const SECRET_ATTEMPTS_FILE = 'secret-attempts.json';
export const DEFAULT_SECRET_DELAY_BASE_MS = 1000;
/** Failures before waits begin: a mistyped passphrase or two costs nothing. */
export const FREE_SECRET_FAILURES = 3;
export const MAX_SECRET_DELAY_MS = 15 * 60 * 1000;
/** Longer than the longest wait, so a slow attack still shares its window with the last tries. */
export const SECRET_AUDIT_WINDOW_MS = 60 * 60 * 1000;

/** 0 for the first free failures, then 2, 4, 8 … times `baseMs`, at most MAX_SECRET_DELAY_MS. */
export function secretDelayMs(failures: number, baseMs = DEFAULT_SECRET_DELAY_BASE_MS): number {
  if (failures <= FREE_SECRET_FAILURES) {
    return 0;
  }
  return Math.min(2 ** Math.min(failures - FREE_SECRET_FAILURES, 30) * baseMs, MAX_SECRET_DELAY_MS);
}

const isoTime = z.iso.datetime();
const stateSchema = z.strictObject({
  version: z.literal(1),
  /** Consecutive failures, counting any attempt in flight: what the wait grows with. */
  failures: z.int().min(0).max(1_000_000_000),
  lastFailureAt: isoTime.nullable(),
  /** Failures the audit log has not had the total of yet. */
  window: z.strictObject({ from: isoTime, to: isoTime, count: z.int().min(1) }).nullable(),
});
type AttemptState = z.infer<typeof stateSchema>;

const NO_FAILURES: AttemptState = { version: 1, failures: 0, lastFailureAt: null, window: null };

/** What the audit log should be told (the vault cannot write it while locked; callers do). */
export type SecretAuditNote =
  { kind: 'first_failure' } | { kind: 'failures'; count: number; from: string; to: string };

export type SecretAttempt<T> =
  | { outcome: 'refused'; retryAfterMs: number }
  | { outcome: 'right'; value: T; notes: SecretAuditNote[] }
  | { outcome: 'wrong'; error: VaultError; retryAfterMs: number; notes: SecretAuditNote[] };

export interface SecretAttemptsOptions {
  now: () => Date;
  /** The unit of the waits (kiosk options; shortened in tests and previews). */
  delayBaseMs: number;
  windowMs?: number;
}

export function isWrongSecret(error: unknown): error is VaultError {
  return (
    error instanceof VaultError &&
    (error.code === 'WRONG_PASSPHRASE' || error.code === 'WRONG_RECOVERY_KEY')
  );
}

export class SecretAttempts {
  private readonly file: string;
  private readonly windowMs: number;

  constructor(
    dataDir: string,
    private readonly opts: SecretAttemptsOptions,
  ) {
    this.file = path.join(dataDir, SECRET_ATTEMPTS_FILE);
    this.windowMs = opts.windowMs ?? SECRET_AUDIT_WINDOW_MS;
  }

  /** How long before a secret may be tried again; 0 when it may be now. */
  retryAfterMs(): number {
    return this.waitOf(this.read());
  }

  /**
   * Runs `check` (which runs the KDF) unless the kiosk is inside a wait. A wrong secret is
   * counted; a right one clears the count; any other failure is uncounted and thrown.
   */
  async attempt<T>(check: () => Promise<T>): Promise<SecretAttempt<T>> {
    const before = this.read();
    const retryAfterMs = this.waitOf(before);
    if (retryAfterMs > 0) {
      return { outcome: 'refused', retryAfterMs };
    }
    this.write({ ...before, failures: before.failures + 1, lastFailureAt: this.nowIso() });
    let value: T;
    try {
      value = await check();
    } catch (error) {
      if (isWrongSecret(error)) {
        return { outcome: 'wrong', error, ...this.countFailure() };
      }
      this.uncount();
      throw error;
    }
    return { outcome: 'right', value, notes: this.clear() };
  }

  private countFailure(): { retryAfterMs: number; notes: SecretAuditNote[] } {
    // Read again: other attempts may have been counted while this one ran its KDF.
    const state = this.read();
    const at = this.nowIso();
    const notes: SecretAuditNote[] = [];
    let window = state.window;
    if (window && this.opts.now().getTime() - Date.parse(window.from) >= this.windowMs) {
      notes.push(...totalOf(window));
      window = null;
    }
    if (window) {
      window = { ...window, to: at, count: window.count + 1 };
    } else {
      notes.push({ kind: 'first_failure' });
      window = { from: at, to: at, count: 1 };
    }
    const next: AttemptState = { ...state, lastFailureAt: at, window };
    this.write(next);
    return { retryAfterMs: this.waitOf(next), notes };
  }

  private uncount(): void {
    const state = this.read();
    this.write({ ...state, failures: Math.max(0, state.failures - 1) });
  }

  private clear(): SecretAuditNote[] {
    const { window } = this.read();
    this.write(NO_FAILURES);
    return totalOf(window);
  }

  private waitOf(state: AttemptState): number {
    const delay = secretDelayMs(state.failures, this.opts.delayBaseMs);
    const last = state.lastFailureAt === null ? NaN : Date.parse(state.lastFailureAt);
    if (delay === 0 || Number.isNaN(last)) {
      return 0;
    }
    // A clock set back cannot make the wait longer than the delay itself.
    return Math.min(delay, Math.max(0, delay - (this.opts.now().getTime() - last)));
  }

  private nowIso(): string {
    return this.opts.now().toISOString();
  }

  private read(): AttemptState {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
        return NO_FAILURES;
      }
      throw error;
    }
    const parsed = parseState(text);
    if (parsed) {
      return parsed;
    }
    // Fails closed: the longest wait, counted from the file's last change (not from now, or an
    // unreadable file would lock staff out for good). The next attempt writes a good file.
    const changedAt = fs.statSync(this.file).mtime.toISOString();
    console.warn(
      `SecretAttempts.read: ${this.file} is not a throttle file; waiting the longest delay from its last change`,
    );
    return { version: 1, failures: 1_000_000, lastFailureAt: changedAt, window: null };
  }

  private write(state: AttemptState): void {
    writeFileAtomically(this.file, `${JSON.stringify(stateSchema.parse(state))}\n`, {
      replace: true,
    });
  }
}

function totalOf(window: AttemptState['window']): SecretAuditNote[] {
  return window ? [{ kind: 'failures', ...window }] : [];
}

function parseState(text: string): AttemptState | undefined {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** For callers that must say why an attempt did not run (the CLI). */
export function retryLaterError(retryAfterMs: number): VaultError {
  return new VaultError(
    'RETRY_LATER',
    `SecretAttempts: too many wrong secrets; try again in ${String(Math.ceil(retryAfterMs / 1000))} s`,
  );
}
