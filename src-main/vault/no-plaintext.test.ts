import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initVault, openPlainDatabaseForBench } from './index';
import { readKeyFile } from './key-file';
import { unwrapWithPassphrase } from './open-vault';
import {
  createTempRoot,
  FAST_KDF,
  fileContainsText,
  PASSPHRASE,
  sampleSubmission,
} from './vault-test-fixtures';

const CLIENT_NAME = 'Zebulon Quagmire-Test';

describe('no plaintext at rest', () => {
  let temp: ReturnType<typeof createTempRoot>;
  beforeEach(() => {
    temp = createTempRoot();
  });
  afterEach(() => {
    temp.remove();
  });

  function filesOf(dir: string): string[] {
    return fs.readdirSync(dir).map((name) => path.join(dir, name));
  }

  it('the scan finds the name in a plain database (control: the scan can fail)', () => {
    fs.mkdirSync(temp.dataDir);
    const plain = openPlainDatabaseForBench(path.join(temp.dataDir, 'plain.db'));
    plain.insertSubmission(sampleSubmission({ fullName: CLIENT_NAME }));
    expect(filesOf(temp.dataDir).some((file) => fileContainsText(file, CLIENT_NAME))).toBe(true);
    plain.close();
  });

  it('keeps a client name out of every file, while open and after close', () => {
    const vault = initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF });
    vault.insertSubmission(sampleSubmission({ fullName: CLIENT_NAME, note: CLIENT_NAME }));

    const whileOpen = filesOf(temp.dataDir);
    // The submission is in the WAL at this point: that is the file that must be encrypted too.
    expect(whileOpen.map((file) => path.basename(file)).sort()).toEqual([
      'keys.json',
      'kiosk.db',
      'kiosk.db-shm',
      'kiosk.db-wal',
    ]);
    for (const file of whileOpen) {
      expect(fileContainsText(file, CLIENT_NAME), file).toBe(false);
    }

    vault.close();
    for (const file of filesOf(temp.dataDir)) {
      expect(fileContainsText(file, CLIENT_NAME), file).toBe(false);
    }
  });

  it('never writes the database key itself to keys.json or anywhere else', () => {
    initVault(temp.dataDir, { passphrase: PASSPHRASE, kdf: FAST_KDF }).close();
    const key = unwrapWithPassphrase(readKeyFile(temp.dataDir, 'test'), PASSPHRASE, 'test');
    const keyFileText = fs.readFileSync(path.join(temp.dataDir, 'keys.json'), 'utf8');
    expect(keyFileText).not.toContain(key.toString('hex'));
    expect(keyFileText.toLowerCase()).not.toContain(key.toString('hex').toLowerCase());
    expect(keyFileText).not.toContain(key.toString('base64'));
    for (const file of filesOf(temp.dataDir)) {
      expect(fs.readFileSync(file).includes(key), file).toBe(false);
    }
  });
});
