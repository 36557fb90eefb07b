/**
 * Owns the master key (MK): 32 random bytes, never stored in clear; each staff passphrase slot
 * and the recovery slot wrap it. MK in turn wraps the two keys below it: the database key and
 * the clinic's seal private key (KEYS.md).
 */
import { randomBytes } from 'node:crypto';
import { VaultError } from '../errors';
import { assertDatabaseKeyShape, keyCheckFor, keyMatchesCheck } from './database-key';
import type { DatabaseKeyEntry, KeyFile, KeychainSlot } from './key-file';
import { unwrapKey, wrapAad, wrapKey, type WrappedKey } from './key-wrap';

export const MASTER_KEY_BYTES = 32;
const SEAL_PRIVATE_KEY_BYTES = 32;

export function generateMasterKey(): Buffer {
  return randomBytes(MASTER_KEY_BYTES);
}

/** keys.json's record of one database key: its check, wrapped by MK, and maybe by a keychain. */
export function createDatabaseKeyEntry(
  databaseKey: Buffer,
  masterKey: Buffer,
  keychain: KeychainSlot | undefined,
): DatabaseKeyEntry {
  assertDatabaseKeyShape(databaseKey);
  const keyCheck = keyCheckFor(databaseKey).toString('base64');
  const wrapped = wrapKey(masterKey, databaseKey, databaseKeyAad(keyCheck));
  return keychain ? { keyCheck, wrapped, keychain } : { keyCheck, wrapped };
}

/**
 * The database key of `entry`. WRONG_KEY when `masterKey` does not open it: the master key of
 * another vault (an unlock used on the wrong folder) or an edited keys.json.
 */
export function unwrapDatabaseKeyEntry(entry: DatabaseKeyEntry, masterKey: Buffer): Buffer {
  const key = unwrapKey(masterKey, entry.wrapped, databaseKeyAad(entry.keyCheck));
  if (!key) {
    throw new VaultError(
      'WRONG_KEY',
      "unwrapDatabaseKeyEntry: the master key does not open this vault's database key (an unlock of another vault?)",
    );
  }
  assertDatabaseKeyShape(key);
  if (!keyMatchesCheck(key, Buffer.from(entry.keyCheck, 'base64'))) {
    key.fill(0);
    throw new VaultError(
      'WRONG_KEY',
      'unwrapDatabaseKeyEntry: the database key does not match its key check',
    );
  }
  return key;
}

/** Throws WRONG_KEY unless `masterKey` is this vault's: it must open the database key. */
export function assertMasterKeyOpens(keyFile: KeyFile, masterKey: Buffer): void {
  unwrapDatabaseKeyEntry(keyFile.database, masterKey).fill(0);
}

export function wrapSealPrivateKey(
  masterKey: Buffer,
  publicKey: string,
  privateKey: Uint8Array,
): WrappedKey {
  return wrapKey(masterKey, privateKey, sealPrivateKeyAad(publicKey));
}

export function unwrapSealPrivateKey(keyFile: KeyFile, masterKey: Buffer): Uint8Array {
  const { publicKey, privateKey } = keyFile.seal;
  const key = unwrapKey(masterKey, privateKey, sealPrivateKeyAad(publicKey));
  if (!key) {
    throw new VaultError(
      'WRONG_KEY',
      "unwrapSealPrivateKey: the master key does not open the clinic's private key",
    );
  }
  if (key.length !== SEAL_PRIVATE_KEY_BYTES) {
    key.fill(0);
    throw new VaultError(
      'BAD_KEY_SHAPE',
      "unwrapSealPrivateKey: the clinic's private key has a bad length",
    );
  }
  return new Uint8Array(key.buffer, key.byteOffset, key.length);
}

/** The key check names the database key, so an entry cannot be paired with another's wrap. */
function databaseKeyAad(keyCheck: string): Buffer {
  return wrapAad(['database-key', keyCheck, 'master-key']);
}

/** Binds the private key to its public key: the pair cannot be split by editing keys.json. */
function sealPrivateKeyAad(publicKey: string): Buffer {
  return wrapAad(['seal-private-key', publicKey, 'master-key']);
}
