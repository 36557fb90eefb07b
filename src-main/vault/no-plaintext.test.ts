import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openPlainDatabaseForBench } from './db/plain-database';
import type { Vault } from './index';
import { readKeyFile } from './keys/key-file';
import { unwrapSealPrivateKey } from './keys/master-key';
import { unwrapMasterKey } from './keys/record-keys';
import { parseRecoveryKey } from './keys/recovery-key';
import {
  bytesContainText,
  databaseKeyOf,
  fakeKeychain,
  fileContainsText,
  filesOf,
  initTestVault,
  PASSPHRASE,
  sampleSubmission,
  useTempRoot,
} from './vault-test-fixtures';

const CLIENT_NAME = 'Zebulon Quagmire-Test';

describe('no plaintext at rest', () => {
  const temp = useTempRoot();

  it('the scan finds a name in an unencrypted SQLite file and its WAL (control: it can fail)', () => {
    fs.mkdirSync(temp.dataDir);
    const db = new Database(path.join(temp.dataDir, 'plain.db'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run(CLIENT_NAME);
    db.prepare('INSERT INTO t VALUES (?)').run(Buffer.from(CLIENT_NAME, 'utf16le'));
    expect(filesOf(temp.dataDir).some((file) => fileContainsText(file, CLIENT_NAME))).toBe(true);
    db.close();
  });

  it('the benchmark database seals too: its file holds no client name either', () => {
    fs.mkdirSync(temp.dataDir);
    const plain = openPlainDatabaseForBench(path.join(temp.dataDir, 'plain.db'));
    plain.insertSubmission(sampleSubmission({ fullName: CLIENT_NAME }));
    for (const file of filesOf(temp.dataDir)) {
      expect(fileContainsText(file, CLIENT_NAME), file).toBe(false);
    }
    plain.close();
  });

  it('keeps a client name out of every file, while open and after close', () => {
    const { vault } = initTestVault(temp.dataDir, { keychain: fakeKeychain('k') });
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

  it('never writes a key in clear: not the database key, master key, private key or recovery key', () => {
    const { vault, recoveryKey } = initTestVault(temp.dataDir, { keychain: fakeKeychain('k') });
    vault.insertSubmission(sampleSubmission());
    const keyFile = readKeyFile(temp.dataDir);
    const { masterKey } = unwrapMasterKey(keyFile, { passphrase: PASSPHRASE });
    const secrets: Buffer[] = [
      databaseKeyOf(temp.dataDir),
      masterKey,
      Buffer.from(unwrapSealPrivateKey(keyFile, masterKey)),
      Buffer.from(parseRecoveryKey(recoveryKey)),
    ];
    const check = (open: Vault | undefined) => {
      for (const file of filesOf(temp.dataDir)) {
        const bytes = fs.readFileSync(file);
        for (const secret of secrets) {
          expect(bytes.includes(secret), `${file} (vault ${open ? 'open' : 'closed'})`).toBe(false);
          for (const text of [
            secret.toString('hex'),
            secret.toString('hex').toUpperCase(),
            secret.toString('base64'),
          ]) {
            expect(bytesContainText(bytes, text), file).toBe(false);
          }
        }
        expect(bytesContainText(bytes, recoveryKey), file).toBe(false);
        expect(bytesContainText(bytes, recoveryKey.replace(/-/g, '')), file).toBe(false);
      }
    };
    check(vault);
    vault.close();
    check(undefined);
  });
});
