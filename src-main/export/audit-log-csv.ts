/**
 * The audit log as CSV, for an administrator: one row per entry, newest first, into a new folder
 * of its own inside the folder staff chose, written like every export (temporary name, fsync,
 * rename; nothing overwritten; removed again on failure) and neutralised like every CSV.
 */
import { randomBytes } from 'node:crypto';
import { compactLocalTime } from '../../src-shared/clinic-time';
import type { AuditRow } from '../audit';
import { csvHeader, csvRows } from './csv-writer';
import { ExportFolder, nodeFileSink, type FileSink } from './export-folder';

export const AUDIT_LOG_CSV = 'audit-log.csv';

export const AUDIT_LOG_COLUMNS = [
  'seq',
  'at',
  'actor',
  'actor_name',
  'action',
  'details',
  'prev_hash',
  'hash',
] as const;

export interface AuditLogCsvOptions {
  /** The entries to write, in the order given. */
  rows: readonly AuditRow[];
  /** A staff member's name for an actor, when the roster has one. */
  nameOf: (actor: string) => string | null;
  /** The folder staff chose. */
  folder: string;
  now: Date;
  /** The clinic's time zone, for the folder's name. */
  timeZone: string;
  sink?: FileSink;
}

export async function writeAuditLogCsv(
  options: AuditLogCsvOptions,
): Promise<{ folderName: string; fileName: string; entries: number }> {
  // As an export's folder: the clinic's local time with its offset, and a random part so two
  // exports in the same second never share a name.
  const stamp = compactLocalTime(options.now.toISOString(), options.timeZone);
  const folderName = `kiosk-audit-log-${stamp}-${randomBytes(4).toString('hex')}`;
  const folder = await ExportFolder.create(
    options.sink ?? nodeFileSink,
    options.folder,
    folderName,
  );
  try {
    const records = options.rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      actor_name: options.nameOf(row.actor),
      action: row.action,
      details: row.details,
      prev_hash: row.prevHash,
      hash: row.hash,
    }));
    await folder.writeFile(
      AUDIT_LOG_CSV,
      Buffer.concat([csvHeader(AUDIT_LOG_COLUMNS), csvRows(AUDIT_LOG_COLUMNS, records)]),
    );
    // Written under its hidden temporary name, like every export; in place only when whole.
    await folder.publish();
    return { folderName, fileName: AUDIT_LOG_CSV, entries: records.length };
  } catch (error) {
    await folder.discard();
    throw error;
  }
}
