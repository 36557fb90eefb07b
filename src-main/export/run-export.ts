/**
 * One export, start to finish: select the submissions, open each with the staff unlock, write
 * the chosen format into a new folder of its own with a manifest, and only once every file is
 * in place mark the submissions exported and audit the export, together in one transaction.
 *
 * If anything fails, every file this export wrote is removed, nothing is marked exported and no
 * successful export is audited. The failed attempt itself is audited (action `export`, outcome
 * `failed`): client records were decrypted, and possibly written to a removable disk before
 * being removed again, so the attempt belongs in the staff log as much as a success does.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit, auditHead } from '../audit';
import { InvalidSubmissionError } from '../consent/submission-payload';
import type { ClinicInfo, ExportFormat, ExportResult, RecordDocument } from '../contract';
import type { RecordKeys, SubmissionFilter, SubmissionRow, Vault } from '../vault';
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
import { ExportFolder, nodeFileSink, type FileSink, type WrittenFile } from './export-folder';
import { BUNDLE_END, bundleEntries, bundleStart, FHIR_BUNDLE_FILE } from './fhir-writer';
import { renderRecordPdf } from './pdf-writer';
import { recordReader } from './sealed-record';

export { ExportError } from './export-error';

export interface ExportRequest {
  format: ExportFormat;
  submissionIds?: string[];
  /** First UTC calendar day, `YYYY-MM-DD`, inclusive. */
  from?: string;
  /** Last UTC calendar day, `YYYY-MM-DD`, inclusive. */
  to?: string;
}

export interface ExportOptions {
  vault: Vault;
  unlock: RecordKeys;
  clinic: ClinicInfo;
  /** The clinic's reading speed, for the reading-time flags (reading-time.ts); a default if left out. */
  readingWordsPerMinute?: number;
  request: ExportRequest;
  /** The folder staff chose; the export makes its own new folder inside it. */
  folder: string;
  /** Who exports, as the audit log names them (`staff:<uuid>`, `recovery-key`, `cli`). */
  actor: string;
  now: Date;
  /** The file system; tests pass one that fails on purpose. */
  sink?: FileSink;
}

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'clinic-kiosk/export-manifest@1';

/** Rows of CSV gathered before each write: fewer, larger writes. */
const CSV_ROWS_PER_WRITE = 64;

export async function runExport(options: ExportOptions): Promise<ExportResult> {
  const { vault, request, now } = options;
  const exportedAt = now.toISOString();
  const filter = filterOf(request);
  // Selected before the disk is touched: nothing to export is not a failure to write.
  const selected = vault.submissionIds(filter);
  if (selected.length === 0) {
    throw new ExportError('EXPORT_EMPTY', describeEmpty(request));
  }
  const folderName = `kiosk-export-${compactUtc(exportedAt)}-${request.format}`;
  let folder: ExportFolder | undefined;
  try {
    folder = await ExportFolder.create(options.sink ?? nodeFileSink, options.folder, folderName);
    const exported = await writeFormat(options, folder, selected, exportedAt);
    const manifest = await folder.writeFile(
      MANIFEST_FILE,
      manifestJson(options, folder.files, exported, exportedAt),
    );
    await folder.sync();
    const files = folder.files.map((file) => file.name);
    recordSuccess(options, exported, manifest, folderName);
    return { count: exported.length, folderName, files, manifestSha256: manifest.sha256 };
  } catch (error) {
    const failure = asExportError(error);
    const left = folder ? await folder.discard() : [];
    const final =
      left.length === 0
        ? failure
        : new ExportError(
            'EXPORT_FAILED',
            `${failure.message} These files could not be removed and must be deleted by hand: ${left.join(', ')}.`,
            failure.reason,
            { cause: error },
          );
    auditFailure(options, folderName, selected.length, final);
    throw final;
  }
}

function filterOf(request: ExportRequest): SubmissionFilter {
  return {
    ...(request.from === undefined ? {} : { from: request.from }),
    ...(request.to === undefined ? {} : { to: request.to }),
    ...(request.submissionIds === undefined ? {} : { ids: request.submissionIds }),
  };
}

