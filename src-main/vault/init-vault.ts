/** Creating a vault: a random key, its slots, and a migrated database, in a crash-safe order. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  DATABASE_FILE,
  databasePath,
  KEY_FILE,
  ensureDataDir,
  fsyncDirectory,
  isFileExistsError,
  keyFilePath,
  vaultExists,
} from './data-folder';
import { generateDatabaseKey, keyCheckFor } from './database-key';
import { VaultError } from './errors';
import { KEY_FILE_VERSION, writeKeyFile, type KeyFile } from './key-file';
import { createKeychainSlot, type KeychainWrapper } from './keychain-slot';
import { runMigrations } from './migrations/run-migrations';
import { createEncryptedDatabase } from './open-database';
import { openVaultWithKey } from './open-vault';
import {
  assertPassphraseLongEnough,
  createPassphraseSlot,
  DEFAULT_SCRYPT_PARAMS,
  type ScryptParams,
} from './passphrase-slot';
import type { Vault } from './vault-handle';

export interface InitVaultOptions {
  passphrase: string;
  /** scrypt cost for the passphrase slot; tests only. Recorded in the slot. */
  kdf?: ScryptParams;
  keychain?: KeychainWrapper;
}

export function initVault(dataDir: string, opts: InitVaultOptions): Vault {
  const caller = 'initVault';
  assertPassphraseLongEnough(opts.passphrase, caller);
  assertNoVault(dataDir, caller);

  const key = generateDatabaseKey();
  try {
    // Every slot is built before the first file is written: a failing KDF or keychain leaves
    // the folder as it was.
    const slots: KeyFile['slots'] = [
      createPassphraseSlot(key, opts.passphrase, opts.kdf ?? DEFAULT_SCRYPT_PARAMS),
    ];
    if (opts.keychain) {
      slots.push(createKeychainSlot(key, opts.keychain));
    }
    const keyFile: KeyFile = {
      version: KEY_FILE_VERSION,
      keyCheck: keyCheckFor(key).toString('base64'),
      slots,
    };
    ensureDataDir(dataDir);
    createMigratedDatabase(dataDir, keyFile, key, caller);
    const vault = openVaultWithKey(dataDir, keyFile, key, caller);
    console.info(`initVault: created vault for kiosk ${vault.kioskId} in ${dataDir}`);
    return vault;
  } finally {
    key.fill(0);
  }
}

function assertNoVault(dataDir: string, caller: string): void {
  if (vaultExists(dataDir)) {
    throw new VaultError(
      'ALREADY_INITIALISED',
      `${caller}: ${dataDir} already holds a vault (${DATABASE_FILE} or ${KEY_FILE}); refusing to create another over it`,
    );
  }
}

/**
 * Builds the database under a temporary name and moves it into place last, after keys.json.
 * A crash before that leaves no `kiosk.db`, never an empty or half-migrated one; a crash
 * between the two leaves a lone keys.json, which `vaultExists` treats as a vault so that no
 * later init writes over it.
 */
function createMigratedDatabase(
  dataDir: string,
  keyFile: KeyFile,
  key: Buffer,
  caller: string,
): void {
  const finalPath = databasePath(dataDir);
  const tempPath = path.join(dataDir, `.${DATABASE_FILE}.init-${randomUUID()}`);
  let wroteKeyFile = false;
  try {
    const db = createEncryptedDatabase(tempPath, key);
    try {
      runMigrations(db);
    } finally {
      // The last connection to close checkpoints the WAL into the file and deletes it
      // (https://www.sqlite.org/wal.html#the_wal_file), so the one file is the whole database.
      db.close();
    }
    if (fs.existsSync(`${tempPath}-wal`)) {
      throw new Error(`${caller}: the new database still has a WAL after closing`);
    }
    writeKeyFile(dataDir, keyFile, { replace: false });
    wroteKeyFile = true;
    fs.linkSync(tempPath, finalPath);
    fs.rmSync(tempPath);
    fsyncDirectory(dataDir);
  } catch (error) {
    for (const file of [tempPath, `${tempPath}-wal`, `${tempPath}-shm`]) {
      fs.rmSync(file, { force: true });
    }
    if (wroteKeyFile && !fs.existsSync(finalPath)) {
      fs.rmSync(keyFilePath(dataDir), { force: true });
    }
    if (isFileExistsError(error)) {
      throw new VaultError(
        'ALREADY_INITIALISED',
        `${caller}: another vault was created in ${dataDir} at the same time`,
        { cause: error },
      );
    }
    throw error;
  }
}
