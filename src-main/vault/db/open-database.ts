/**
 * Owns opening the SQLCipher database file: cipher settings, key, key check, then the connection
 * pragmas (pragmas.ts), and the two integrity checks. Uses better-sqlite3-multiple-ciphers
 * (SQLite3 Multiple Ciphers underneath); see its README, section "Encryption", for the pragma
 * order: cipher settings first, then the key.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { databasePath, PRIVATE_FILE_MODE } from '../data-folder';
import { VaultError } from '../errors';
import { sqlcipherKeyPragma } from '../keys/database-key';
import { releaseReserveIfLow } from '../storage-space';
import { applyConnectionPragmas, applyNewDatabasePragmas, applyTempStorePragma } from './pragmas';
import { sqliteOptions } from './sqlite-binding';

export type SqliteDatabase = Database.Database;

/**
 * Opens an existing encrypted database and checks the key. Never creates a file: SQLite would
 * otherwise turn a mistyped path into a fresh empty vault. `connectionPragmas: false` leaves the
 * journal mode alone (for the rekey copy, which must stay in rollback mode).
 */
export function openEncryptedDatabase(
  file: string,
  key: Buffer,
  options: { connectionPragmas: boolean } = { connectionPragmas: true },
): SqliteDatabase {
  // Shape first: nothing touches the file with a key we would not store.
  const keyPragma = sqlcipherKeyPragma(key);
  const before = statIfExists(file);
  if (!before) {
    throw new VaultError(
      'NOT_INITIALISED',
      `openEncryptedDatabase: there is no database at ${file}`,
    );
  }
  // A full disk must not keep the vault shut: the WAL index, the checkpoint and the audit entry
  // of the open need room, which the storage reserve gives back (../storage-space.ts).
  releaseReserveIfLow(path.dirname(file));
  const db = new Database(file, sqliteOptions({ fileMustExist: true }));
  try {
    applyCipher(db, keyPragma);
    assertKeyOpensDatabase(db, file);
    assertSameFile(file, before);
    if (options.connectionPragmas) {
      applyConnectionPragmas(db);
    } else {
      applyTempStorePragma(db);
    }
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
    applyNewDatabasePragmas(db);
    applyConnectionPragmas(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The keyed database with its pragmas set, for dumps and tamper tests. The caller closes it. */
export function openRawDatabase(dataDir: string, databaseKey: Buffer): SqliteDatabase {
  return openEncryptedDatabase(databasePath(dataDir), databaseKey);
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
      throw new VaultError('WRONG_KEY', `assertKeyOpensDatabase: the key does not open ${file}`, {
        cause: error,
      });
    }
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY') {
      throw new VaultError(
        'VAULT_BUSY',
        `assertKeyOpensDatabase: ${file} is locked by another connection (a rekey in progress?)`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * A rekey replaces kiosk.db by renaming a re-encrypted copy over it while it holds the old file
 * locked. A process that opened the old file just before then reads it only after the rename:
 * it would be writing into a file that no longer has a name. The name must still lead to the
 * file we opened.
 */
function assertSameFile(file: string, before: fs.Stats): void {
  const after = statIfExists(file);
  if (after?.ino !== before.ino || after.dev !== before.dev) {
    throw new VaultError(
      'VAULT_BUSY',
      `assertSameFile: ${file} was replaced while it was being opened (a rekey finished); open it again`,
    );
  }
}

function statIfExists(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * `PRAGMA integrity_check`: 'ok' or SQLite's problems, one per line. A page that fails its
 * cipher authentication makes SQLite throw SQLITE_CORRUPT instead of listing it; that is
 * reported as a problem too, not thrown.
 */
export function integrityCheckOf(db: SqliteDatabase): string {
  return checkPragmaOf(db, 'integrity_check');
}

/**
 * `PRAGMA quick_check`: integrity_check without the index-content checks, O(N) instead of
 * O(N log N) (https://sqlite.org/pragma.html#pragma_quick_check); the health snapshot's
 * periodic check. A damaged page is reported as a problem, as integrity_check's is.
 */
export function quickCheckOf(db: SqliteDatabase): string {
  return checkPragmaOf(db, 'quick_check');
}

function checkPragmaOf(db: SqliteDatabase, pragma: 'integrity_check' | 'quick_check'): string {
  try {
    return db.prepare<[], string>(`PRAGMA ${pragma}`).pluck().all().join('\n');
  } catch (error) {
    if (isDamagedDatabaseError(error)) {
      return `${pragma} stopped: ${error.code}: ${error.message}`;
    }
    throw error;
  }
}

/**
 * The cipher's own check of every page. SQLCipher has `PRAGMA cipher_integrity_check`; SQLite3
 * Multiple Ciphers does not (2.3.5 ignores it, as SQLite ignores any unknown pragma), but it
 * authenticates each page with its HMAC whenever the page is read from disk (`hmac_check`, on by
 * default; SQLITE_CORRUPT on failure). So this reads every page from disk:
 * - on a new connection, so that no page comes from an earlier read's cache;
 * - `PRAGMA integrity_check` reads every b-tree, overflow, pointer-map and free-list trunk page;
 * - free-list leaf pages are never read by any SQL, so the vault keeps none (FULL auto-vacuum,
 *   see `applyNewDatabasePragmas` in pragmas.ts); a non-zero `freelist_count` is reported as a
 *   problem.
 * Pages in the WAL are read (and authenticated) in their latest version.
 */
export function cipherIntegrityCheckOf(file: string, key: Buffer): string {
  let db: SqliteDatabase;
  try {
    db = openEncryptedDatabase(file, key, { connectionPragmas: false });
  } catch (error) {
    if (error instanceof VaultError && error.code === 'WRONG_KEY') {
      return `page 1 does not authenticate with the vault's key: ${error.message}`;
    }
    throw error;
  }
  try {
    const problems: string[] = [];
    // SQLite3 Multiple Ciphers answers its own pragmas as strings.
    if (String(db.pragma('hmac_check', { simple: true })) !== '1') {
      problems.push('hmac_check is off: pages are not authenticated when read');
    }
    const integrity = integrityCheckOf(db);
    if (integrity !== 'ok') {
      problems.push(integrity);
    }
    const freePages: unknown = db.pragma('freelist_count', { simple: true });
    if (freePages !== 0) {
      problems.push(
        `${String(freePages)} free-list pages, which no SQL reads, were not authenticated`,
      );
    }
    return problems.length === 0 ? 'ok' : problems.join('\n');
  } finally {
    db.close();
  }
}

function isDamagedDatabaseError(
  error: unknown,
): error is InstanceType<typeof Database.SqliteError> {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_CORRUPT' || error.code === 'SQLITE_NOTADB')
  );
}
