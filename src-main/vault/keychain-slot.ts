/**
 * The keychain slot: the database key wrapped by the OS keychain (Electron's `safeStorage` in
 * production, implemented in src-main/electron/), so the kiosk can open its vault unattended.
 * The backend's name is recorded; a different backend is never treated as the same keychain
 * (Signal Desktop does the same: a backend change asks for an explicit decision, not a re-key).
 */
import { DATABASE_KEY_BYTES } from './database-key';
import { VaultError } from './errors';
import type { KeychainSlot, KeyFile } from './key-file';

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
  return { kind: 'keychain', backend: keychain.backend, ciphertext: ciphertext.toString('base64') };
}

/** The key file with its keychain slot (if any) replaced by one for `slot`'s backend. */
export function withKeychainSlot(keyFile: KeyFile, slot: KeychainSlot): KeyFile {
  return { ...keyFile, slots: [...keyFile.slots.filter((s) => s.kind !== 'keychain'), slot] };
}

export function unwrapKeychainSlot(keyFile: KeyFile, keychain: KeychainWrapper): Buffer {
  const slot = keyFile.slots.find(
    (s): s is KeychainSlot => s.kind === 'keychain' && s.backend === keychain.backend,
  );
  if (!slot) {
    const recorded = keyFile.slots.flatMap((s) => (s.kind === 'keychain' ? [s.backend] : []));
    throw new VaultError(
      'KEYCHAIN_CHANGED',
      `unwrapKeychainSlot: no key slot for the "${keychain.backend}" keychain (recorded: ${recorded.length > 0 ? recorded.join(', ') : 'none'}); unlock with a passphrase`,
    );
  }
  let key: Buffer;
  try {
    key = keychain.unwrap(Buffer.from(slot.ciphertext, 'base64'));
  } catch (error) {
    throw new VaultError(
      'KEYCHAIN_CHANGED',
      `unwrapKeychainSlot: the "${keychain.backend}" keychain could not unwrap the key; unlock with a passphrase`,
      { cause: error },
    );
  }
  // Some keychains decrypt without authentication (Chromium's OSCrypt on Linux is AES-CBC), so a
  // changed keychain key can yield bytes rather than an error. A wrong length is that case.
  if (key.length !== DATABASE_KEY_BYTES) {
    key.fill(0);
    throw new VaultError(
      'KEYCHAIN_CHANGED',
      `unwrapKeychainSlot: the "${keychain.backend}" keychain returned ${String(key.length)} bytes, not a ${String(DATABASE_KEY_BYTES)}-byte key; unlock with a passphrase`,
    );
  }
  return key;
}
