import fs from 'node:fs';
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
import { readKeyFile, type KeyFile } from './key-file';
import { DEFAULT_SCRYPT_PARAMS } from './passphrase-slot';
import {
  createTempRoot,
  fakeKeychain,
  FAST_KDF,
  PASSPHRASE,
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

describe('key slots', () => {
  let temp: ReturnType<typeof createTempRoot>;
  beforeEach(() => {
    temp = createTempRoot();
  });
  afterEach(() => {
    temp.remove();
  });

  const keyFilePath = () => path.join(temp.dataDir, 'keys.json');
  const readSlots = () => readKeyFile(temp.dataDir, 'test').slots;
  function editKeyFile(edit: (keyFile: KeyFile) => void): void {
    const keyFile = JSON.parse(fs.readFileSync(keyFilePath(), 'utf8')) as KeyFile;
    edit(keyFile);
    fs.writeFileSync(keyFilePath(), JSON.stringify(keyFile));
  }

  describe('passphrase slot', () => {
    it('uses scrypt N=2^17, r=8, p=1 by default, recorded in the slot, and opens with it', () => {
      expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
      initVault(temp.dataDir, { passphrase: PASSPHRASE }).close();
      const [slot] = readSlots();
      expect(slot).toMatchObject({
        kind: 'passphrase',
        cipher: 'aes-256-gcm',
        kdf: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 },
      });
      openVaultWithPassphrase(temp.dataDir, PASSPHRASE).close();
    });

    it('records an overridden KDF and reads it back when opening', () => {
      initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF }).close();
      expect(readSlots()[0]).toMatchObject({ kdf: { N: 2 ** 14, r: 8, p: 1 } });
      openVaultWithPassphrase(temp.dataDir, PASSPHRASE).close();
    });

    it('refuses a passphrase shorter than 12 characters and creates nothing', () => {
      expect(
        codeOf(() => initVault(temp.dataDir, { passphrase: 'elevenchars', kdf: FAST_KDF })),
      ).toBe('PASSPHRASE_TOO_SHORT');
      expect(fs.existsSync(temp.dataDir)).toBe(false);
      // Twelve characters, even when some take two UTF-16 units.
      initVault(temp.dataDir, { passphrase: 'passphrase🔑🔑', kdf: FAST_KDF }).close();
    });

    it('opens with the same passphrase typed with composed or decomposed accents', () => {
      const composed = 'crème brûlée à la carte';
      initVault(temp.dataDir, { passphrase: composed, kdf: FAST_KDF }).close();
      openVaultWithPassphrase(temp.dataDir, composed.normalize('NFD')).close();
    });

    it('binds the slot id and params: an edited slot refuses the right passphrase', () => {
      initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF }).close();
      const original = fs.readFileSync(keyFilePath(), 'utf8');
      const edits: ((keyFile: KeyFile) => void)[] = [
        (k) => {
          const slot = k.slots[0];
          if (slot?.kind === 'passphrase') {
            slot.id = '00000000-0000-4000-8000-000000000000';
          }
        },
        (k) => {
          const slot = k.slots[0];
          if (slot?.kind === 'passphrase') {
            slot.kdf.r = 9;
          }
        },
      ];
      for (const edit of edits) {
        fs.writeFileSync(keyFilePath(), original);
        editKeyFile(edit);
        expect(codeOf(() => openVaultWithPassphrase(temp.dataDir, PASSPHRASE))).toBe(
          'WRONG_PASSPHRASE',
        );
      }
    });

    it('refuses scrypt params from keys.json that would cost more than the memory cap', () => {
      initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF }).close();
      editKeyFile((k) => {
        const slot = k.slots[0];
        if (slot?.kind === 'passphrase') {
          slot.kdf.N = 2 ** 20;
          slot.kdf.r = 16;
        }
      });
      expect(codeOf(() => openVaultWithPassphrase(temp.dataDir, PASSPHRASE))).toBe('BAD_KEY_SHAPE');
    });

    it('refuses a keys.json that is not a key file with BAD_KEY_SHAPE', () => {
      initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF }).close();
      fs.writeFileSync(keyFilePath(), '{"version":1,"slots":[]}');
      expect(codeOf(() => openVaultWithPassphrase(temp.dataDir, PASSPHRASE))).toBe('BAD_KEY_SHAPE');
      fs.writeFileSync(keyFilePath(), 'not json');
      expect(codeOf(() => openVaultWithPassphrase(temp.dataDir, PASSPHRASE))).toBe('BAD_KEY_SHAPE');
    });
  });

  describe('keychain slot', () => {
    beforeEach(() => {
      initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF }).close();
    });

    it('has none after a passphrase-only init: KEYCHAIN_CHANGED', () => {
      expect(codeOf(() => openVaultWithKeychain(temp.dataDir, fakeKeychain('kwallet6')))).toBe(
        'KEYCHAIN_CHANGED',
      );
    });

    it('opens unattended once added, stored as { kind, backend, ciphertext }', () => {
      addKeychainSlot(temp.dataDir, PASSPHRASE, fakeKeychain('kwallet6'));
      const slot = readSlots().find((s) => s.kind === 'keychain');
      expect(slot && Object.keys(slot).sort()).toEqual(['backend', 'ciphertext', 'kind']);
      expect(slot).toMatchObject({ kind: 'keychain', backend: 'kwallet6' });
      const vault = openVaultWithKeychain(temp.dataDir, fakeKeychain('kwallet6'));
      expect(vault.integrityCheck()).toBe('ok');
      vault.close();
    });

    it('refuses another backend with KEYCHAIN_CHANGED, and a re-add replaces the old slot', () => {
      addKeychainSlot(temp.dataDir, PASSPHRASE, fakeKeychain('kwallet6'));
      expect(
        codeOf(() => openVaultWithKeychain(temp.dataDir, fakeKeychain('gnome_libsecret'))),
      ).toBe('KEYCHAIN_CHANGED');
      addKeychainSlot(temp.dataDir, PASSPHRASE, fakeKeychain('gnome_libsecret'));
      expect(readSlots().filter((s) => s.kind === 'keychain')).toHaveLength(1);
      openVaultWithKeychain(temp.dataDir, fakeKeychain('gnome_libsecret')).close();
      expect(codeOf(() => openVaultWithKeychain(temp.dataDir, fakeKeychain('kwallet6')))).toBe(
        'KEYCHAIN_CHANGED',
      );
    });

    it('reports a keychain that can no longer unwrap (same backend name) as KEYCHAIN_CHANGED', () => {
      addKeychainSlot(temp.dataDir, PASSPHRASE, fakeKeychain('kwallet6'));
      const broken: KeychainWrapper = {
        backend: 'kwallet6',
        wrap: (key) => key,
        unwrap: () => {
          throw new Error('decryption failed');
        },
      };
      expect(codeOf(() => openVaultWithKeychain(temp.dataDir, broken))).toBe('KEYCHAIN_CHANGED');
      const garbage: KeychainWrapper = { ...broken, unwrap: () => Buffer.alloc(17) };
      expect(codeOf(() => openVaultWithKeychain(temp.dataDir, garbage))).toBe('KEYCHAIN_CHANGED');
    });

    it('adding with a wrong passphrase is WRONG_PASSPHRASE and leaves keys.json as it was', () => {
      const before = snapshotFolder(temp.dataDir);
      expect(
        codeOf(() => {
          addKeychainSlot(temp.dataDir, 'not the passphrase at all', fakeKeychain('kwallet6'));
        }),
      ).toBe('WRONG_PASSPHRASE');
      expect(snapshotFolder(temp.dataDir)).toEqual(before);
    });
  });
});
