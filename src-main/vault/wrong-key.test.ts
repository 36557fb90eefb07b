import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from './db/open-database';
import {
  openVaultWithSecret,
  openRecordKeys,
  VaultError,
  type KeychainWrapper,
  type StaffSecret,
} from './index';
import { formatRecoveryKey } from './keys/recovery-key';
import { addKeychainSlot } from './keys/staff-roster';
import { openVaultWithKeychain } from './open-existing-vault';
import {
  copyFolder,
  fakeKeychain,
  initTestVault,
  PASSPHRASE,
  sampleSubmission,
  snapshotFolder,
  useTempRoot,
  WRONG_PASSPHRASE,
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

describe('a wrong secret or key changes nothing', () => {
  const temp = useTempRoot();
  let recoveryKey: string;
  beforeEach(() => {
    const created = initTestVault(temp.dataDir);
    recoveryKey = created.recoveryKey;
    created.vault.insertSubmission(sampleSubmission());
    created.vault.close();
    const unlock = openRecordKeys(temp.dataDir, { passphrase: PASSPHRASE });
    addKeychainSlot(temp.dataDir, unlock, fakeKeychain('test-backend'));
    unlock.wipe();
  });

  /** Another well-formed recovery key: the right shape, not this vault's. */
  const otherRecoveryKey = () => formatRecoveryKey(randomBytes(20));

  const wrongSecrets: [StaffSecret, VaultError['code']][] = [
    [{ passphrase: WRONG_PASSPHRASE }, 'WRONG_PASSPHRASE'],
    [{ passphrase: '' }, 'WRONG_PASSPHRASE'],
    [{ recoveryKey: 'ABCD-EFGH' }, 'BAD_RECOVERY_KEY_FORMAT'],
  ];

  it('refuses wrong passphrases and recovery keys with their named errors, byte for byte unchanged', () => {
    const before = snapshotFolder(temp.dataDir);
    for (const [secret, code] of [
      ...wrongSecrets,
      [{ recoveryKey: otherRecoveryKey() }, 'WRONG_RECOVERY_KEY'] as const,
    ]) {
      const error = expectVaultError(() => openVaultWithSecret(temp.dataDir, secret), code);
      expect(error.message).toMatch(/^(unwrapMasterKey|parseRecoveryKey): /);
      expectVaultError(() => openRecordKeys(temp.dataDir, secret), code);
    }
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });

  it('never repeats the secret in the error message', () => {
    const secret = otherRecoveryKey();
    const error = expectVaultError(
      () => openVaultWithSecret(temp.dataDir, { recoveryKey: secret }),
      'WRONG_RECOVERY_KEY',
    );
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(secret.replace(/-/g, ''));
    const short = expectVaultError(
      () => openVaultWithSecret(temp.dataDir, { recoveryKey: secret.slice(0, 30) }),
      'BAD_RECOVERY_KEY_FORMAT',
    );
    expect(short.message).not.toContain(secret.slice(0, 9));
    const passphrase = expectVaultError(
      () => openVaultWithSecret(temp.dataDir, { passphrase: WRONG_PASSPHRASE }),
      'WRONG_PASSPHRASE',
    );
    expect(passphrase.message).not.toContain(WRONG_PASSPHRASE);
  });

  it('opens with the right recovery key, typed sloppily', () => {
    const sloppy = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const { vault, unlock } = openVaultWithSecret(temp.dataDir, { recoveryKey: sloppy });
    expect(unlock.via).toBe('recovery-key');
    expect(unlock.staff).toBeUndefined();
    expect(vault.countSubmissions()).toBe(1);
    unlock.wipe();
    vault.close();
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
    const vault = openVaultWithKeychain(temp.dataDir, fakeKeychain('test-backend'));
    vault.insertSubmission(sampleSubmission());
    // Copying while the vault is open captures what a crash leaves: -wal and -shm in use.
    const crashed = path.join(temp.root, 'crashed');
    copyFolder(temp.dataDir, crashed);
    vault.close();

    const before = snapshotFolder(crashed);
    expect(Object.keys(before)).toEqual(['keys.json', 'kiosk.db', 'kiosk.db-shm', 'kiosk.db-wal']);
    for (const [secret, code] of wrongSecrets) {
      expectVaultError(() => openVaultWithSecret(crashed, secret), code);
    }
    expectVaultError(
      () => openVaultWithSecret(crashed, { recoveryKey: otherRecoveryKey() }),
      'WRONG_RECOVERY_KEY',
    );
    expectVaultError(
      () => openVaultWithKeychain(crashed, keychainGivingWrongKey('test-backend')),
      'WRONG_KEY',
    );
    expect(snapshotFolder(crashed)).toEqual(before);

    // And the right secrets still find both submissions in the crashed copy.
    for (const secret of [{ passphrase: PASSPHRASE }, { recoveryKey }]) {
      const recovered = openVaultWithSecret(crashed, secret);
      expect(recovered.vault.countSubmissions()).toBe(2);
      expect(recovered.vault.integrityCheck()).toBe('ok');
      recovered.unlock.wipe();
      recovered.vault.close();
    }
  });
});
