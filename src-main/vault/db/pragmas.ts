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
