/**
 * The files of one export's format, written into its folder or archive: the records are opened
 * one at a time as they are written (never all at once), as CSV tables, one PDF each, or the FHIR
 * Bulk Data layout. What surrounds them (selection, manifest, audit, publishing) is run-export.ts.
 */
import { randomUUID } from 'node:crypto';
import { localDay } from '../../src-shared/clinic-time';
import { InvalidSubmissionError } from '../consent/submission-payload';
import type { ClinicInfo, ExportFormat, RecordDocument } from '../contract';
import type { RecordKeys, SubmissionRow, Vault } from '../vault';
import {
  ANSWER_COLUMNS,
  answerRecords,
  ANSWERS_CSV,
  csvHeader,
  csvRows,
  STATEMENT_COLUMNS,
  STATEMENTS_CSV,
  statementRecords,
  SUBMISSION_COLUMNS,
  SUBMISSIONS_CSV,
  submissionRecord,
  VIDEO_COLUMNS,
  videoRecords,
  VIDEOS_CSV,
} from './csv-writer';
import { ExportError, type ExportFailureReason } from './export-error';
import type { ExportTarget } from './export-folder';
import { BulkDataWriter } from './fhir-bulk';
import type { BundleHeader } from './fhir-writer';
import { FileWindow } from './file-window';
import { PdfLayouts } from './pdf-layouts';
import { drawPdfs } from './pdf-pool';
import { recordReader } from './sealed-record';

/** What the format writers need of an export. */
export interface FormatOptions {
  vault: Vault;
  unlock: RecordKeys;
  clinic: ClinicInfo;
  readingWordsPerMinute?: number;
  request: { format: ExportFormat };
  now: Date;
}

/** Rows of CSV gathered before each write: fewer, larger writes. */
const CSV_ROWS_PER_WRITE = 64;

/** Writes the files of `request.format`; returns the ids written, in order. */
export async function writeFormat(
  options: FormatOptions,
  folder: ExportTarget,
  selected: string[],
): Promise<string[]> {
  const exportedAt = options.now.toISOString();
  const { vault, unlock, clinic } = options;
  const read = recordReader(vault, unlock, clinic, options.readingWordsPerMinute);
  const records = (function* (): Generator<{ row: SubmissionRow; record: RecordDocument }> {
    for (const row of vault.iterateSubmissions({ ids: selected })) {
      yield { row, record: readRecord(read, row) };
    }
  })();
  switch (options.request.format) {
    case 'csv':
      return writeCsv(folder, records, exportedAt);
    case 'pdf':
      return writePdfs(folder, withPdfs(records, selected.length));
    case 'fhir':
      return writeFhir(folder, withPdfs(records, selected.length), {
        bundleId: randomUUID(),
        timestamp: exportedAt,
        clinic,
      });
  }
}

function readRecord(
  read: (row: SubmissionRow) => RecordDocument,
  row: SubmissionRow,
): RecordDocument {
  try {
    return read(row);
  } catch (error) {
    throw invalidRecord(row, error);
  }
}

type Records = Iterable<{ row: SubmissionRow; record: RecordDocument }>;

async function writeCsv(
  folder: ExportTarget,
  records: Records,
  exportedAt: string,
): Promise<string[]> {
  const submissions = await folder.openFile(SUBMISSIONS_CSV);
  const statements = await folder.openFile(STATEMENTS_CSV);
  const answers = await folder.openFile(ANSWERS_CSV);
  const videos = await folder.openFile(VIDEOS_CSV);
  await submissions.write(csvHeader(SUBMISSION_COLUMNS));
  await statements.write(csvHeader(STATEMENT_COLUMNS));
  await answers.write(csvHeader(ANSWER_COLUMNS));
  await videos.write(csvHeader(VIDEO_COLUMNS));
  const ids: string[] = [];
  let submissionRows: ReturnType<typeof submissionRecord>[] = [];
  let statementRows: ReturnType<typeof statementRecords> = [];
  let answerRows: ReturnType<typeof answerRecords> = [];
  let videoRows: ReturnType<typeof videoRecords> = [];
  const flush = async (): Promise<void> => {
    await submissions.write(csvRows(SUBMISSION_COLUMNS, submissionRows));
    await statements.write(csvRows(STATEMENT_COLUMNS, statementRows));
    await answers.write(csvRows(ANSWER_COLUMNS, answerRows));
    await videos.write(csvRows(VIDEO_COLUMNS, videoRows));
    submissionRows = [];
    statementRows = [];
    answerRows = [];
    videoRows = [];
  };
  for (const { record } of records) {
    ids.push(record.submissionId);
    submissionRows.push(submissionRecord(record, exportedAt));
    statementRows.push(...statementRecords(record));
    answerRows.push(...answerRecords(record));
    videoRows.push(...videoRecords(record));
    if (submissionRows.length >= CSV_ROWS_PER_WRITE) {
      await flush();
    }
  }
  await flush();
  await submissions.commit();
  await statements.commit();
  await answers.commit();
  await videos.commit();
  return ids;
}

/**
 * Each record with its PDF, drawn on every core (pdf-pool.ts); the PDFs drawn on this thread share
 * one `PdfLayouts`, this export's laid-out words, dropped with it.
 */
function withPdfs(records: Records, count: number): RecordsWithPdfs {
  return drawPdfs(records, { count, layouts: new PdfLayouts(), fail: invalidRecord });
}

type RecordsWithPdfs = AsyncIterable<{ row: SubmissionRow; record: RecordDocument; pdf: Buffer }>;

async function writePdfs(folder: ExportTarget, records: RecordsWithPdfs): Promise<string[]> {
  const ids: string[] = [];
  const files = new FileWindow(folder);
  try {
    for await (const { record, pdf } of records) {
      await files.writeFile(pdfFileName(record), pdf);
      ids.push(record.submissionId);
    }
    await files.drain();
  } catch (error) {
    await files.settle();
    throw error;
  }
  return ids;
}

/**
 * `2025-01-02-<submission id>.pdf`: sorts by the clinic's day of submission; the id (a checked
 * UUID) makes it unique.
 */
export function pdfFileName(record: RecordDocument): string {
  return `${localDay(record.submittedAt, record.clinic.timeZone)}-${record.submissionId}.pdf`;
}

/** The FHIR Bulk Data layout: NDJSON per resource type, each PDF beside them (fhir-bulk.ts). */
async function writeFhir(
  folder: ExportTarget,
  records: RecordsWithPdfs,
  header: BundleHeader,
): Promise<string[]> {
  const bulk = await BulkDataWriter.start(folder, header);
  const ids: string[] = [];
  try {
    for await (const { record, pdf } of records) {
      await bulk.add(record, pdf, pdfFileName(record));
      ids.push(record.submissionId);
    }
    await bulk.finish();
  } catch (error) {
    await bulk.abandon();
    throw error;
  }
  return ids;
}

function invalidRecord(row: SubmissionRow, error: unknown): ExportError {
  if (error instanceof ExportError) {
    return error;
  }
  const detail =
    error instanceof InvalidSubmissionError
      ? error.message
      : `submission ${row.id}: ${messageOf(error)}`;
  const reason: ExportFailureReason = 'record_invalid';
  return new ExportError(
    'EXPORT_FAILED',
    `A stored record could not be exported, so nothing was: ${detail}`,
    reason,
    { cause: error },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
