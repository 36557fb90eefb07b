/**
 * Owns the keychain slot: the database key (and nothing else) wrapped by the OS keychain
 * (Electron's `safeStorage` in production, implemented in src-main/electron/), so the kiosk can
 * open its vault unattended. It gives whoever holds the running kiosk the database key, which is
 * why client submissions are sealed to a key the keychain never sees (KEYS.md).
 *
 * The backend's name is recorded; a different backend is never treated as the same keychain
 * (Signal Desktop does the same: a backend change asks for an explicit decision, not a re-key).
 */
import { VaultError } from '../errors';
import { DATABASE_KEY_BYTES, keyMatchesCheck } from './database-key';
import { readKeyFile, type DatabaseKeyEntry, type KeychainSlot } from './key-file';

export interface KeychainWrapper {
  readonly backend: string;
  wrap(key: Buffer): Buffer;
  unwrap(ciphertext: Buffer): Buffer;
}

export function createKeychainSlot(databaseKey: Buffer, keychain: KeychainWrapper): KeychainSlot {
  const ciphertext = keychain.wrap(databaseKey);
  // Prove the keychain can give the key back before relying on it at the next start.
  const roundTrip = keychain.unwrap(ciphertext);
  if (!roundTrip.equals(databaseKey)) {
    throw new Error(
      `createKeychainSlot: the "${keychain.backend}" keychain did not return the key it wrapped`,
    );
  }
  roundTrip.fill(0);
  return { backend: keychain.backend, ciphertext: ciphertext.toString('base64') };
}

/**
 * The database key of `entry` from its keychain slot. KEYCHAIN_CHANGED when there is no slot for
 * this backend or the keychain cannot unwrap it (a question for staff); WRONG_KEY when it unwraps
 * to a key that is not this entry's (refuse to start).
 */
export function unwrapKeychainSlot(entry: DatabaseKeyEntry, keychain: KeychainWrapper): Buffer {
  const slot = entry.keychain;
  if (slot?.backend !== keychain.backend) {
    throw new VaultError(
      'KEYCHAIN_CHANGED',
      `unwrapKeychainSlot: no key slot for the "${keychain.backend}" keychain (recorded: ${slot ? slot.backend : 'none'}); unlock with a staff secret`,
    );
  }
  let key: Buffer;
  try {
    key = keychain.unwrap(Buffer.from(slot.ciphertext, 'base64'));
  } catch (error) {
    throw new VaultError(
      'KEYCHAIN_CHANGED',
      `unwrapKeychainSlot: the "${keychain.backend}" keychain could not unwrap the key; unlock with a staff secret`,
      { cause: error },
    );
  }
  // Some keychains decrypt without authentication (Chromium's OSCrypt on Linux is AES-CBC), so a
  // changed keychain key can yield bytes rather than an error. A wrong length is that case.
  if (key.length !== DATABASE_KEY_BYTES) {
    key.fill(0);
    throw new VaultError(
      'KEYCHAIN_CHANGED',
      `unwrapKeychainSlot: the "${keychain.backend}" keychain returned ${String(key.length)} bytes, not a ${String(DATABASE_KEY_BYTES)}-byte key; unlock with a staff secret`,
    );
  }
  if (!keyMatchesCheck(key, Buffer.from(entry.keyCheck, 'base64'))) {
    key.fill(0);
    throw new VaultError(
      'WRONG_KEY',
      `unwrapKeychainSlot: the "${keychain.backend}" keychain gave a key that does not match this vault's key check`,
    );
  }
  return key;
}

/** For the attacker model in tests and for maintenance tools: the key a keychain gives. */
export function unwrapDatabaseKeyWithKeychain(dataDir: string, keychain: KeychainWrapper): Buffer {
  return unwrapKeychainSlot(readKeyFile(dataDir).database, keychain);
}
