import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyVault } from '../../src-main/audit';
import { ensureSodium, openVaultWithSecret } from '../../src-main/vault';
import { openRawDatabase } from '../../src-main/vault/db/open-database';
import {
  copyFolder,
  createTempRoot,
  databaseKeyOf,
  initTestVault,
  PASSPHRASE,
  type TempRoot,
} from '../../src-main/vault/vault-test-fixtures';

const ROOT = resolve(import.meta.dirname, '../..');
let temp: TempRoot;

beforeAll(async () => {
  await ensureSodium();
});

beforeEach(() => {
  temp = createTempRoot();
  const { vault } = initTestVault(temp.dataDir);
  const actions = ['unlock', 'staff_added', 'export', 'lock', 'unlock', 'purge'] as const;
  actions.forEach((action, index) => {
    appendAudit(vault, { actor: 'cli', action, details: { n: index } });
  });
  vault.close();
});

afterEach(() => {
  temp.remove();
});

/** A copy of the vault, changed with the database key as an attacker holding it could. */
function tampered(name: string, sql: string[]): string {
  const dir = join(temp.root, name);
  copyFolder(temp.dataDir, dir);
  const db = openRawDatabase(dir, databaseKeyOf(dir));
  for (const statement of sql) {
    db.exec(statement);
  }
  db.close();
  return dir;
}

function verify(dir: string) {
  const { vault, unlock } = openVaultWithSecret(dir, { passphrase: PASSPHRASE });
  try {
    return verifyVault(vault);
  } finally {
    unlock.wipe();
    vault.close();
  }
}

describe('verify on a real vault', () => {
  it('passes an untouched log', () => {
    expect(verify(temp.dataDir)).toMatchObject({
      ok: true,
      chain: { ok: true, entries: 6 },
      integrity: 'ok',
      cipherIntegrity: 'ok',
    });
  });

  it.each([
    ['an edited row', [`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3`], 3],
    ['a deleted row', [`DELETE FROM audit_log WHERE seq = 4`], 4],
    [
      'two swapped rows',
      [
        `UPDATE audit_log SET seq = -2 WHERE seq = 2`,
        `UPDATE audit_log SET seq = 2 WHERE seq = 5`,
        `UPDATE audit_log SET seq = 5 WHERE seq = -2`,
      ],
      2,
    ],
  ])('names the first bad entry after %s', (name, sql, position) => {
    const report = verify(tampered(name.replaceAll(' ', '-'), sql));
    expect(report.ok).toBe(false);
    expect(report.chain).toMatchObject({ ok: false, position });
  });

  it('makes `npm run kiosk -- verify` fail and say where', () => {
    const dir = tampered('cli', [`UPDATE audit_log SET details = '{"n":99}' WHERE seq = 3`]);
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src-main/cli/main.ts'), 'verify', '--data-dir', dir],
      {
        cwd: ROOT,
        env: { ...process.env, KIOSK_PASSPHRASE: PASSPHRASE },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/audit chain: BROKEN at entry 3/);
    expect(run.stdout).toMatch(/database integrity: ok/);
  });
});
