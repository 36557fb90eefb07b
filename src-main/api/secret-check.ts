/**
 * Every channel that takes a staff secret checks it here: inside a wait the call is refused at
 * once with `RETRY_LATER` (no KDF runs); a wrong secret answers with the wait it started; and
 * the throttle's coalesced counts go to the audit log (vault/secret-attempts.ts).
 */
import type { ApiContext } from './api-context';
import type { AuditEvent } from '../audit';
import { KioskFailure } from '../failure';
import { SecretAttempts, type SecretAuditNote, type StaffSecret } from '../vault';
import { vaultFailure } from './vault-failure';

/** Why a secret was entered, and which kind, for the audit log (never the secret itself). */
export interface SecretEntered {
  purpose: 'open_kiosk' | 'staff_area' | 'change_passphrase' | 'cli';
  via: 'passphrase' | 'recovery-key';
}

export function secretKind(secret: StaffSecret): 'passphrase' | 'recovery-key' {
  return 'passphrase' in secret ? 'passphrase' : 'recovery-key';
}

function attemptsOf(ctx: ApiContext): SecretAttempts {
  return new SecretAttempts(ctx.dataDir, {
    now: ctx.now,
    delayBaseMs: ctx.options.secretDelayBaseMs,
  });
}

function retryLater(retryAfterMs: number): KioskFailure {
  return new KioskFailure('RETRY_LATER', 'Too many wrong tries. Please wait before trying again.', {
    retryAfterMs,
  });
}

/** Refuses at once inside a wait: for checks that cost something before the secret's own. */
export function refuseWhileWaiting(ctx: ApiContext): void {
  const retryAfterMs = attemptsOf(ctx).retryAfterMs();
  if (retryAfterMs > 0) {
    throw retryLater(retryAfterMs);
  }
}

/** Runs `check` (the KDF) under the throttle; its value, or the contract's failure. */
export async function checkStaffSecret<T>(
  ctx: ApiContext,
  entered: SecretEntered,
  check: () => Promise<T>,
): Promise<T> {
  const result = await attemptsOf(ctx).attempt(check);
  switch (result.outcome) {
    case 'refused':
      throw retryLater(result.retryAfterMs);
    case 'wrong': {
      auditNotes(ctx, entered, result.notes);
      const failure = vaultFailure(result.error);
      throw new KioskFailure(failure.code, failure.message, {
        ...failure.details,
        retryAfterMs: result.retryAfterMs,
      });
    }
    case 'right':
      auditNotes(ctx, entered, result.notes);
      return result.value;
    default:
      return result satisfies never;
  }
}

function auditNotes(
  ctx: ApiContext,
  entered: SecretEntered,
  notes: readonly SecretAuditNote[],
): void {
  for (const event of secretAuditEvents(entered, notes)) {
    ctx.audit(event);
  }
}

/** The audit rows of the throttle's notes; the CLI writes them too, once its vault is open. */
export function secretAuditEvents(
  entered: SecretEntered,
  notes: readonly SecretAuditNote[],
): AuditEvent[] {
  return notes.map((note) => ({
    actor: 'unknown',
    action: 'unlock_failed',
    details:
      note.kind === 'first_failure'
        ? { purpose: entered.purpose, via: entered.via }
        : { failures: note.count, from: note.from, to: note.to },
  }));
}
