/**
 * Opening an existing vault: a staff secret (through the master key) or the OS keychain gives the
 * database key; the database is opened with it, finishing a rekey that a crash interrupted.
 *
 * Key buffers are zeroed once used. That is best effort in JavaScript (the hex pragma string
 * cannot be wiped), but it keeps keys out of buffers that live on.
 */
import fs from 'node:fs';
import { assertVaultFilesExist, databasePath, rekeyPath, removeRekeyFiles } from './data-folder';
import { VaultError } from './errors';
import {
  readKeyFile,
  withoutPendingKey,
  writeKeyFile,
  type DatabaseKeyEntry,
  type KeyFile,
} from './key-file';
import { unwrapKeychainSlot, type KeychainWrapper } from './keychain-slot';
import { unwrapDatabaseKeyEntry } from './master-key';
import {
  assertSodiumReady,
  createMasterUnlock,
  unwrapMasterKey,
  type MasterUnlock,
  type StaffSecret,
} from './master-unlock';
import { openEncryptedDatabase, type SqliteDatabase } from './open-database';
import { createVaultHandle, type Vault } from './vault-handle';

/** Gives the database key of one keys.json entry, or throws why it cannot. */
type KeySource = (entry: DatabaseKeyEntry) => Buffer;

/** The vault and a staff unlock: can write, list and open submissions. */
export function openVaultWithSecret(
  dataDir: string,
  secret: StaffSecret,
): { vault: Vault; unlock: MasterUnlock } {
  const caller = 'openVaultWithSecret';
  assertSodiumReady(caller);
  assertVaultFilesExist(dataDir, caller);
  const keyFile = readKeyFile(dataDir, caller);
  // A wrong secret stops here, before anything in the folder is opened.
  const opened = unwrapMasterKey(keyFile, secret, caller);
  try {
    const { vault, keyFile: settled } = openVaultWithKeySource(
      dataDir,
      (entry) => unwrapDatabaseKeyEntry(entry, opened.masterKey, caller),
      caller,
      keyFile,
    );
    try {
      return { vault, unlock: createMasterUnlock(settled, opened, caller) };
    } catch (error) {
      vault.close();
      throw error;
    }
  } finally {
    opened.masterKey.fill(0);
  }
}

/**
 * The vault opened unattended with the OS keychain: write-only. It can insert and list
 * submissions but has no key that opens them.
 */
export function openVaultWithKeychain(dataDir: string, keychain: KeychainWrapper): Vault {
  const caller = 'openVaultWithKeychain';
  assertSodiumReady(caller);
  assertVaultFilesExist(dataDir, caller);
  return openVaultWithKeySource(
    dataDir,
    (entry) => unwrapKeychainSlot(entry, keychain, caller),
    caller,
    readKeyFile(dataDir, caller),
  ).vault;
}

/** Checks `secret` against the slots and returns the unlock; opens no database. */
export function unlockStaff(dataDir: string, secret: StaffSecret): MasterUnlock {
  const caller = 'unlockStaff';
  assertSodiumReady(caller);
  const keyFile = readKeyFile(dataDir, caller);
  const opened = unwrapMasterKey(keyFile, secret, caller);
  try {
    return createMasterUnlock(keyFile, opened, caller);
  } finally {
    opened.masterKey.fill(0);
  }
}

/** For the attacker model in tests and for maintenance tools: the key a keychain gives. */
export function unwrapDatabaseKeyWithKeychain(dataDir: string, keychain: KeychainWrapper): Buffer {
  const caller = 'unwrapDatabaseKeyWithKeychain';
  return unwrapKeychainSlot(readKeyFile(dataDir, caller).database, keychain, caller);
}

/** The keyed database with its pragmas set, for dumps and tamper tests. The caller closes it. */
export function openRawDatabase(dataDir: string, databaseKey: Buffer): SqliteDatabase {
  return openEncryptedDatabase(databasePath(dataDir), databaseKey);
}

