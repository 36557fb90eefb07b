import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addKeychainSlot,
  initVault,
  openVaultWithKeychain,
  openVaultWithPassphrase,
  VaultError,
  type KeychainWrapper,
} from './index';
import { openEncryptedDatabase } from './open-database';
import {
  copyFolder,
  createTempRoot,
  fakeKeychain,
  FAST_KDF,
  PASSPHRASE,
  sampleSubmission,
  snapshotFolder,
} from './vault-test-fixtures';

/** A keychain that "unwraps" to 32 random bytes: a key of the right shape that is wrong. */
function keychainGivingWrongKey(backend: string): KeychainWrapper {
  return { backend, wrap: (key) => Buffer.from(key), unwrap: () => randomBytes(32) };
}

function expectVaultError(action: () => unknown, code: VaultError['code']): VaultError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(VaultError);
  expect((caught as VaultError).code).toBe(code);
  return caught as VaultError;
}

describe('a wrong passphrase or key changes nothing', () => {
  let temp: ReturnType<typeof createTempRoot>;
  beforeEach(() => {
    temp = createTempRoot();
    const vault = initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF });
    vault.insertSubmission(sampleSubmission());
    vault.close();
    addKeychainSlot(temp.dataDir, PASSPHRASE, fakeKeychain('test-backend'));
  });
  afterEach(() => {
    temp.remove();
  });

  it('refuses a wrong passphrase with WRONG_PASSPHRASE', () => {
    const before = snapshotFolder(temp.dataDir);
    const error = expectVaultError(
      () => openVaultWithPassphrase(temp.dataDir, 'not the passphrase at all'),
      'WRONG_PASSPHRASE',
    );
    expect(error.message).toMatch(/^openVaultWithPassphrase: /);
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });

  it('refuses a wrong raw key at the SQLite level with WRONG_KEY', () => {
    const before = snapshotFolder(temp.dataDir);
    expectVaultError(
      () => openEncryptedDatabase(path.join(temp.dataDir, 'kiosk.db'), randomBytes(32)),
      'WRONG_KEY',
    );
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });

  it('refuses a wrong key from the keychain with WRONG_KEY', () => {
    const before = snapshotFolder(temp.dataDir);
    expectVaultError(
      () => openVaultWithKeychain(temp.dataDir, keychainGivingWrongKey('test-backend')),
      'WRONG_KEY',
    );
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });

  it('refuses a key of the wrong shape before touching the file', () => {
    const before = snapshotFolder(temp.dataDir);
    const file = path.join(temp.dataDir, 'kiosk.db');
    expectVaultError(() => openEncryptedDatabase(file, randomBytes(31)), 'BAD_KEY_SHAPE');
    expectVaultError(() => openEncryptedDatabase(file, randomBytes(33)), 'BAD_KEY_SHAPE');
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });

  it('leaves a crashed vault (live -wal and -shm) untouched too', () => {
    const vault = openVaultWithPassphrase(temp.dataDir, PASSPHRASE);
    vault.insertSubmission(sampleSubmission());
    // Copying while the vault is open captures what a crash leaves: -wal and -shm in use.
    const crashed = path.join(temp.root, 'crashed');
    copyFolder(temp.dataDir, crashed);
    vault.close();

    const before = snapshotFolder(crashed);
    expect(Object.keys(before)).toEqual(['keys.json', 'kiosk.db', 'kiosk.db-shm', 'kiosk.db-wal']);
    expectVaultError(
      () => openVaultWithPassphrase(crashed, 'not the passphrase at all'),
      'WRONG_PASSPHRASE',
    );
    expectVaultError(
      () => openVaultWithKeychain(crashed, keychainGivingWrongKey('test-backend')),
      'WRONG_KEY',
    );
    expect(snapshotFolder(crashed)).toEqual(before);

    // And the right passphrase still finds both submissions in the crashed copy.
    const recovered = openVaultWithPassphrase(crashed, PASSPHRASE);
    expect(recovered.countSubmissions()).toBe(2);
    expect(recovered.integrityCheck()).toBe('ok');
    recovered.close();
  });
});
