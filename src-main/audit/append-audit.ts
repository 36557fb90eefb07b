/**
 * Appending to the log. An event is either stored as the next link of the chain or the call
 * throws: no event is dropped, trimmed or stored half-formed without the caller knowing. Callers
 * should treat a failed append as a failed action (fail closed): a staff action that cannot be
 * audited should not go ahead.
 */
import { isAuditAction, type AuditEvent } from './audit-event';
import type { AuditRow, AuditStore } from './audit-store';
import { canonicalDetails, entryHash, GENESIS_HASH } from './entry-hash';

/** Longest actor name accepted; `staff:<uuid>` is 42 characters. */
const MAX_ACTOR_LENGTH = 200;

/**
 * How many times to re-read the head when another writer took the next seq between our read and
 * our insert (the kiosk app and the CLI can both have the vault open). Each retry only happens
 * when the head has visibly moved, so this bounds a race, not a fault.
 */
const MAX_ATTEMPTS = 3;

/** Why an event was refused before anything was stored. */
export class AuditEventError extends Error {
  override readonly name = 'AuditEventError';
}

/**
 * Stores `event` as the next entry: seq = last seq + 1 (1 for an empty log), prevHash = the last
 * entry's hash (or `GENESIS_HASH`), details as canonical JSON (`{}` when absent), and returns the
 * row as stored. Throws `AuditEventError` for an unknown action or an empty actor,
 * `AuditDetailsError` for details that are not plain JSON data, and whatever the store throws.
 */
export function appendAudit(
  store: AuditStore,
  event: AuditEvent,
  now: Date = new Date(),
): AuditRow {
  checkEvent(event);
  const at = now.toISOString(); // throws RangeError for an invalid Date: never store "Invalid Date"
  const details = canonicalDetails(event.details ?? {});

  for (let attempt = 1; ; attempt += 1) {
    const last = store.lastAuditRow();
    const row = nextRow(last, { at, actor: event.actor, action: event.action, details });
    try {
      store.appendAuditRow(row);
      return row;
    } catch (error) {
      // Retry only if someone else appended meanwhile (our seq is now taken); any other failure
      // is the caller's to see.
      const headMoved = store.lastAuditRow()?.seq !== last?.seq;
      if (!headMoved || attempt >= MAX_ATTEMPTS) {
        throw error;
      }
    }
  }
}

function nextRow(
  last: AuditRow | undefined,
  fields: Pick<AuditRow, 'at' | 'actor' | 'action' | 'details'>,
): AuditRow {
  const entry = {
    seq: last === undefined ? 1 : last.seq + 1,
    ...fields,
    prevHash: last === undefined ? GENESIS_HASH : last.hash,
  };
  return { ...entry, hash: entryHash(entry) };
}

/** Types alone do not hold at runtime (the CLI and IPC hand us parsed input). */
/**
 * Throws what `appendAudit` would throw for `event` itself (`AuditEventError`,
 * `AuditDetailsError`), without a store: a caller that holds events until the vault opens checks
 * them first, so one unrecordable event can never block the ones after it.
 */
export function checkAuditEvent(event: AuditEvent): void {
  checkEvent(event);
  canonicalDetails(event.details ?? {});
}

function checkEvent(event: AuditEvent): void {
  if (!isAuditAction(event.action)) {
    throw new AuditEventError(`appendAudit: "${String(event.action)}" is not an audit action`);
  }
  if (typeof event.actor !== 'string' || event.actor.trim() === '') {
    throw new AuditEventError('appendAudit: an audit event needs an actor');
  }
  if (event.actor.length > MAX_ACTOR_LENGTH) {
    throw new AuditEventError(
      `appendAudit: the actor name is longer than ${MAX_ACTOR_LENGTH} characters`,
    );
  }
  const details: unknown = event.details;
  if (
    details !== undefined &&
    (typeof details !== 'object' || details === null || Array.isArray(details))
  ) {
    throw new AuditEventError('appendAudit: details must be an object');
  }
}
