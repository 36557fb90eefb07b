/**
 * Owns the connection settings every vault database gets (encrypted, or the benchmark's plain
 * one): each pragma is set, then read back.
 */
import type { SqliteDatabase } from './open-database';

/**
 * Set once, on a new database, before its first table. FULL auto-vacuum moves free pages to the
 * end of the file and truncates them at every commit (https://www.sqlite.org/pragma.html#pragma_auto_vacuum),
 * so the file never holds free-list pages. That matters to `cipherIntegrityCheckOf`: free-list
 * leaf pages are the only pages `integrity_check` never reads, so without them it reads, and the
 * cipher authenticates, every page. It also means a purged record's pages leave the file.
 */
export function applyNewDatabasePragmas(db: SqliteDatabase): void {
  setPragma(db, 'auto_vacuum', 'FULL', 1);
}

/**
 * Set on every connection (encrypted or the benchmark's plain one) and read back, because SQLite
 * ignores a pragma it cannot apply rather than failing.
 */
export function applyConnectionPragmas(db: SqliteDatabase): void {
  applyTempStorePragma(db);
  setPragma(db, 'foreign_keys', 'ON', 1);
  setPragma(db, 'journal_mode', 'WAL', 'wal');
  // After journal_mode: this build sets SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL), which may
  // apply on the switch to WAL. FULL fsyncs the WAL at every commit, so a submission survives
  // power loss once insertSubmission returns (https://www.sqlite.org/pragma.html#pragma_synchronous).
  setPragma(db, 'synchronous', 'FULL', 2);
  applyWalSizePragmas(db);
}

/**
 * The WAL's pages, at most: after a commit that leaves more, SQLite copies them into the
 * database (a passive checkpoint). SQLite's default is 1000 (4 MB of 4 KiB pages); 256 keeps the
 * WAL near 1 MiB, so a full disk never holds megabytes of records that only a checkpoint at close
 * would move into kiosk.db (https://www.sqlite.org/pragma.html#pragma_wal_autocheckpoint).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 256;
/**
 * Once a checkpoint has copied the WAL, the next write starts it again from the top and cuts
 * the file back to this size: without a limit the file keeps its largest size for ever
 * (https://www.sqlite.org/pragma.html#pragma_journal_size_limit).
 */
export const JOURNAL_SIZE_LIMIT_BYTES = 1024 * 1024;

/**
 * The most the WAL holds on disk: the autocheckpoint's pages plus one large record's commit
 * beyond them (a 500,000-character signature is about 130 pages). Storage planning
 * (../storage-space.ts) counts on it.
 */
export const WAL_MAX_BYTES = JOURNAL_SIZE_LIMIT_BYTES + 640 * 1024;

function applyWalSizePragmas(db: SqliteDatabase): void {
  setPragma(db, 'wal_autocheckpoint', String(WAL_AUTOCHECKPOINT_PAGES), WAL_AUTOCHECKPOINT_PAGES);
  setPragma(db, 'journal_size_limit', String(JOURNAL_SIZE_LIMIT_BYTES), JOURNAL_SIZE_LIMIT_BYTES);
}

/**
 * Temporary tables and sort spills stay in memory: SQLite3 Multiple Ciphers does not encrypt
 * temporary files (sqleet.h, its predecessor: "temp files are *NOT* encrypted",
 * https://github.com/resilar/sqleet/blob/master/sqleet.h).
 */
export function applyTempStorePragma(db: SqliteDatabase): void {
  setPragma(db, 'temp_store', 'MEMORY', 2);
}

function setPragma(
  db: SqliteDatabase,
  name: string,
  value: string,
  expected: string | number,
): void {
  db.pragma(`${name} = ${value}`);
  const actual: unknown = db.pragma(name, { simple: true });
  if (actual !== expected) {
    throw new Error(`setPragma: ${name} is ${String(actual)} after setting it to ${value}`);
  }
}
