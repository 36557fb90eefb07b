import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVaultWithSecret } from '../index';
import {
  databaseKeyOf,
  initTestVault,
  PASSPHRASE,
  sampleSubmission,
  useTempRoot,
} from '../vault-test-fixtures';
import { openRawDatabase } from './open-database';

const PAGE = 4096;

describe('integrity checks', () => {
  const temp = useTempRoot();
  const file = () => path.join(temp.dataDir, 'kiosk.db');

  /** A closed vault with enough submissions to span many pages, some of them deleted. */
  function vaultWithPages(): number {
    const { vault } = initTestVault(temp.dataDir);
    for (let i = 0; i < 40; i++) {
      vault.insertSubmission(sampleSubmission({ signature: 'x'.repeat(i % 2 ? 6000 : 200) }));
    }
    vault.close();
    // Deleting rows would leave free-list pages without FULL auto-vacuum.
    const db = openRawDatabase(temp.dataDir, databaseKeyOf(temp.dataDir));
    db.exec('DELETE FROM submissions WHERE rowid % 3 = 0');
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    db.close();
    return fs.statSync(file()).size / PAGE;
  }

  function checks(): { integrity: string; cipher: string } {
    const { vault, unlock } = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    try {
      return { integrity: vault.integrityCheck(), cipher: vault.cipherIntegrityCheck() };
    } finally {
      unlock.wipe();
      vault.close();
    }
  }

  it('both say ok on an intact vault, open and with a live WAL', () => {
    vaultWithPages();
    const { vault, unlock } = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    vault.insertSubmission(sampleSubmission());
    expect(fs.existsSync(`${file()}-wal`)).toBe(true);
    expect(vault.integrityCheck()).toBe('ok');
    expect(vault.cipherIntegrityCheck()).toBe('ok');
    unlock.wipe();
    vault.close();
  });

  it('the cipher check reads from disk and finds one flipped bit on any page', () => {
    const pages = vaultWithPages();
    expect(pages).toBeGreaterThan(20);
    // Opened first, so the pages it needs are read while intact; the tampering then happens
    // under it, as bit rot or an attacker would, and only a read from disk can notice.
    const { vault, unlock } = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    const fd = fs.openSync(file(), 'r+');
    try {
      for (let page = 1; page <= pages; page++) {
        const offset = (page - 1) * PAGE + 100;
        const original = Buffer.alloc(1);
        fs.readSync(fd, original, 0, 1, offset);
        fs.writeSync(fd, Buffer.from([(original[0] ?? 0) ^ 0x10]), 0, 1, offset);
        expect(vault.cipherIntegrityCheck(), `page ${String(page)}`).not.toBe('ok');
        fs.writeSync(fd, original, 0, 1, offset);
      }
      expect(vault.cipherIntegrityCheck()).toBe('ok');
    } finally {
      fs.closeSync(fd);
      unlock.wipe();
      vault.close();
    }
    expect(checks()).toEqual({ integrity: 'ok', cipher: 'ok' });
  });

  it('reports problems as text instead of throwing', () => {
    const pages = vaultWithPages();
    const bytes = fs.readFileSync(file());
    const offset = (pages - 1) * PAGE + 10;
    bytes[offset] = (bytes[offset] ?? 0) ^ 0xff;
    fs.writeFileSync(file(), bytes);
    const { integrity, cipher } = checks();
    expect(integrity).toMatch(/SQLITE_CORRUPT|malformed|error/i);
    expect(cipher).toMatch(/SQLITE_CORRUPT|malformed|error/i);
  });
});
