/**
 * Owns creating a vault (open-existing-vault.ts opens one): the master key, the database key,
 * the clinic's seal key pair, the admin's passphrase slot and the recovery slot, then a migrated
 * database, in a crash-safe order.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateSealKeyPair, wipeBytes } from '../seal';
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
import { runMigrations } from './db/migrations/run-migrations';
import { createEncryptedDatabase, openEncryptedDatabase } from './db/open-database';
import { createVaultDatabase, writeSealPublicKey, type Vault } from './db/vault-database';
import { VaultError } from './errors';
import { generateDatabaseKey } from './keys/database-key';
import { KEY_FILE_VERSION, writeKeyFile, type KeyFile } from './keys/key-file';
import { createKeychainSlot, type KeychainWrapper } from './keys/keychain-slot';
import { createDatabaseKeyEntry, generateMasterKey, wrapSealPrivateKey } from './keys/master-key';
import {
  assertPassphraseLongEnough,
  createPassphraseSlot,
  DEFAULT_SCRYPT_PARAMS,
  type ScryptParams,
  type StaffIdentity,
} from './keys/passphrase-slot';
import { formatRecoveryKey, generateRecoveryKey } from './keys/recovery-key';
import { createRecoverySlot } from './keys/recovery-slot';
import { newStaffMember } from './keys/staff-roster';
import { assertSodiumReady } from './sodium-ready';

export interface InitVaultOptions {
  /** The first administrator's name, shown in the staff list. */
  adminName: string;
  passphrase: string;
  /** scrypt cost for the passphrase slot; tests only. Recorded in the slot. */
  kdf?: ScryptParams;
  keychain?: KeychainWrapper;
}

export interface InitVaultResult {
  vault: Vault;
  /** Shown once to the person setting up; never stored in clear, never logged. */
  recoveryKey: string;
  admin: StaffIdentity;
}

export function initVault(dataDir: string, opts: InitVaultOptions): InitVaultResult {
  assertSodiumReady();
  const admin = newStaffMember(opts.adminName);
  assertPassphraseLongEnough(opts.passphrase);
  assertNoVault(dataDir);

  const masterKey = generateMasterKey();
  const databaseKey = generateDatabaseKey();
  const recoveryKey = generateRecoveryKey();
  const seal = generateSealKeyPair();
  try {
    // Every slot is built before the first file is written: a failing KDF or keychain leaves
    // the folder as it was.
    const publicKey = Buffer.from(seal.publicKey).toString('base64');
    const keyFile: KeyFile = {
      version: KEY_FILE_VERSION,
      seal: { publicKey, privateKey: wrapSealPrivateKey(masterKey, publicKey, seal.privateKey) },
      database: createDatabaseKeyEntry(
        databaseKey,
        masterKey,
        opts.keychain ? createKeychainSlot(databaseKey, opts.keychain) : undefined,
      ),
      staff: [
        createPassphraseSlot(masterKey, admin, opts.passphrase, opts.kdf ?? DEFAULT_SCRYPT_PARAMS),
      ],
      recovery: createRecoverySlot(masterKey, recoveryKey),
    };
    ensureDataDir(dataDir);
    createMigratedDatabase(dataDir, keyFile, databaseKey, seal.publicKey);
    const vault = createVaultDatabase(
      openEncryptedDatabase(databasePath(dataDir), databaseKey),
      dataDir,
      databaseKey,
      seal.publicKey,
    );
    console.info(`initVault: created vault for kiosk ${vault.kioskId} in ${dataDir}`);
    return { vault, recoveryKey: formatRecoveryKey(recoveryKey), admin };
  } finally {
    masterKey.fill(0);
    databaseKey.fill(0);
    recoveryKey.fill(0);
    wipeBytes(seal.privateKey);
  }
}

function assertNoVault(dataDir: string): void {
  if (vaultExists(dataDir)) {
    throw new VaultError(
      'ALREADY_INITIALISED',
      `assertNoVault: ${dataDir} already holds a vault (${DATABASE_FILE} or ${KEY_FILE}); refusing to create another over it`,
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
  databaseKey: Buffer,
  sealPublicKey: Uint8Array,
): void {
  const finalPath = databasePath(dataDir);
  const tempPath = path.join(dataDir, `.${DATABASE_FILE}.init-${randomUUID()}`);
  let wroteKeyFile = false;
  try {
    const db = createEncryptedDatabase(tempPath, databaseKey);
    try {
      runMigrations(db);
      writeSealPublicKey(db, sealPublicKey);
    } finally {
      // The last connection to close checkpoints the WAL into the file and deletes it
      // (https://www.sqlite.org/wal.html#the_wal_file), so the one file is the whole database.
      db.close();
    }
    if (fs.existsSync(`${tempPath}-wal`)) {
      throw new Error('createMigratedDatabase: the new database still has a WAL after closing');
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
        `createMigratedDatabase: another vault was created in ${dataDir} at the same time`,
        { cause: error },
      );
    }
    throw error;
  }
}
