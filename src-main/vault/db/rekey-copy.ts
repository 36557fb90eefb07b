/**
 * Owns the database side of a rekey (keys/rekey.ts runs the protocol): taking the database to
 * ourselves (step 1), writing and proving the re-encrypted copy (step 2), and letting go.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import {
  databasePath,
  fsyncFile,
  PRIVATE_FILE_MODE,
  rekeyPath,
  removeRekeyFiles,
} from '../data-folder';
import { VaultError } from '../errors';
import { sqlcipherRekeyPragma } from '../keys/database-key';
import { readSchemaVersion } from './migrations/run-migrations';
import { integrityCheckOf, openEncryptedDatabase, type SqliteDatabase } from './open-database';

const TAKE_DATABASE_TIMEOUT_MS = 1000;

/**
 * Step 1. Truncating the WAL puts every committed page in kiosk.db itself; switching to rollback
 * journalling needs an exclusive lock, which SQLite refuses (SQLITE_BUSY) while any other
 * connection has the database open; BEGIN EXCLUSIVE then keeps every other reader out.
 */
export function takeDatabase(db: SqliteDatabase): void {
  try {
    // Another connection keeps its shared lock for as long as it is open, so waiting the usual
    // five seconds (better-sqlite3's default timeout) would only delay the answer.
    db.pragma(`busy_timeout = ${String(TAKE_DATABASE_TIMEOUT_MS)}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const mode: unknown = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') {
      throw new VaultError(
        'VAULT_BUSY',
        `takeDatabase: the database stayed in ${String(mode)} mode`,
      );
    }
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) {
      throw new VaultError(
        'VAULT_BUSY',
        "takeDatabase: another connection has the vault open; close the kiosk app's vault and try again",
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Step 2. A byte copy of the locked file, re-encrypted in place by SQLite3 Multiple Ciphers'
 * `PRAGMA rekey` (it rewrites every page under the new key in one transaction; it refuses WAL
 * mode, which is why step 1 left rollback journalling on). Then proved: it opens with the new
 * key, not the old, passes integrity_check, and holds the same schema and rows.
 */
export function writeRekeyedCopy(
  dataDir: string,
  oldDb: SqliteDatabase,
  oldKey: Buffer,
  newKey: Buffer,
): void {
  const copy = rekeyPath(dataDir);
  removeRekeyFiles(dataDir);
  fs.copyFileSync(databasePath(dataDir), copy, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(copy, PRIVATE_FILE_MODE);

  const rekeying = openEncryptedDatabase(copy, oldKey, { connectionPragmas: false });
  try {
    rekeying.pragma(sqlcipherRekeyPragma(newKey));
  } finally {
    rekeying.close();
  }

  const rekeyed = openEncryptedDatabase(copy, newKey);
  try {
    const integrity = integrityCheckOf(rekeyed);
    if (integrity !== 'ok') {
      throw new Error(
        `writeRekeyedCopy: the re-encrypted copy fails integrity_check: ${integrity}`,
      );
    }
    const before = describeDatabase(oldDb);
    const after = describeDatabase(rekeyed);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      throw new Error(
        'writeRekeyedCopy: the re-encrypted copy does not hold the same schema and rows',
      );
    }
  } finally {
    // The last connection to close checkpoints and deletes the copy's WAL.
    rekeyed.close();
  }
  if (fs.existsSync(`${copy}-wal`)) {
    throw new Error('writeRekeyedCopy: the re-encrypted copy still has a WAL after closing');
  }
  fsyncFile(copy);
}

/** Ends the exclusive transaction (it wrote nothing) and closes; safe to call twice. */
export function releaseDatabase(db: SqliteDatabase): void {
  if (db.open) {
    if (db.inTransaction) {
      db.exec('ROLLBACK');
    }
    db.close();
  }
}

/** Schema, version and the row count of every table: what must survive the copy unchanged. */
function describeDatabase(db: SqliteDatabase): unknown {
  const schema = db
    .prepare<[], { type: string; name: string; sql: string | null }>(
      'SELECT type, name, sql FROM sqlite_master ORDER BY type, name',
    )
    .all();
  const counts = schema
    .filter((entry) => entry.type === 'table' && !entry.name.startsWith('sqlite_'))
    .map((entry) => {
      // An identifier cannot be a bound parameter; these come from our own schema, and only
      // plain lower-case names (all our migrations use) are accepted.
      if (!/^[a-z][a-z0-9_]*$/.test(entry.name)) {
        throw new Error(`describeDatabase: unexpected table name ${JSON.stringify(entry.name)}`);
      }
      const count: unknown = db.prepare(`SELECT count(*) FROM "${entry.name}"`).pluck().get();
      return [entry.name, count];
    });
  return { schema, counts, version: readSchemaVersion(db) };
}
