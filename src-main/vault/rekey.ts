/**
 * Rotating the database key. The master key, the staff and recovery slots and the seal key pair
 * stay as they are: they wrap the master key, not the database key. The new key is wrapped by
 * the master key and, if one is given, by the keychain; without a keychain the keychain slot is
 * dropped, so the next unattended start needs a staff secret.
 *
 * Crash-safe: every state a crash can leave opens (see KEYS.md, "Rekey", and
 * `openSettledDatabase`):
 *
 *   1. lock     checkpoint the WAL, switch to rollback journalling, BEGIN EXCLUSIVE: nobody
 *               else has the file open, and nobody reads it until it is replaced
 *   2. copy     kiosk.db -> kiosk.db.rekey, PRAGMA rekey the copy, verify it, fsync
 *   3. pending  keys.json += pendingDatabase (new key)        crash: current key opens kiosk.db
 *   4. rename   kiosk.db.rekey -> kiosk.db, fsync the folder  crash: pending key opens it
 *   5. done     keys.json: database = new key, no pending
 *
 * The vault must be closed (every connection, in every process) first: a connection that is
 * open makes step 1 fail with VAULT_BUSY rather than keep writing into a file that step 4
 * replaces.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import {
  assertVaultFilesExist,
  databasePath,
  fsyncDirectory,
  fsyncFile,
  PRIVATE_FILE_MODE,
  rekeyPath,
  removeRekeyFiles,
} from './data-folder';
import { generateDatabaseKey, sqlcipherRekeyPragma } from './database-key';
import { VaultError } from './errors';
import { readKeyFile, withoutPendingKey, writeKeyFile, type DatabaseKeyEntry } from './key-file';
import { createKeychainSlot, type KeychainWrapper } from './keychain-slot';
import { createDatabaseKeyEntry, unwrapDatabaseKeyEntry } from './master-key';
import { unwrapMasterKey, type StaffSecret } from './master-unlock';
import { readSchemaVersion } from './migrations/run-migrations';
import { integrityCheckOf, openEncryptedDatabase, type SqliteDatabase } from './open-database';
import { openSettledDatabase } from './open-vault';

const TAKE_DATABASE_TIMEOUT_MS = 1000;

export type RekeyStep = 'locked' | 'copied' | 'pending-written' | 'renamed' | 'done';

/** For the crash tests: called after each step is complete (and durable). */
export interface RekeyHooks {
  afterStep?(step: RekeyStep): void;
}

export function rekeyVault(
  dataDir: string,
  secret: StaffSecret,
  opts: { keychain?: KeychainWrapper } = {},
): void {
  rekeyVaultWithHooks(dataDir, secret, opts, {});
}

export function rekeyVaultWithHooks(
  dataDir: string,
  secret: StaffSecret,
  opts: { keychain?: KeychainWrapper },
  hooks: RekeyHooks,
): void {
  const caller = 'rekeyVault';
  assertVaultFilesExist(dataDir, caller);
  // A wrong secret stops here, before anything in the folder is opened.
  const { masterKey } = unwrapMasterKey(readKeyFile(dataDir, caller), secret, caller);
  const newKey = generateDatabaseKey();
  try {
    // Built first: a keychain that cannot wrap leaves the folder as it was.
    const newEntry = createDatabaseKeyEntry(
      newKey,
      masterKey,
      opts.keychain ? createKeychainSlot(newKey, opts.keychain) : undefined,
    );
    // Settles a rekey that a crash interrupted, so the one below starts from a single key.
    const { db, key: oldKey } = openSettledDatabase(
      dataDir,
      readKeyFile(dataDir, caller),
      (entry) => unwrapDatabaseKeyEntry(entry, masterKey, caller),
      caller,
    );
    try {
      replaceDatabase(dataDir, db, { oldKey, newKey, newEntry }, hooks, caller);
    } finally {
      oldKey.fill(0);
    }
    const settled = withoutPendingKey(readKeyFile(dataDir, caller));
    writeKeyFile(dataDir, { ...settled, database: newEntry }, { replace: true });
    hooks.afterStep?.('done');
    console.info(
      `rekeyVault: the database has a new key${opts.keychain ? `, wrapped by the "${opts.keychain.backend}" keychain` : '; no keychain slot: the next start needs a staff secret'}`,
    );
  } finally {
    masterKey.fill(0);
    newKey.fill(0);
  }
}

