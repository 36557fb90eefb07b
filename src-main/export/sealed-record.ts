/**
 * Opening one stored submission for export or display: unseal, parse, check it is a payload
 * this app wrote, and join it with the pack text it names. A record that fails any of this is
 * reported by its id, never skipped in silence.
 *
 * Note what a sealed box does not prove: anyone with the clinic's public key (stored in clear)
 * can seal a payload, so whoever holds the database key could insert a forged submission. The
 * checks here keep such a record from breaking the export (file names, shapes); they cannot
 * tell it from a real one.
 */
import { PAYLOAD_FORMAT, type SubmissionPayload } from '../consent/submission-payload';
import type { ClinicInfo, RecordDocument } from '../contract';
import type { MasterUnlock, SubmissionRow, Vault } from '../vault';
import { buildRecordDocument } from './record-document';

export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
}

/** Submission ids are UUIDs; anything else in a row is refused (it also names a PDF file). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Times as `Date.prototype.toISOString` writes them (the submission date names a PDF file). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function openPayload(row: SubmissionRow, unlock: MasterUnlock): SubmissionPayload {
  if (!UUID.test(row.id)) {
    throw new InvalidRecordError(
      `a stored submission has the id ${JSON.stringify(row.id)}, which is not a UUID`,
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(unlock.openSubmission(row.sealed));
  } catch (error) {
    throw new InvalidRecordError(`submission ${row.id} cannot be opened: ${messageOf(error)}`, {
      cause: error,
    });
  }
  if (!isPayload(payload)) {
    throw new InvalidRecordError(`submission ${row.id} is not a ${PAYLOAD_FORMAT} record`);
  }
  return payload;
}

/** The record document of each row, reading each pack snapshot once per run. */
export function recordReader(
  vault: Pick<Vault, 'contentSnapshot'>,
  unlock: MasterUnlock,
  clinic: ClinicInfo,
): (row: SubmissionRow) => RecordDocument {
  const snapshots = new Map<string, { content: string; hash: string } | undefined>();
  return (row) => {
    const payload = openPayload(row, unlock);
    let snapshot = snapshots.get(row.packHash);
    if (!snapshots.has(row.packHash)) {
      const stored = vault.contentSnapshot(row.packHash);
      snapshot = stored && { content: stored.content, hash: stored.hash };
      snapshots.set(row.packHash, snapshot);
    }
    try {
      return buildRecordDocument({ row, payload, snapshot, clinic });
    } catch (error) {
      throw new InvalidRecordError(messageOf(error), { cause: error });
    }
  };
}

/** The fields every consumer reads; the rest is typed by the format this app writes. */
function isPayload(value: unknown): value is SubmissionPayload {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const payload = value as Partial<Record<keyof SubmissionPayload, unknown>>;
  return (
    payload.format === PAYLOAD_FORMAT &&
    typeof payload.submissionId === 'string' &&
    typeof payload.submittedAt === 'string' &&
    ISO_INSTANT.test(payload.submittedAt) &&
    typeof payload.startedAt === 'string' &&
    typeof payload.pack === 'object' &&
    payload.pack !== null &&
    Array.isArray(payload.steps) &&
    Array.isArray(payload.checks) &&
    Array.isArray(payload.acknowledgements) &&
    typeof payload.identity === 'object' &&
    payload.identity !== null &&
    typeof payload.signature === 'object' &&
    payload.signature !== null
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
