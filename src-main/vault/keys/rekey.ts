/**
 * Owns the rekey protocol: rotating the database key. The master key, the staff and recovery
 * slots and the seal key pair stay as they are: they wrap the master key, not the database key.
 * The new key is wrapped by the master key and, if one is given, by the keychain; without a
 * keychain the keychain slot is dropped, so the next unattended start needs a staff secret.
 * The SQL steps (take the database, write and prove the re-encrypted copy) are in
 * db/rekey-copy.ts; this file orders them with the keys.json writes and the rename.
 *
 * Crash-safe: every state a crash can leave opens (see KEYS.md, "Rekey", and
 * `openSettledDatabase` in settle-rekey.ts):
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
import {
  assertVaultFilesExist,
  databasePath,
  fsyncDirectory,
  rekeyPath,
  removeRekeyFiles,
} from '../data-folder';
import type { SqliteDatabase } from '../db/open-database';
import { releaseDatabase, takeDatabase, writeRekeyedCopy } from '../db/rekey-copy';
import { generateDatabaseKey } from './database-key';
import { readKeyFile, withoutPendingKey, writeKeyFile, type DatabaseKeyEntry } from './key-file';
import { createKeychainSlot, type KeychainWrapper } from './keychain-slot';
import { createDatabaseKeyEntry, unwrapDatabaseKeyEntry } from './master-key';
import { unwrapMasterKey, type StaffSecret } from './record-keys';
import { openSettledDatabase } from './settle-rekey';

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
  assertVaultFilesExist(dataDir);
  // A wrong secret stops here, before anything in the folder is opened.
  const { masterKey } = unwrapMasterKey(readKeyFile(dataDir), secret);
  const newKey = generateDatabaseKey();
  try {
    // Built first: a keychain that cannot wrap leaves the folder as it was.
    const newEntry = createDatabaseKeyEntry(
      newKey,
      masterKey,
      opts.keychain ? createKeychainSlot(newKey, opts.keychain) : undefined,
    );
    // Settles a rekey that a crash interrupted, so the one below starts from a single key.
    const { db, key: oldKey } = openSettledDatabase(dataDir, readKeyFile(dataDir), (entry) =>
      unwrapDatabaseKeyEntry(entry, masterKey),
    );
    try {
      replaceDatabase(dataDir, db, { oldKey, newKey, newEntry }, hooks);
    } finally {
      oldKey.fill(0);
    }
    const settled = withoutPendingKey(readKeyFile(dataDir));
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
): void {
  let pendingWritten = false;
  let renamed = false;
  try {
    takeDatabase(db);
    hooks.afterStep?.('locked');

    writeRekeyedCopy(dataDir, db, keys.oldKey, keys.newKey);
    hooks.afterStep?.('copied');

    writeKeyFile(
      dataDir,
      { ...readKeyFile(dataDir), pendingDatabase: keys.newEntry },
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
      undoCopy(dataDir, pendingWritten);
    }
    throw error;
  } finally {
    releaseDatabase(db);
  }
}

/** A failed rekey before the rename: the old file is still the database; forget the new key. */
function undoCopy(dataDir: string, pendingWritten: boolean): void {
  try {
    removeRekeyFiles(dataDir);
    if (pendingWritten) {
      writeKeyFile(dataDir, withoutPendingKey(readKeyFile(dataDir)), { replace: true });
    }
  } catch (error) {
    // The next open settles what is left (the current key still opens the file).
    console.error('undoCopy: could not clean up after a failed rekey', error);
  }
}