/** Steps 1-4. Takes ownership of `db` (the old database, opened with `oldKey`). */
function replaceDatabase(
  dataDir: string,
  db: SqliteDatabase,
  keys: { oldKey: Buffer; newKey: Buffer; newEntry: DatabaseKeyEntry },
  hooks: RekeyHooks,
  caller: string,
): void {
  let pendingWritten = false;
  let renamed = false;
  try {
    takeDatabase(db, caller);
    hooks.afterStep?.('locked');

    writeRekeyedCopy(dataDir, db, keys.oldKey, keys.newKey, caller);
    hooks.afterStep?.('copied');

    writeKeyFile(
      dataDir,
      { ...readKeyFile(dataDir, caller), pendingDatabase: keys.newEntry },
      { replace: true },
    );
    pendingWritten = true;
    hooks.afterStep?.('pending-written');

    if (process.platform === 'win32') {
      // Windows cannot rename over a file that is open; POSIX can, and keeping the old file
      // locked until it has no name means no other process starts reading it meanwhile.
      releaseDatabase(db);
    }
    fs.renameSync(rekeyPath(dataDir), databasePath(dataDir));
    renamed = true;
    fsyncDirectory(dataDir);
    hooks.afterStep?.('renamed');
  } catch (error) {
    if (!renamed) {
      undoCopy(dataDir, pendingWritten, caller);
    }
    throw error;
  } finally {
    releaseDatabase(db);
  }
}

/**
 * Step 1. Truncating the WAL puts every committed page in kiosk.db itself; switching to rollback
 * journalling needs an exclusive lock, which SQLite refuses (SQLITE_BUSY) while any other
 * connection has the database open; BEGIN EXCLUSIVE then keeps every other reader out.
 */
function takeDatabase(db: SqliteDatabase, caller: string): void {
  try {
    // Another connection keeps its shared lock for as long as it is open, so waiting the usual
    // five seconds (better-sqlite3's default timeout) would only delay the answer.
    db.pragma(`busy_timeout = ${String(TAKE_DATABASE_TIMEOUT_MS)}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const mode: unknown = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') {
      throw new VaultError('VAULT_BUSY', `${caller}: the database stayed in ${String(mode)} mode`);
    }
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) {
      throw new VaultError(
        'VAULT_BUSY',
        `${caller}: another connection has the vault open; close the kiosk app's vault and try again`,
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
function writeRekeyedCopy(
  dataDir: string,
  oldDb: SqliteDatabase,
  oldKey: Buffer,
  newKey: Buffer,
  caller: string,
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
      throw new Error(`${caller}: the re-encrypted copy fails integrity_check: ${integrity}`);
    }
    const before = describeDatabase(oldDb);
    const after = describeDatabase(rekeyed);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      throw new Error(`${caller}: the re-encrypted copy does not hold the same schema and rows`);
    }
  } finally {
    // The last connection to close checkpoints and deletes the copy's WAL.
    rekeyed.close();
  }
  if (fs.existsSync(`${copy}-wal`)) {
    throw new Error(`${caller}: the re-encrypted copy still has a WAL after closing`);
  }
  fsyncFile(copy);
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

/** A failed rekey before the rename: the old file is still the database; forget the new key. */
function undoCopy(dataDir: string, pendingWritten: boolean, caller: string): void {
  try {
    removeRekeyFiles(dataDir);
    if (pendingWritten) {
      writeKeyFile(dataDir, withoutPendingKey(readKeyFile(dataDir, caller)), { replace: true });
    }
  } catch (error) {
    // The next open settles what is left (the current key still opens the file).
    console.error(`${caller}: could not clean up after a failed rekey`, error);
  }
}

/** Ends the exclusive transaction (it wrote nothing) and closes; safe to call twice. */
function releaseDatabase(db: SqliteDatabase): void {
  if (db.open) {
    if (db.inTransaction) {
      db.exec('ROLLBACK');
    }
    db.close();
  }
}
