/**
 * One export, start to finish: select the submissions, open each with the staff unlock, write
 * the chosen format with a manifest, and only once every file is written and synced mark the
 * submissions exported and audit the export "completed", together in one transaction; then
 * move it into place.
 *
 * Nothing is written before the attempt is audited "started" (and recorded as unfinished,
 * unfinished-exports.ts). Everything is written inside a hidden temporary folder in the chosen
 * folder, renamed into place only when complete (export-folder.ts); an encrypted export is one
 * AES-256 zip archive, its plaintext never on any disk (export-archive.ts). If anything fails,
 * every file this export wrote is removed, nothing is marked exported, and the attempt is
 * audited "failed": client records were decrypted, and possibly written to a removable disk
 * before being removed again, so the attempt belongs in the staff log as much as a success.
 * A process killed part-way leaves at most the hidden folder: the next start or the next
 * export to the same place removes it and audits that, or, if the export was already recorded
 * completed, publishes it (rolls forward), so a recorded export is never lost.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { compactLocalTime, localDayRange } from '../../src-shared/clinic-time';
import { appendAudit, auditHead } from '../audit';
import type { ClinicInfo, ExportFormat, ExportResult } from '../contract';
import type { RecordKeys, SubmissionFilter, Vault } from '../vault';
import { newArchivePassword } from './archive-password';
import { ExportArchive } from './export-archive';
import { ExportError } from './export-error';
import {
  ExportFolder,
  nodeFileSink,
  temporaryName,
  type FileSink,
  type WrittenFile,
} from './export-folder';
import { writeFormat } from './format-writers';
import {
  clearUnfinished,
  recordCompleted,
  recordUnfinished,
  releaseUnfinished,
  removeUnfinishedExports,
} from './unfinished-exports';

export { ExportError } from './export-error';

export interface ExportRequest {
  format: ExportFormat;
  submissionIds?: string[];
  /** First calendar day in the clinic's time zone, `YYYY-MM-DD`, inclusive. */
  from?: string;
  /** Last calendar day in the clinic's time zone, `YYYY-MM-DD`, inclusive. */
  to?: string;
  /** Only submissions never exported before. */
  onlyNew?: boolean;
  /** One AES-256 encrypted zip archive instead of a folder; its password is in the result. */
  encrypted?: boolean;
}

export interface ExportOptions {
  vault: Vault;
  unlock: RecordKeys;
  clinic: ClinicInfo;
  /** The clinic's reading speed, for the reading-time flags (reading-time.ts); a default if left out. */
  readingWordsPerMinute?: number;
  request: ExportRequest;
  /** The folder staff chose; the export makes its own new folder (or archive) inside it. */
  folder: string;
  /** Who exports, as the audit log names them (`staff:<uuid>`, `recovery-key`, `cli`). */
  actor: string;
  now: Date;
  /** The file system; tests pass one that fails on purpose. */
  sink?: FileSink;
}

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'clinic-kiosk/export-manifest@1';

/** What an export wrote, before it is recorded. */
interface Written {
  exported: string[];
  manifest: WrittenFile;
  files: string[];
  /** The encrypted archive's own bytes, as written; absent for a folder. */
  archive?: WrittenFile;
}

export async function runExport(options: ExportOptions): Promise<ExportResult> {
  const { vault, request } = options;
  const sink = options.sink ?? nodeFileSink;
  // Selected before the disk is touched: nothing to export is not a failure to write.
  const selected = vault.submissionIds(filterOf(request, options.clinic.timeZone));
  if (selected.length === 0) {
    throw new ExportError('EXPORT_EMPTY', describeEmpty(request, options.clinic.timeZone));
  }
  await removeLeftovers(options, sink);
  const exportId = randomUUID();
  const folderName = exportFolderName(options, exportId);
  const archiveName = request.encrypted === true ? `${folderName}.zip` : undefined;
  const started = auditStarted(options, exportId, folderName, archiveName, selected.length);
  try {
    const { folder, written, password } = await writeAndRecord(
      options,
      sink,
      exportId,
      folderName,
      archiveName,
      selected,
    );
    // Recorded completed: from here the export is only rolled forward, never removed.
    await publish(options, folder, exportId, archiveName);
    return {
      count: written.exported.length,
      folderName: archiveName ?? folderName,
      files: written.files,
      manifestSha256: written.manifest.sha256,
      password,
    };
  } finally {
    releaseUnfinished(started.temporary);
  }
}

