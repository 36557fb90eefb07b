/**
 * The record document of a payload just sealed, as the export would make it from its row: made
 * from main's memory once, for the client's copy and for the push at submit.
 */
import { submissionMetadataOf, type SubmissionPayload } from '../consent';
import type { ClinicInfo, RecordDocument } from '../contract';
import { buildRecordDocument } from '../export';
import type { Vault } from '../vault';

export function submittedRecord(
  vault: Vault,
  payload: SubmissionPayload,
  clinic: ClinicInfo,
  readingWordsPerMinute: number,
): RecordDocument {
  const stored = vault.contentSnapshot(payload.pack.hash);
  return buildRecordDocument({
    row: { ...submissionMetadataOf(payload), exportedAt: null },
    payload,
    snapshot: stored && { content: stored.content, hash: stored.hash },
    clinic,
    readingWordsPerMinute,
  });
}
