import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  initVault,
  openVaultWithKeychain,
  openVaultWithPassphrase,
  vaultExists,
  VaultError,
} from './index';
import { readKeyFile } from './key-file';
import { openEncryptedDatabase } from './open-database';
import { unwrapWithPassphrase } from './open-vault';
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

describe('vault lifecycle', () => {
  let temp: ReturnType<typeof createTempRoot>;
  beforeEach(() => {
    temp = createTempRoot();
  });
  afterEach(() => {
    temp.remove();
  });

  const init = () => initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF });

  it('opening where there is no vault is NOT_INITIALISED and creates nothing', () => {
    expect(vaultExists(temp.dataDir)).toBe(false);
    expect(codeOf(() => openVaultWithPassphrase(temp.dataDir, PASSPHRASE))).toBe('NOT_INITIALISED');
    expect(codeOf(() => openVaultWithKeychain(temp.dataDir, fakeKeychain('k')))).toBe(
      'NOT_INITIALISED',
    );
    expect(fs.existsSync(temp.dataDir)).toBe(false);

    fs.mkdirSync(temp.dataDir);
    expect(codeOf(() => openVaultWithPassphrase(temp.dataDir, PASSPHRASE))).toBe('NOT_INITIALISED');
    expect(fs.readdirSync(temp.dataDir)).toEqual([]);
  });

  it('opening with kiosk.db gone (keys.json left) is NOT_INITIALISED, never a fresh database', () => {
    init().close();
    fs.rmSync(path.join(temp.dataDir, 'kiosk.db'));
    expect(vaultExists(temp.dataDir)).toBe(true);
    expect(codeOf(() => openVaultWithPassphrase(temp.dataDir, PASSPHRASE))).toBe('NOT_INITIALISED');
    expect(fs.readdirSync(temp.dataDir)).toEqual(['keys.json']);
  });

  it('creates an owner-only folder holding exactly kiosk.db and keys.json', () => {
    const vault = init();
    expect(vaultExists(temp.dataDir)).toBe(true);
    vault.close();
    expect(fs.readdirSync(temp.dataDir).sort()).toEqual(['keys.json', 'kiosk.db']);
    if (process.platform !== 'win32') {
      expect(fs.statSync(temp.dataDir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(temp.dataDir, 'kiosk.db')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(temp.dataDir, 'keys.json')).mode & 0o777).toBe(0o600);
    }
  });

  it('refuses to init over an existing vault, or over a lone keys.json, and changes nothing', () => {
    init().close();
    let before = snapshotFolder(temp.dataDir);
    expect(codeOf(() => init())).toBe('ALREADY_INITIALISED');
    expect(snapshotFolder(temp.dataDir)).toEqual(before);

    fs.rmSync(path.join(temp.dataDir, 'kiosk.db'));
    before = snapshotFolder(temp.dataDir);
    expect(codeOf(() => init())).toBe('ALREADY_INITIALISED');
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });

  it('stores submissions with the kiosk id and reads them back after reopening', () => {
    const vault = init();
    const kioskId = vault.kioskId;
    const first = sampleSubmission({ n: 1 });
    const second = sampleSubmission({ n: 2 });
    vault.insertSubmission(first);
    vault.insertSubmission(second);
    expect(vault.countSubmissions()).toBe(2);
    vault.close();
    vault.close(); // idempotent

    const reopened = openVaultWithPassphrase(temp.dataDir, PASSPHRASE);
    expect(reopened.kioskId).toBe(kioskId);
    expect(reopened.dataDir).toBe(temp.dataDir);
    expect(reopened.listSubmissions()).toEqual([
      { ...first, kioskId },
      { ...second, kioskId },
    ]);
    expect(reopened.integrityCheck()).toBe('ok');
    reopened.close();
  });

  it('refuses a duplicate id and a payload that is not JSON', () => {
    const vault = init();
    const submission = sampleSubmission();
    vault.insertSubmission(submission);
    expect(() => {
      vault.insertSubmission(submission);
    }).toThrow(/UNIQUE/);
    expect(() => {
      vault.insertSubmission({ ...sampleSubmission(), payload: 'not json' });
    }).toThrow(/CHECK/);
    expect(vault.countSubmissions()).toBe(1);
    vault.close();
  });

  it('keys the database as SQLCipher v4 and sets the durability pragmas', () => {
    init().close();
    const key = unwrapWithPassphrase(readKeyFile(temp.dataDir, 'test'), PASSPHRASE, 'test');
    const db = openEncryptedDatabase(path.join(temp.dataDir, 'kiosk.db'), key);
    const read = (name: string): unknown => db.pragma(name, { simple: true });
    expect(read('cipher')).toBe('sqlcipher');
    expect(String(read('legacy'))).toBe('4');
    expect(read('journal_mode')).toBe('wal');
    expect(read('synchronous')).toBe(2); // FULL
    expect(read('temp_store')).toBe(2); // MEMORY
    expect(read('foreign_keys')).toBe(1);
    db.close();
  });
});
