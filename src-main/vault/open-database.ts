/**
 * Opening the SQLCipher database: cipher settings, key, key check, connection pragmas.
 * Uses better-sqlite3-multiple-ciphers (SQLite3 Multiple Ciphers underneath); see its README,
 * section "Encryption", for the pragma order: cipher settings first, then the key.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { sqlcipherKeyPragma } from './database-key';
import { PRIVATE_FILE_MODE } from './data-folder';
import { VaultError } from './errors';
import { sqliteOptions } from './sqlite-binding';

export type SqliteDatabase = Database.Database;

/**
 * Opens an existing encrypted database and checks the key. Never creates a file: SQLite would
 * otherwise turn a mistyped path into a fresh empty vault.
 */
export function openEncryptedDatabase(file: string, key: Buffer): SqliteDatabase {
  // Shape first: nothing touches the file with a key we would not store.
  const keyPragma = sqlcipherKeyPragma(key);
  if (!fs.existsSync(file)) {
    throw new VaultError(
      'NOT_INITIALISED',
      `openEncryptedDatabase: there is no database at ${file}`,
    );
  }
  const db = new Database(file, sqliteOptions({ fileMustExist: true }));
  try {
    applyCipher(db, keyPragma);
    assertKeyOpensDatabase(db, file);
    applyConnectionPragmas(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Creates `file` (which must not exist) as a new, empty encrypted database. */
export function createEncryptedDatabase(file: string, key: Buffer): SqliteDatabase {
  const keyPragma = sqlcipherKeyPragma(key);
  // 'wx' fails if the file exists: the one guarantee that we never create over a database.
  fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  const db = new Database(file, sqliteOptions({ fileMustExist: true }));
  try {
    applyCipher(db, keyPragma);
    applyConnectionPragmas(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * SQLCipher v4 format (`legacy=4`), so standard SQLCipher tools can open a copy with the key.
 * https://utelle.github.io/SQLite3MultipleCiphers/docs/ciphers/cipher_sqlcipher/
 */
function applyCipher(db: SqliteDatabase, keyPragma: string): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  // Read back before keying: an unknown cipher name would otherwise leave the default (not
  // SQLCipher) in place. SQLite3 Multiple Ciphers answers `legacy` as a string.
  const cipher: unknown = db.pragma('cipher', { simple: true });
  const legacy: unknown = db.pragma('legacy', { simple: true });
  if (cipher !== 'sqlcipher' || String(legacy) !== '4') {
    throw new Error(
      `applyCipher: cipher is ${String(cipher)} legacy ${String(legacy)}, not sqlcipher legacy 4`,
    );
  }
  db.pragma(keyPragma);
}

/**
 * `PRAGMA key` always answers "ok"; the key is only tried on the first read. SQLCipher v4
 * authenticates every page with HMAC-SHA512, so a wrong key fails page 1 and SQLite reports
 * SQLITE_NOTADB. SQLCipher documents reading sqlite_master as the way to test a key
 * (https://www.zetetic.net/sqlcipher/sqlcipher-api/#key).
 */
function assertKeyOpensDatabase(db: SqliteDatabase, file: string): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_NOTADB') {
      throw new VaultError('WRONG_KEY', `openEncryptedDatabase: the key does not open ${file}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Set on every connection (encrypted or the benchmark's plain one) and read back, because SQLite
 * ignores a pragma it cannot apply rather than failing.
 */
export function applyConnectionPragmas(db: SqliteDatabase): void {
  // Temporary tables and sort spills stay in memory: SQLite3 Multiple Ciphers does not encrypt
  // temporary files (sqleet.h, its predecessor: "temp files are *NOT* encrypted",
  // https://github.com/resilar/sqleet/blob/master/sqleet.h).
  setPragma(db, 'temp_store', 'MEMORY', 2);
  setPragma(db, 'foreign_keys', 'ON', 1);
  setPragma(db, 'journal_mode', 'WAL', 'wal');
  // After journal_mode: this build sets SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL), which may
  // apply on the switch to WAL. FULL fsyncs the WAL at every commit, so a submission survives
  // power loss once insertSubmission returns (https://www.sqlite.org/pragma.html#pragma_synchronous).
  setPragma(db, 'synchronous', 'FULL', 2);
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
    throw new Error(
      `applyConnectionPragmas: ${name} is ${String(actual)} after setting it to ${value}`,
    );
  }
}
