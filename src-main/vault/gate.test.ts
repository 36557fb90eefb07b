import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultGate, VaultError, type KeychainWrapper, type VaultGate } from './index';
import { keychainSlots, readKeyFile } from './key-file';
import {
  createTempRoot,
  fakeKeychain,
  FAST_KDF,
  PASSPHRASE,
  sampleSubmission,
  snapshotFolder,
} from './vault-test-fixtures';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof VaultError) {
      return error.code;
    }
    throw error;
  }
  return undefined;
}

describe('vault gate', () => {
  let temp: ReturnType<typeof createTempRoot>;
  const gates: VaultGate[] = [];
  beforeEach(() => {
    temp = createTempRoot();
  });
  afterEach(() => {
    for (const gate of gates.splice(0)) {
      gate.close();
    }
    temp.remove();
  });

  function gate(keychain?: KeychainWrapper): VaultGate {
    const created = createVaultGate(
      temp.dataDir,
      keychain ? { keychain, kdf: FAST_KDF } : { kdf: FAST_KDF },
    );
    gates.push(created);
    return created;
  }
  const backends = () => keychainSlots(readKeyFile(temp.dataDir, 'test')).map((s) => s.backend);

  it('needs-setup -> ready through create; create twice is ALREADY_INITIALISED', () => {
    const g = gate();
    expect(g.state()).toBe('needs-setup');
    expect(g.vault()).toBeUndefined();
    expect(codeOf(() => g.unlock(PASSPHRASE))).toBe('NOT_INITIALISED');
    expect(codeOf(() => g.create('too short'))).toBe('PASSPHRASE_TOO_SHORT');
    expect(g.state()).toBe('needs-setup');

    const vault = g.create(PASSPHRASE);
    expect(g.state()).toBe('ready');
    expect(g.vault()).toBe(vault);
    vault.insertSubmission(sampleSubmission());
    expect(codeOf(() => g.create(PASSPHRASE))).toBe('ALREADY_INITIALISED');
    // No keychain given: no keychain slot written.
    expect(backends()).toEqual([]);
  });

  it('needs-unlock without a keychain; a wrong passphrase keeps it locked; close locks again', () => {
    gate().create(PASSPHRASE);
    gates.splice(0).forEach((g) => {
      g.close();
    });

    const g = gate();
    expect(g.state()).toBe('needs-unlock');
    expect(g.vault()).toBeUndefined();
    expect(codeOf(() => g.unlock('not the passphrase at all'))).toBe('WRONG_PASSPHRASE');
    expect(g.state()).toBe('needs-unlock');

    const vault = g.unlock(PASSPHRASE);
    expect(g.state()).toBe('ready');
    expect(g.vault()).toBe(vault);
    expect(vault.integrityCheck()).toBe('ok');
    // Unlocking again still checks the passphrase.
    expect(codeOf(() => g.unlock('not the passphrase at all'))).toBe('WRONG_PASSPHRASE');
    expect(g.unlock(PASSPHRASE)).toBe(vault);

    g.close();
    expect(g.state()).toBe('needs-unlock');
    expect(g.vault()).toBeUndefined();
  });

  it('opens unattended with the keychain it was created with', () => {
    const keychain = fakeKeychain('gnome_libsecret');
    const kioskId = gate(keychain).create(PASSPHRASE).kioskId;
    expect(backends()).toEqual(['gnome_libsecret']);
    gates.splice(0).forEach((g) => {
      g.close();
    });

    const g = gate(fakeKeychain('gnome_libsecret'));
    expect(g.state()).toBe('ready');
    expect(g.vault()?.kioskId).toBe(kioskId);
  });

  it('a different keychain backend is needs-unlock with keys.json untouched, until staff unlock', () => {
    gate(fakeKeychain('gnome_libsecret')).create(PASSPHRASE);
    gates.splice(0).forEach((g) => {
      g.close();
    });

    const before = snapshotFolder(temp.dataDir);
    const g = gate(fakeKeychain('kwallet6'));
    expect(g.state()).toBe('needs-unlock');
    expect(snapshotFolder(temp.dataDir)).toEqual(before); // no silent re-key

    g.unlock(PASSPHRASE);
    expect(g.state()).toBe('ready');
    expect(backends()).toEqual(['kwallet6']);
    g.close();

    expect(gate(fakeKeychain('kwallet6')).state()).toBe('ready');
    expect(gate(fakeKeychain('gnome_libsecret')).state()).toBe('needs-unlock');
  });

  it('a vault made without a keychain gains one at the first unlock on a machine with one', () => {
    gate().create(PASSPHRASE);
    gates.splice(0).forEach((g) => {
      g.close();
    });
    const g = gate(fakeKeychain('keychain'));
    expect(g.state()).toBe('needs-unlock');
    g.unlock(PASSPHRASE);
    g.close();
    expect(gate(fakeKeychain('keychain')).state()).toBe('ready');
  });

  it('unlocks even when the keychain cannot wrap (next start needs a passphrase again)', () => {
    gate().create(PASSPHRASE);
    gates.splice(0).forEach((g) => {
      g.close();
    });
    const before = snapshotFolder(temp.dataDir);
    const refusing: KeychainWrapper = {
      backend: 'basic_text',
      wrap: () => {
        throw new Error('no keyring');
      },
      unwrap: () => Buffer.alloc(0),
    };
    const g = gate(refusing);
    expect(g.unlock(PASSPHRASE).integrityCheck()).toBe('ok');
    expect(g.state()).toBe('ready');
    g.close();
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });

  it('a keychain that fails to unwrap is needs-unlock, not a crash', () => {
    gate(fakeKeychain('dpapi')).create(PASSPHRASE);
    gates.splice(0).forEach((g) => {
      g.close();
    });
    const failing: KeychainWrapper = {
      backend: 'dpapi',
      wrap: (key) => key,
      unwrap: () => {
        throw new Error('the user profile changed');
      },
    };
    expect(gate(failing).state()).toBe('needs-unlock');
  });

  it('a keychain slot that yields a wrong key refuses to start (WRONG_KEY), it does not ask', () => {
    gate(fakeKeychain('dpapi')).create(PASSPHRASE);
    gates.splice(0).forEach((g) => {
      g.close();
    });
    const lying: KeychainWrapper = {
      backend: 'dpapi',
      wrap: (key) => key,
      unwrap: () => Buffer.alloc(32, 7),
    };
    expect(codeOf(() => gate(lying))).toBe('WRONG_KEY');
  });

  it('state follows the folder: a vault made elsewhere turns needs-setup into needs-unlock', () => {
    const g = gate();
    expect(g.state()).toBe('needs-setup');
    const other = gate();
    other.create(PASSPHRASE);
    expect(g.state()).toBe('needs-unlock');
    expect(codeOf(() => g.create(PASSPHRASE))).toBe('ALREADY_INITIALISED');
    expect(fs.existsSync(path.join(temp.dataDir, 'kiosk.db'))).toBe(true);
  });
});
