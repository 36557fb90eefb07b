/**
 * The OS keychain as the vault sees it: a `KeychainWrapper` over Electron's `safeStorage`.
 *
 * On Linux `safeStorage` may silently fall back to a hard-coded password (`basic_text`) when no
 * secret service is found; a key "wrapped" that way is as good as plaintext on disk. We refuse
 * such backends rather than pretend: with no wrapper the vault asks staff for the passphrase at
 * each start. https://www.electronjs.org/docs/latest/api/safe-storage
 */
import { safeStorage } from 'electron';
import type { KeychainWrapper } from '../vault';

/** Backends that do not protect the key at all (`unknown`: asked before `app` was ready). */
const PLAINTEXT_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

/**
 * The keychain wrapper for this machine, or `undefined` when the OS offers no real keychain.
 * Call after `app` is ready: before that, Linux reports the backend as `unknown`.
 */
export function createKeychainWrapper(
  platform: NodeJS.Platform = process.platform,
): KeychainWrapper | undefined {
  // The sync API is deprecated in Electron 45 in favour of the async one, but the vault's
  // `KeychainWrapper` contract is synchronous; the sync calls still work and are documented.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  if (!safeStorage.isEncryptionAvailable()) {
    console.warn(
      'createKeychainWrapper: the OS keychain is not available; staff will unlock the vault with a passphrase at each start.',
    );
    return undefined;
  }
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform;
  if (PLAINTEXT_BACKENDS.has(backend)) {
    console.warn(
      `createKeychainWrapper: the keychain backend is "${backend}", which stores secrets as plaintext; not using it. Staff will unlock the vault with a passphrase at each start.`,
    );
    return undefined;
  }
  console.info(`createKeychainWrapper: using the OS keychain backend "${backend}".`);
  return {
    backend,
    wrap(key: Buffer): Buffer {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
      return safeStorage.encryptString(key.toString('base64'));
    },
    unwrap(ciphertext: Buffer): Buffer {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
      const encoded = safeStorage.decryptString(ciphertext);
      const key = Buffer.from(encoded, 'base64');
      // `Buffer.from(…, 'base64')` skips junk silently; a key that does not round-trip is corrupt.
      if (key.length === 0 || key.toString('base64') !== encoded) {
        throw new Error('unwrap: the keychain returned something that is not a wrapped key');
      }
      return key;
    },
  };
}