function openVaultWithKeySource(
  dataDir: string,
  keyOf: KeySource,
  caller: string,
  keyFile: KeyFile,
): { vault: Vault; keyFile: KeyFile } {
  let current = keyFile;
  for (let attempt = 1; ; attempt++) {
    try {
      const settled = openSettledDatabase(dataDir, current, keyOf, caller);
      try {
        const publicKey = Buffer.from(settled.keyFile.seal.publicKey, 'base64');
        const vault = createVaultHandle(settled.db, dataDir, settled.key, publicKey);
        return { vault, keyFile: settled.keyFile };
      } finally {
        settled.key.fill(0);
      }
    } catch (error) {
      // A rekey replaced the file while we opened it: once more, with the keys.json it left.
      if (attempt < 2 && error instanceof VaultError && error.code === 'VAULT_BUSY') {
        console.warn(`${caller}: ${error.message}; trying once more`);
        current = readKeyFile(dataDir, caller);
        continue;
      }
      throw error;
    }
  }
}

/**
 * Opens kiosk.db with the current database key or, when a rekey was interrupted, with whichever
 * of the current and pending keys opens the file, then records the outcome in keys.json:
 * - the current key opens it: the rekey never replaced the file; drop the pending key and the
 *   re-encrypted copy;
 * - the pending key opens it: the copy was renamed into place; the pending key becomes current.
 * A key source that cannot give one of the two keys (a keychain that wrapped only one) skips it.
 */
export function openSettledDatabase(
  dataDir: string,
  keyFile: KeyFile,
  keyOf: KeySource,
  caller: string,
): { db: SqliteDatabase; key: Buffer; keyFile: KeyFile } {
  const file = databasePath(dataDir);
  const pending = keyFile.pendingDatabase;
  if (!pending) {
    const key = keyOf(keyFile.database);
    let db: SqliteDatabase;
    try {
      db = openEncryptedDatabase(file, key);
    } catch (error) {
      key.fill(0);
      throw error;
    }
    removeStaleRekeyCopy(dataDir, caller);
    return { db, key, keyFile };
  }

  let firstError: unknown;
  for (const which of ['current', 'pending'] as const) {
    const entry = which === 'current' ? keyFile.database : pending;
    let key: Buffer;
    let db: SqliteDatabase;
    try {
      key = keyOf(entry);
    } catch (error) {
      firstError ??= error;
      continue;
    }
    try {
      db = openEncryptedDatabase(file, key);
    } catch (error) {
      key.fill(0);
      if (error instanceof VaultError && error.code === 'WRONG_KEY') {
        firstError ??= error;
        continue;
      }
      throw error;
    }
    const settled = settleRekey(dataDir, keyFile, which, caller);
    return { db, key, keyFile: settled };
  }
  throw firstError;
}

/**
 * A rekey killed before it recorded its new key leaves a copy that no stored key opens. Safe to
 * delete once the database is open: a rekey in progress holds the database locked, so opening
 * it would have failed.
 */
function removeStaleRekeyCopy(dataDir: string, caller: string): void {
  if (fs.existsSync(rekeyPath(dataDir))) {
    try {
      removeRekeyFiles(dataDir);
      console.warn(`${caller}: removed the copy left by a rekey that stopped before it was used`);
    } catch (error) {
      console.error(`${caller}: could not remove the copy left by an unfinished rekey`, error);
    }
  }
}

/**
 * Records which key the interrupted rekey left in use. Failing to record it is not fatal: the
 * next open settles it again, so the vault still opens.
 */
function settleRekey(
  dataDir: string,
  keyFile: KeyFile,
  inUse: 'current' | 'pending',
  caller: string,
): KeyFile {
  const pending = keyFile.pendingDatabase;
  const rest = withoutPendingKey(keyFile);
  const settled: KeyFile = inUse === 'pending' && pending ? { ...rest, database: pending } : rest;
  try {
    if (inUse === 'current') {
      removeRekeyFiles(dataDir);
    }
    writeKeyFile(dataDir, settled, { replace: true });
    console.warn(
      `${caller}: finished an interrupted rekey: the ${inUse === 'pending' ? 'new key had replaced the database; it is now the current key' : 'database was never replaced; the new key was dropped'}`,
    );
  } catch (error) {
    console.error(`${caller}: could not record the outcome of an interrupted rekey`, error);
  }
  return settled;
}
