import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vaultExists } from './data-folder';
import { openRawDatabase } from './db/open-database';
import { openVaultWithSecret, type AuditRow } from './index';
import { openVaultWithKeychain } from './open-existing-vault';
import {
  codeOf,
  databaseKeyOf,
  fakeKeychain,
  initTestVault,
  PASSPHRASE,
  sampleSubmission,
  snapshotFolder,
  useTempRoot,
} from './vault-test-fixtures';

describe('vault lifecycle', () => {
  const temp = useTempRoot();
  const init = () => initTestVault(temp.dataDir).vault;
  const openWithPassphrase = () => openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });

  it('opening where there is no vault is NOT_INITIALISED and creates nothing', () => {
    expect(vaultExists(temp.dataDir)).toBe(false);
    expect(codeOf(openWithPassphrase)).toBe('NOT_INITIALISED');
    expect(codeOf(() => openVaultWithKeychain(temp.dataDir, fakeKeychain('k')))).toBe(
      'NOT_INITIALISED',
    );
    expect(fs.existsSync(temp.dataDir)).toBe(false);

    fs.mkdirSync(temp.dataDir);
    expect(codeOf(openWithPassphrase)).toBe('NOT_INITIALISED');
    expect(fs.readdirSync(temp.dataDir)).toEqual([]);
  });

  it('opening with kiosk.db gone (keys.json left) is NOT_INITIALISED, never a fresh database', () => {
    init().close();
    fs.rmSync(path.join(temp.dataDir, 'kiosk.db'));
    expect(vaultExists(temp.dataDir)).toBe(true);
    expect(codeOf(openWithPassphrase)).toBe('NOT_INITIALISED');
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

  it('refuses an empty or overlong admin name and creates nothing', () => {
    expect(codeOf(() => initTestVault(temp.dataDir, { adminName: '   ' }))).toBe(
      'INVALID_STAFF_NAME',
    );
    expect(codeOf(() => initTestVault(temp.dataDir, { adminName: 'x'.repeat(201) }))).toBe(
      'INVALID_STAFF_NAME',
    );
    expect(fs.existsSync(temp.dataDir)).toBe(false);
  });

  it('stores submissions sealed, with the kiosk id, and opens them after reopening', () => {
    const { vault, admin } = initTestVault(temp.dataDir);
    const kioskId = vault.kioskId;
    const first = sampleSubmission({ n: 1 });
    const second = sampleSubmission({ n: 2 });
    vault.insertSubmission(first);
    vault.insertSubmission(second);
    expect(vault.countSubmissions()).toBe(2);
    vault.close();
    vault.close(); // idempotent

    const { vault: reopened, unlock } = openWithPassphrase();
    expect(reopened.kioskId).toBe(kioskId);
    expect(reopened.dataDir).toBe(temp.dataDir);
    expect(unlock.via).toBe('passphrase');
    expect(unlock.staff).toEqual(admin);
    const rows = reopened.listSubmissions();
    expect(rows.map((row) => ({ ...row, sealed: 'sealed' }))).toEqual(
      [first, second].map((s) => ({
        id: s.id,
        kioskId,
        packId: s.packId,
        packVersion: s.packVersion,
        packHash: s.packHash,
        locale: s.locale,
        startedAt: s.startedAt,
        submittedAt: s.submittedAt,
        exportedAt: null,
        sealed: 'sealed',
      })),
    );
    expect(rows.map((row) => unlock.openSubmission(row.sealed))).toEqual([
      first.payload,
      second.payload,
    ]);
    expect(reopened.integrityCheck()).toBe('ok');
    expect(reopened.cipherIntegrityCheck()).toBe('ok');
    unlock.wipe();
    reopened.close();
  });

  it('refuses a duplicate id and a payload that is not JSON', () => {
    const vault = init();
    const submission = sampleSubmission();
    vault.insertSubmission(submission);
    expect(() => {
      vault.insertSubmission(submission);
    }).toThrow(/UNIQUE/);
    expect(
      codeOf(() => {
        vault.insertSubmission({ ...sampleSubmission(), payload: 'not json' });
      }),
    ).toBe('INVALID_PAYLOAD');
    expect(vault.countSubmissions()).toBe(1);
    vault.close();
  });

  it('stores audit rows as given and reads them back in seq order; a taken seq throws', () => {
    const vault = init();
    expect(vault.auditRows()).toEqual([]);
    expect(vault.lastAuditRow()).toBeUndefined();
    const row = (seq: number): AuditRow => ({
      seq,
      at: `2025-01-02T03:04:0${String(seq)}.000Z`,
      actor: 'staff:1',
      action: 'unlock',
      details: `{"n":${String(seq)}}`,
      prevHash: String(seq - 1).repeat(64),
      hash: String(seq).repeat(64),
    });
    vault.appendAuditRow(row(2));
    vault.appendAuditRow(row(1));
    expect(vault.auditRows()).toEqual([row(1), row(2)]);
    expect(vault.lastAuditRow()).toEqual(row(2));
    expect(() => {
      vault.appendAuditRow(row(2));
    }).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => {
      vault.appendAuditRow({ ...row(3), details: 'not json' });
    }).toThrow(/CHECK/);
    vault.close();

    const { vault: reopened, unlock } = openWithPassphrase();
    expect(reopened.auditRows()).toEqual([row(1), row(2)]);
    unlock.wipe();
    reopened.close();
  });

  it('keys the database as SQLCipher v4 with FULL auto-vacuum and the durability pragmas', () => {
    init().close();
    const db = openRawDatabase(temp.dataDir, databaseKeyOf(temp.dataDir));
    const read = (name: string): unknown => db.pragma(name, { simple: true });
    expect(read('cipher')).toBe('sqlcipher');
    expect(String(read('legacy'))).toBe('4');
    expect(read('journal_mode')).toBe('wal');
    expect(read('synchronous')).toBe(2); // FULL
    expect(read('temp_store')).toBe(2); // MEMORY
    expect(read('foreign_keys')).toBe(1);
    expect(read('auto_vacuum')).toBe(1); // FULL: no free-list pages (see cipherIntegrityCheck)
    db.close();
  });

  it('refuses a keys.json whose public key is not the one the database recorded', () => {
    initTestVault(temp.dataDir).vault.close();
    const file = path.join(temp.dataDir, 'keys.json');
    const keyFile = JSON.parse(fs.readFileSync(file, 'utf8')) as { seal: { publicKey: string } };
    keyFile.seal.publicKey = Buffer.alloc(32, 9).toString('base64');
    fs.writeFileSync(file, JSON.stringify(keyFile));
    const before = snapshotFolder(temp.dataDir);
    expect(codeOf(openWithPassphrase)).toBe('SEAL_KEY_MISMATCH');
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });
});