/**
 * Writes every file into the hidden folder and records the export completed; on any failure
 * removes what it wrote, audits "failed" and throws.
 */
async function writeAndRecord(
  options: ExportOptions,
  sink: FileSink,
  exportId: string,
  folderName: string,
  archiveName: string | undefined,
  selected: string[],
): Promise<{ folder: ExportFolder; written: Written; password: string | null }> {
  let folder: ExportFolder | undefined;
  try {
    folder = await ExportFolder.create(sink, options.folder, folderName);
    const password = archiveName === undefined ? null : newArchivePassword();
    const written =
      archiveName === undefined || password === null
        ? await writePlain(options, folder, selected)
        : await writeEncrypted(options, folder, selected, archiveName, password);
    await folder.ensureFree(archiveName ?? folderName);
    recordSuccess(options, exportId, written, archiveName ?? folderName);
    return { folder, written, password };
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
    auditFailure(options, exportId, archiveName ?? folderName, selected.length, final, left);
    throw final;
  }
}

/**
 * `kiosk-export-20261130T203000-0500-1a2b3c4d-pdf`: the clinic's local time with its offset (so
 * it sorts and reads as the clinic's day), and part of the export's id, so two exports in the
 * same second never share a name.
 */
function exportFolderName(options: ExportOptions, exportId: string): string {
  const stamp = compactLocalTime(options.now.toISOString(), options.clinic.timeZone);
  return `kiosk-export-${stamp}-${exportId.slice(0, 8)}-${options.request.format}`;
}

/** What earlier exports left (killed, or a drive pulled out); never a reason not to export. */
async function removeLeftovers(options: ExportOptions, sink: FileSink): Promise<void> {
  try {
    await removeUnfinishedExports(options.vault, sink, options.actor, options.now, options.folder);
  } catch (error) {
    console.error('removeLeftovers: could not remove what unfinished exports left', error);
  }
}

/** Audits "started" and records the export as unfinished, before its first byte is written. */
function auditStarted(
  options: ExportOptions,
  exportId: string,
  folderName: string,
  archiveName: string | undefined,
  requested: number,
): { temporary: string } {
  const { vault, request } = options;
  const parent = path.resolve(options.folder);
  const temporary = path.join(parent, temporaryName(folderName));
  const finalName = archiveName ?? folderName;
  try {
    vault.atomically(() => {
      appendAudit(
        vault,
        {
          actor: options.actor,
          action: 'export',
          details: {
            outcome: 'started',
            exportId,
            format: request.format,
            requested,
            folder: finalName,
            encrypted: request.encrypted === true ? 'yes' : 'no',
          },
        },
        options.now,
      );
      recordUnfinished(vault, { exportId, temporary, final: path.join(parent, finalName) });
    });
  } catch (error) {
    throw new ExportError(
      'EXPORT_FAILED',
      `The export could not be recorded in the kiosk's log, so nothing was written: ${messageOf(error)}`,
      'record_keeping',
      { cause: error },
    );
  }
  return { temporary };
}

/** The files, then the manifest, all synced in the hidden folder. */
async function writePlain(
  options: ExportOptions,
  folder: ExportFolder,
  selected: string[],
): Promise<Written> {
  const exported = await writeFormat(options, folder, selected);
  const manifest = await folder.writeFile(
    MANIFEST_FILE,
    manifestJson(options, folder.files, exported),
  );
  await folder.sync();
  return { exported, manifest, files: folder.files.map((file) => file.name) };
}

/** The files and manifest into the archive, the archive synced in the hidden folder. */
async function writeEncrypted(
  options: ExportOptions,
  folder: ExportFolder,
  selected: string[],
  archiveName: string,
  password: string,
): Promise<Written> {
  const archive = new ExportArchive(await folder.openFile(archiveName), password, options.now);
  const exported = await writeFormat(options, archive, selected);
  const manifest = await archive.writeFile(
    MANIFEST_FILE,
    manifestJson(options, archive.files, exported),
  );
  const files = archive.files.map((file) => file.name);
  const written = await archive.close();
  await folder.sync();
  return { exported, manifest, files, archive: written };
}

