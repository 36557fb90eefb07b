import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  changeStaffPassphrase,
  openVaultWithSecret,
  openRecordKeys,
  type KeychainWrapper,
} from '../index';
import { initVault } from '../init-vault';
import { openVaultWithKeychain } from '../open-existing-vault';
import {
  ADMIN_NAME,
  codeOf,
  fakeKeychain,
  FAST_KDF,
  initTestVault,
  PASSPHRASE,
  snapshotFolder,
  useTempRoot,
  WRONG_PASSPHRASE,
} from '../vault-test-fixtures';
import { readKeyFile, type KeyFile } from './key-file';
import { DEFAULT_SCRYPT_PARAMS } from './passphrase-slot';
import { addKeychainSlot } from './staff-roster';

describe('key slots', () => {
  const temp = useTempRoot();

  const keyFilePath = () => path.join(temp.dataDir, 'keys.json');
  const readKeys = () => readKeyFile(temp.dataDir);
  function editKeyFile(edit: (keyFile: KeyFile) => void): void {
    const keyFile = JSON.parse(fs.readFileSync(keyFilePath(), 'utf8')) as KeyFile;
    edit(keyFile);
    fs.writeFileSync(keyFilePath(), JSON.stringify(keyFile));
  }
  const openWith = (passphrase: string) => {
    const opened = openVaultWithSecret(temp.dataDir, { passphrase });
    opened.unlock.wipe();
    opened.vault.close();
  };

  describe('staff passphrase slot', () => {
    it('uses scrypt N=2^17, r=8, p=1 by default, recorded in the slot, and opens with it', () => {
      expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
      initVault(temp.dataDir, { adminName: ADMIN_NAME, passphrase: PASSPHRASE }).vault.close();
      const [slot] = readKeys().staff;
      expect(slot).toMatchObject({
        name: ADMIN_NAME,
        kdf: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 },
        wrapped: { cipher: 'aes-256-gcm' },
      });
      openWith(PASSPHRASE);
    });

    it('records an overridden KDF and reads it back when opening', () => {
      initTestVault(temp.dataDir).vault.close();
      expect(readKeys().staff[0]).toMatchObject({ kdf: { N: 2 ** 14, r: 8, p: 1 } });
      openWith(PASSPHRASE);
    });

    it('refuses a passphrase shorter than 12 characters and creates nothing', () => {
      expect(codeOf(() => initTestVault(temp.dataDir, { passphrase: 'elevenchars' }))).toBe(
        'PASSPHRASE_TOO_SHORT',
      );
      expect(fs.existsSync(temp.dataDir)).toBe(false);
      // Twelve characters, even when some take two UTF-16 units.
      initTestVault(temp.dataDir, { passphrase: 'passphrase🔑🔑' }).vault.close();
    });

    it('opens with the same passphrase typed with composed or decomposed accents', () => {
      const composed = 'crème brûlée à la carte';
      initTestVault(temp.dataDir, { passphrase: composed }).vault.close();
      openWith(composed.normalize('NFD'));
    });

    it('binds the staff identity and params: an edited slot refuses the right passphrase', () => {
      initTestVault(temp.dataDir).vault.close();
      const original = fs.readFileSync(keyFilePath(), 'utf8');
      const edits: ((keyFile: KeyFile) => void)[] = [
        (k) => {
          if (k.staff[0]) {
            k.staff[0].staffId = '00000000-0000-4000-8000-000000000000';
          }
        },
        (k) => {
          if (k.staff[0]) {
            k.staff[0].name = 'Mallory';
          }
        },
        (k) => {
          if (k.staff[0]) {
            k.staff[0].kdf.r = 9;
          }
        },
      ];
      for (const edit of edits) {
        fs.writeFileSync(keyFilePath(), original);
        editKeyFile(edit);
        expect(
          codeOf(() => {
            openWith(PASSPHRASE);
          }),
        ).toBe('WRONG_PASSPHRASE');
      }
    });

    it('refuses scrypt params from keys.json that would cost more than the memory cap', () => {
      initTestVault(temp.dataDir).vault.close();
      editKeyFile((k) => {
        if (k.staff[0]) {
          k.staff[0].kdf.N = 2 ** 20;
          k.staff[0].kdf.r = 16;
        }
      });
      expect(
        codeOf(() => {
          openWith(PASSPHRASE);
        }),
      ).toBe('BAD_KEY_SHAPE');
    });

    it('refuses a keys.json that is not a key file with BAD_KEY_SHAPE', () => {
      initTestVault(temp.dataDir).vault.close();
      fs.writeFileSync(keyFilePath(), '{"version":1,"staff":[]}');
      expect(
        codeOf(() => {
          openWith(PASSPHRASE);
        }),
      ).toBe('BAD_KEY_SHAPE');
      fs.writeFileSync(keyFilePath(), 'not json');
      expect(
        codeOf(() => {
          openWith(PASSPHRASE);
        }),
      ).toBe('BAD_KEY_SHAPE');
    });
  });

  describe('recovery slot', () => {
    it('uses HKDF-SHA256 with a 32-byte random salt and binds its id: an edit refuses the key', () => {
      const { recoveryKey } = initTestVault(temp.dataDir);
      const { recovery } = readKeys();
      expect(recovery.kdf.name).toBe('hkdf-sha256');
      expect(Buffer.from(recovery.kdf.salt, 'base64')).toHaveLength(32);
      editKeyFile((k) => {
        k.recovery.id = '00000000-0000-4000-8000-000000000000';
      });
      expect(codeOf(() => openRecordKeys(temp.dataDir, { recoveryKey }))).toBe(
        'WRONG_RECOVERY_KEY',
      );
    });

    it('wraps the master key, so it keeps opening after every staff passphrase changes', async () => {
      const { recoveryKey, admin, vault } = initTestVault(temp.dataDir);
      vault.close();
      const before = readKeys().recovery;
      await changeStaffPassphrase(
        temp.dataDir,
        admin.staffId,
        PASSPHRASE,
        'a brand new passphrase',
        FAST_KDF,
      );
      // Nothing about the recovery slot changes when staff slots do, and it still opens.
      expect(readKeys().recovery).toEqual(before);
      const opened = openVaultWithSecret(temp.dataDir, { recoveryKey });
      expect(opened.unlock.via).toBe('recovery-key');
      opened.unlock.wipe();
      opened.vault.close();
    });
  });

  describe('keychain slot', () => {
    function addKeychain(keychain: KeychainWrapper): void {
      const unlock = openRecordKeys(temp.dataDir, { passphrase: PASSPHRASE });
      try {
        addKeychainSlot(temp.dataDir, unlock, keychain);
      } finally {
        unlock.wipe();
      }
    }
    const open = (keychain: KeychainWrapper) => {
      openVaultWithKeychain(temp.dataDir, keychain).close();
    };

    it('has none after an init without a keychain: KEYCHAIN_CHANGED', () => {
      initTestVault(temp.dataDir).vault.close();
      expect(
        codeOf(() => {
          open(fakeKeychain('kwallet6'));
        }),
      ).toBe('KEYCHAIN_CHANGED');
    });

    it('opens unattended once added, stored as { backend, ciphertext } beside the key it wraps', () => {
      initTestVault(temp.dataDir).vault.close();
      addKeychain(fakeKeychain('kwallet6'));
      const slot = readKeys().database.keychain;
      expect(slot && Object.keys(slot).sort()).toEqual(['backend', 'ciphertext']);
      expect(slot?.backend).toBe('kwallet6');
      const vault = openVaultWithKeychain(temp.dataDir, fakeKeychain('kwallet6'));
      expect(vault.integrityCheck()).toBe('ok');
      vault.close();
    });

    it('refuses another backend with KEYCHAIN_CHANGED, and a re-add replaces the old slot', () => {
      initTestVault(temp.dataDir).vault.close();
      addKeychain(fakeKeychain('kwallet6'));
      expect(
        codeOf(() => {
          open(fakeKeychain('gnome_libsecret'));
        }),
      ).toBe('KEYCHAIN_CHANGED');
      addKeychain(fakeKeychain('gnome_libsecret'));
      open(fakeKeychain('gnome_libsecret'));
      expect(
        codeOf(() => {
          open(fakeKeychain('kwallet6'));
        }),
      ).toBe('KEYCHAIN_CHANGED');
    });

    it('reports a keychain that can no longer unwrap (same backend name) as KEYCHAIN_CHANGED', () => {
      initTestVault(temp.dataDir).vault.close();
      addKeychain(fakeKeychain('kwallet6'));
      const broken: KeychainWrapper = {
        backend: 'kwallet6',
        wrap: (key) => key,
        unwrap: () => {
          throw new Error('decryption failed');
        },
      };
      expect(
        codeOf(() => {
          open(broken);
        }),
      ).toBe('KEYCHAIN_CHANGED');
      const garbage: KeychainWrapper = { ...broken, unwrap: () => Buffer.alloc(17) };
      expect(
        codeOf(() => {
          open(garbage);
        }),
      ).toBe('KEYCHAIN_CHANGED');
    });

    it('a wiped unlock cannot add a keychain slot, and keys.json stays as it was', () => {
      initTestVault(temp.dataDir).vault.close();
      const before = snapshotFolder(temp.dataDir);
      const unlock = openRecordKeys(temp.dataDir, { passphrase: PASSPHRASE });
      unlock.wipe();
      expect(
        codeOf(() => {
          addKeychainSlot(temp.dataDir, unlock, fakeKeychain('kwallet6'));
        }),
      ).toBe('KEYS_WIPED');
      expect(codeOf(() => openRecordKeys(temp.dataDir, { passphrase: WRONG_PASSPHRASE }))).toBe(
        'WRONG_PASSPHRASE',
      );
      expect(snapshotFolder(temp.dataDir)).toEqual(before);
    });
  });
});
