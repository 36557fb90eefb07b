/**
 * Opening an existing vault: unwrap the database key from a slot, check it, open the database.
 *
 * Key buffers are zeroed once used. That is best effort in JavaScript (the hex pragma string
 * cannot be wiped), but it keeps the key out of buffers that live on.
 */
import { assertVaultFilesExist, databasePath } from './data-folder';
import { keyMatchesCheck } from './database-key';
import { VaultError } from './errors';
import { passphraseSlots, readKeyFile, writeKeyFile, type KeyFile } from './key-file';
import {
  createKeychainSlot,
  unwrapKeychainSlot,
  withKeychainSlot,
  type KeychainWrapper,
} from './keychain-slot';
import { openEncryptedDatabase } from './open-database';
import { unwrapPassphraseSlot } from './passphrase-slot';
import { createVaultHandle, type Vault } from './vault-handle';

export function openVaultWithPassphrase(dataDir: string, passphrase: string): Vault {
  const caller = 'openVaultWithPassphrase';
  assertVaultFilesExist(dataDir, caller);
  const keyFile = readKeyFile(dataDir, caller);
  const key = unwrapWithPassphrase(keyFile, passphrase, caller);
  try {
    return openVaultWithKey(dataDir, keyFile, key, caller);
  } finally {
    key.fill(0);
  }
}

export function openVaultWithKeychain(dataDir: string, keychain: KeychainWrapper): Vault {
  const caller = 'openVaultWithKeychain';
  assertVaultFilesExist(dataDir, caller);
  const keyFile = readKeyFile(dataDir, caller);
  const key = unwrapKeychainSlot(keyFile, keychain);
  try {
    return openVaultWithKey(dataDir, keyFile, key, caller);
  } finally {
    key.fill(0);
  }
}

/** Wraps the key for `keychain`, replacing any keychain slot (there is at most one). */
export function addKeychainSlot(
  dataDir: string,
  passphrase: string,
  keychain: KeychainWrapper,
): void {
  const caller = 'addKeychainSlot';
  assertVaultFilesExist(dataDir, caller);
  const keyFile = readKeyFile(dataDir, caller);
  const key = unwrapWithPassphrase(keyFile, passphrase, caller);
  try {
    assertKeyMatchesCheck(keyFile, key, caller);
    replaceKeychainSlot(dataDir, keyFile, key, keychain);
  } finally {
    key.fill(0);
  }
}

/** The database key from the first passphrase slot the passphrase opens. */
export function unwrapWithPassphrase(keyFile: KeyFile, passphrase: string, caller: string): Buffer {
  for (const slot of passphraseSlots(keyFile)) {
    const key = unwrapPassphraseSlot(slot, passphrase);
    if (key) {
      return key;
    }
  }
  throw new VaultError('WRONG_PASSPHRASE', `${caller}: the passphrase does not open this vault`);
}

export function replaceKeychainSlot(
  dataDir: string,
  keyFile: KeyFile,
  key: Buffer,
  keychain: KeychainWrapper,
): void {
  const slot = createKeychainSlot(key, keychain);
  writeKeyFile(dataDir, withKeychainSlot(keyFile, slot), { replace: true });
  console.info(
    `replaceKeychainSlot: the vault key is now wrapped by the "${slot.backend}" keychain`,
  );
}

/** Opens the database with `key`. Does not take ownership of `key`: the caller zeroes it. */
export function openVaultWithKey(
  dataDir: string,
  keyFile: KeyFile,
  key: Buffer,
  caller: string,
): Vault {
  assertKeyMatchesCheck(keyFile, key, caller);
  return createVaultHandle(openEncryptedDatabase(databasePath(dataDir), key), dataDir);
}

/**
 * Refuses a wrong key before SQLite opens anything in the folder (see `keyCheckFor`). SQLite's
 * own check in openEncryptedDatabase still runs: it catches a keys.json from another vault.
 */
function assertKeyMatchesCheck(keyFile: KeyFile, key: Buffer, caller: string): void {
  if (!keyMatchesCheck(key, Buffer.from(keyFile.keyCheck, 'base64'))) {
    throw new VaultError('WRONG_KEY', `${caller}: the key does not match this vault's key check`);
  }
}