function filterOf(request: ExportRequest, timeZone: string): SubmissionFilter {
  return {
    ...localDayRange({ from: request.from, to: request.to }, timeZone),
    ...(request.onlyNew === true ? { notExported: true } : {}),
    ...(request.submissionIds === undefined ? {} : { ids: request.submissionIds }),
  };
}

function manifestJson(
  options: ExportOptions,
  files: readonly WrittenFile[],
  exported: readonly string[],
): string {
  const manifest = {
    format: MANIFEST_FORMAT,
    exportFormat: options.request.format,
    createdAt: options.now.toISOString(),
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

/**
 * Marks, audits and flags the unfinished record completed together: all are kept, or none
 * (then the files are removed). Comes before the rename into place, so a folder in the open is
 * always a recorded export; a process killed after this commit leaves the flagged record, and
 * the next start publishes the hidden folder (unfinished-exports.ts).
 */
function recordSuccess(
  options: ExportOptions,
  exportId: string,
  written: Written,
  finalName: string,
): void {
  const { vault, now } = options;
  try {
    vault.atomically(() => {
      vault.markExported(written.exported, now.toISOString());
      appendAudit(
        vault,
        {
          actor: options.actor,
          action: 'export',
          details: {
            outcome: 'completed',
            exportId,
            format: options.request.format,
            count: written.exported.length,
            submissionIds: written.exported,
            manifestSha256: written.manifest.sha256,
            folder: finalName,
            encrypted: written.archive === undefined ? 'no' : 'yes',
            ...(written.archive === undefined ? {} : { archiveSha256: written.archive.sha256 }),
          },
        },
        now,
      );
      recordCompleted(vault, exportId);
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

/**
 * Moves the recorded export into place and clears its unfinished record. A failure here (the
 * drive pulled out, a name taken in the last moment) keeps the hidden folder and the record,
 * so the next start or export to that drive finishes publishing it; staff are told where it is.
 */
async function publish(
  options: ExportOptions,
  folder: ExportFolder,
  exportId: string,
  archiveName: string | undefined,
): Promise<void> {
  try {
    await (archiveName === undefined ? folder.publish() : folder.publishFile(archiveName));
  } catch (error) {
    const failure = asExportError(error);
    throw new ExportError(
      'EXPORT_FAILED',
      `The export is complete and recorded, but could not be moved into place: ${failure.message} Its files are kept in ${folder.path}; the kiosk moves them into place when it next starts or exports to this folder.`,
      failure.reason,
      { cause: error },
    );
  }
  try {
    options.vault.atomically(() => {
      clearUnfinished(options.vault, exportId);
    });
  } catch (error) {
    // Published and recorded: the stale record is cleared at the next start (the folder is
    // already in place, so rolling forward only syncs its parent).
    console.error('publish: could not clear the unfinished record', error);
  }
}

/** Audited whatever happened; the unfinished record stays while files are left on the disk. */
function auditFailure(
  options: ExportOptions,
  exportId: string,
  finalName: string,
  requested: number,
  failure: ExportError,
  left: readonly string[],
): void {
  try {
    options.vault.atomically(() => {
      appendAudit(
        options.vault,
        {
          actor: options.actor,
          action: 'export',
          details: {
            outcome: 'failed',
            exportId,
            format: options.request.format,
            requested,
            folder: finalName,
            reason: failure.reason ?? 'io',
          },
        },
        options.now,
      );
      if (left.length === 0) {
        clearUnfinished(options.vault, exportId);
      }
    });
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

function describeEmpty(request: ExportRequest, timeZone: string): string {
  const which = request.onlyNew === true ? ' not yet exported' : '';
  if (request.submissionIds !== undefined) {
    return `None of the chosen submissions${which ? ` is${which}, or` : ''} is stored on this kiosk; nothing was exported.`;
  }
  if (request.from !== undefined || request.to !== undefined) {
    return `No submissions${which} were made ${request.from === undefined ? '' : `from ${request.from} `}${request.to === undefined ? '' : `to ${request.to} `}(${timeZone}); nothing was exported.`;
  }
  return `There are no submissions${which} to export.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
