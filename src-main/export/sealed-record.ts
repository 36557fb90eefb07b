/**
 * Opening stored submissions for export: each row's checked payload (submission-payload.ts)
 * joined with the pack text it names. A record that fails any of this is reported by its id,
 * never skipped in silence.
 */
import { InvalidSubmissionError, openSubmissionPayload } from '../consent/submission-payload';
import type { ClinicInfo, RecordDocument } from '../contract';
import type { RecordKeys, SubmissionRow, Vault } from '../vault';
import { buildRecordDocument } from './record-document';

/** The record document of each row, reading each pack snapshot once per run. */
export function recordReader(
  vault: Pick<Vault, 'contentSnapshot'>,
  unlock: RecordKeys,
  clinic: ClinicInfo,
  readingWordsPerMinute?: number,
): (row: SubmissionRow) => RecordDocument {
  const snapshots = new Map<string, { content: string; hash: string } | undefined>();
  return (row) => {
    const payload = openSubmissionPayload(row, unlock);
    let snapshot = snapshots.get(row.packHash);
    if (!snapshots.has(row.packHash)) {
      const stored = vault.contentSnapshot(row.packHash);
      snapshot = stored && { content: stored.content, hash: stored.hash };
      snapshots.set(row.packHash, snapshot);
    }
    try {
      return buildRecordDocument({
        row,
        payload,
        snapshot,
        clinic,
        ...(readingWordsPerMinute === undefined ? {} : { readingWordsPerMinute }),
      });
    } catch (error) {
      throw new InvalidSubmissionError(row.id, messageOf(error), [], { cause: error });
    }
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