/** Writes the files of `request.format`; returns the ids written, in order. */
async function writeFormat(
  options: ExportOptions,
  folder: ExportFolder,
  selected: string[],
  exportedAt: string,
): Promise<string[]> {
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
      return writePdfs(folder, records);
    case 'fhir':
      return writeFhir(folder, records, { bundleId: randomUUID(), timestamp: exportedAt, clinic });
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
  folder: ExportFolder,
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

async function writePdfs(folder: ExportFolder, records: Records): Promise<string[]> {
  const ids: string[] = [];
  for (const { row, record } of records) {
    const pdf = await renderPdf(row, record);
    await folder.writeFile(pdfFileName(record), pdf);
    ids.push(record.submissionId);
  }
  return ids;
}

/** `2025-01-02-<submission id>.pdf`: sorts by date; the id (a checked UUID) makes it unique. */
export function pdfFileName(record: RecordDocument): string {
  return `${record.submittedAt.slice(0, 10)}-${record.submissionId}.pdf`;
}

async function writeFhir(
  folder: ExportFolder,
  records: Records,
  header: Parameters<typeof bundleStart>[0],
): Promise<string[]> {
  const bundle = await folder.openFile(FHIR_BUNDLE_FILE);
  await bundle.write(Buffer.from(bundleStart(header), 'utf8'));
  const ids: string[] = [];
  for (const { row, record } of records) {
    const pdf = await renderPdf(row, record);
    await bundle.write(Buffer.from(bundleEntries(header, record, pdf), 'utf8'));
    ids.push(record.submissionId);
  }
  await bundle.write(Buffer.from(BUNDLE_END, 'utf8'));
  await bundle.commit();
  return ids;
}

async function renderPdf(row: SubmissionRow, record: RecordDocument): Promise<Buffer> {
  try {
    return await renderRecordPdf(record);
  } catch (error) {
    throw invalidRecord(row, error);
  }
}

function manifestJson(
  options: ExportOptions,
  files: readonly WrittenFile[],
  exported: readonly string[],
  exportedAt: string,
): string {
  const manifest = {
    format: MANIFEST_FORMAT,
    exportFormat: options.request.format,
    createdAt: exportedAt,
    actor: options.actor,
    kioskId: options.vault.kioskId,
    count: exported.length,
    // The log's head before this export's own entry: an anchor kept outside the database, so a
    // later rewrite or truncation of the log up to here can be shown (src-main/audit/chain-anchor.ts).
    auditHead: auditHead(options.vault),
    files: files.map(({ name, bytes, sha256 }) => ({ name, bytes, sha256 })),
    submissionIds: exported,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Marks and audits together: both are kept, or neither (then the files are removed). */
function recordSuccess(
  options: ExportOptions,
  exported: string[],
  manifest: WrittenFile,
  folderName: string,
): void {
  const { vault, now } = options;
  try {
    vault.atomically(() => {
      vault.markExported(exported, now.toISOString());
      appendAudit(
        vault,
        {
          actor: options.actor,
          action: 'export',
          details: {
            outcome: 'completed',
            format: options.request.format,
            count: exported.length,
            submissionIds: exported,
            manifestSha256: manifest.sha256,
            folder: folderName,
          },
        },
        now,
      );
    });
  } catch (error) {
    throw new ExportError(
      'EXPORT_FAILED',
      `The export was written but could not be recorded in the kiosk's log, so it was undone: ${messageOf(error)}`,
      'record_keeping',
      { cause: error },
    );
  }
}

function auditFailure(
  options: ExportOptions,
  folderName: string,
  requested: number,
  failure: ExportError,
): void {
  try {
    appendAudit(
      options.vault,
      {
        actor: options.actor,
        action: 'export',
        details: {
          outcome: 'failed',
          format: options.request.format,
          requested,
          folder: folderName,
          reason: failure.reason ?? 'io',
        },
      },
      options.now,
    );
  } catch (error) {
    // The export's own failure is what staff need to see; this one goes to the log.
    console.error('auditFailure: could not audit a failed export', error);
  }
}

function asExportError(error: unknown): ExportError {
  if (error instanceof ExportError) {
    return error;
  }
  return new ExportError('EXPORT_FAILED', `The export failed: ${messageOf(error)}`, 'io', {
    cause: error,
  });
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

function describeEmpty(request: ExportRequest): string {
  if (request.submissionIds !== undefined) {
    return 'None of the chosen submissions is stored on this kiosk; nothing was exported.';
  }
  if (request.from !== undefined || request.to !== undefined) {
    return `No submissions were made ${request.from === undefined ? '' : `from ${request.from} `}${request.to === undefined ? '' : `to ${request.to} `}(UTC); nothing was exported.`;
  }
  return 'There are no submissions to export.';
}

/** `2025-01-02T03:04:05.678Z` → `20250102T030405Z`: a folder name every file system accepts. */
function compactUtc(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
