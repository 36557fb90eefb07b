/**
 * Owns opening a vault that exists (init-vault.ts makes a new one): a staff secret (through the
 * master key) or the OS keychain gives the database key; the database is opened with it,
 * finishing a rekey that a crash interrupted (keys/settle-rekey.ts).
 *
 * Key buffers are zeroed once used. That is best effort in JavaScript (the hex pragma string
 * cannot be wiped), but it keeps keys out of buffers that live on.
 */
import { assertVaultFilesExist } from './data-folder';
import { createVaultDatabase, type Vault } from './db/vault-database';
import { VaultError } from './errors';
import { readKeyFile, type KeyFile } from './keys/key-file';
import { unwrapKeychainSlot, type KeychainWrapper } from './keys/keychain-slot';
import { unwrapDatabaseKeyEntry } from './keys/master-key';
import {
  createRecordKeys,
  unwrapMasterKey,
  unwrapMasterKeyAsync,
  type OpenedMasterKey,
  type RecordKeys,
  type StaffSecret,
} from './keys/record-keys';
import { openSettledDatabase, type KeySource } from './keys/settle-rekey';
import { assertSodiumReady } from './sodium-ready';

/**
 * The vault and a staff unlock: can write, list and open submissions. Synchronous: for tools and
 * tests; the kiosk uses `openVaultWithSecretAsync`.
 */
export function openVaultWithSecret(
  dataDir: string,
  secret: StaffSecret,
): { vault: Vault; unlock: RecordKeys } {
  const keyFile = readKeyFileOfVault(dataDir);
  // A wrong secret stops here, before anything in the folder is opened.
  return openVaultWithMasterKey(dataDir, keyFile, unwrapMasterKey(keyFile, secret));
}

/** `openVaultWithSecret` with scrypt off main's thread, so other calls go on meanwhile. */
export async function openVaultWithSecretAsync(
  dataDir: string,
  secret: StaffSecret,
): Promise<{ vault: Vault; unlock: RecordKeys }> {
  const keyFile = readKeyFileOfVault(dataDir);
  return openVaultWithMasterKey(dataDir, keyFile, await unwrapMasterKeyAsync(keyFile, secret));
}

function readKeyFileOfVault(dataDir: string): KeyFile {
  assertSodiumReady();
  assertVaultFilesExist(dataDir);
  return readKeyFile(dataDir);
}

/** Takes ownership of `opened.masterKey` (zeroed here). */
function openVaultWithMasterKey(
  dataDir: string,
  keyFile: KeyFile,
  opened: OpenedMasterKey,
): { vault: Vault; unlock: RecordKeys } {
  try {
    const { vault, keyFile: settled } = openVaultWithKeySource(
      dataDir,
      (entry) => unwrapDatabaseKeyEntry(entry, opened.masterKey),
      keyFile,
    );
    try {
      return { vault, unlock: createRecordKeys(settled, opened) };
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
  assertSodiumReady();
  assertVaultFilesExist(dataDir);
  return openVaultWithKeySource(
    dataDir,
    (entry) => unwrapKeychainSlot(entry, keychain),
    readKeyFile(dataDir),
  ).vault;
}

function openVaultWithKeySource(
  dataDir: string,
  keyOf: KeySource,
  keyFile: KeyFile,
): { vault: Vault; keyFile: KeyFile } {
  let current = keyFile;
  for (let attempt = 1; ; attempt++) {
    try {
      const settled = openSettledDatabase(dataDir, current, keyOf);
      try {
        const publicKey = Buffer.from(settled.keyFile.seal.publicKey, 'base64');
        const vault = createVaultDatabase(settled.db, dataDir, settled.key, publicKey);
        return { vault, keyFile: settled.keyFile };
      } finally {
        settled.key.fill(0);
      }
    } catch (error) {
      // A rekey replaced the file while we opened it: once more, with the keys.json it left.
      if (attempt < 2 && error instanceof VaultError && error.code === 'VAULT_BUSY') {
        console.warn(`openVaultWithKeySource: ${error.message}; trying once more`);
        current = readKeyFile(dataDir);
        continue;
      }
      throw error;
    }
  }
}
