import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { appendAudit, auditHead, verifyVault } from '../../src-main/audit';
import { MANIFEST_FORMAT } from '../../src-main/export/run-export';
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
import { reportFigures } from '../support/figures';

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
  // For the CI log: the tamperings done here (SQL edits, a cut end) and how many verify caught.
  const tally = { tried: 0, caught: 0 };
  const caught = (failed: boolean): void => {
    tally.tried += 1;
    tally.caught += failed ? 1 : 0;
  };
  afterAll(() => {
    reportFigures('verify on a tampered vault', {
      'tamperings tried': tally.tried,
      'tamperings caught': tally.caught,
    });
  });

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
    caught(!report.ok);
    expect(report.ok).toBe(false);
    expect(report.chain).toMatchObject({ ok: false, position });
  });

  it('makes `npm run kiosk -- verify` fail and say where', () => {
    const dir = tampered('cli', [`UPDATE audit_log SET details = '{"n":99}' WHERE seq = 3`]);
    const run = runVerify(dir);
    caught(run.status === 1);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/audit chain: BROKEN at entry 3/);
    expect(run.stdout).toMatch(/database integrity: ok/);
  });

  it('checks each export manifest given with --anchor, and sees entries cut off the end', () => {
    const manifest = join(temp.root, 'manifest.json');
    const { vault, unlock } = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    writeFileSync(
      manifest,
      JSON.stringify({
        format: MANIFEST_FORMAT,
        kioskId: vault.kioskId,
        createdAt: new Date().toISOString(),
        auditHead: auditHead(vault),
      }),
    );
    unlock.wipe();
    vault.close();
    const intact = runVerify(temp.dataDir, ['--anchor', manifest]);
    expect(intact.stdout).toContain(`anchor ${manifest} (seq 6): ok`);
    expect(intact.status).toBe(0);

    const cut = runVerify(tampered('cut', [`DELETE FROM audit_log WHERE seq > 4`]), [
      '--anchor',
      manifest,
    ]);
    caught(cut.status === 1);
    expect(cut.status).toBe(1);
    expect(cut.stdout).toMatch(/^audit chain: ok \(4 entries/m);
    expect(cut.stdout).toContain(
      `anchor ${manifest} (seq 6): FAILED: the log ends at seq 4 but the anchor recorded seq 6: entries were cut off the end`,
    );
    expect(cut.stdout).toContain('audit head counter: FAILED');
  });

  it('stops with a clear message on a file that is not an export manifest', () => {
    const notManifest = join(temp.root, 'notes.json');
    writeFileSync(notManifest, '{"hello":1}');
    const run = runVerify(temp.dataDir, ['--anchor', notManifest]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${notManifest} is not an export manifest with an audit anchor`);
    expect(run.stdout).toBe('');
  });
});

function runVerify(dir: string, extra: string[] = []) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src-main/cli/main.ts'), 'verify', '--data-dir', dir, ...extra],
    {
      cwd: ROOT,
      env: { ...process.env, KIOSK_PASSPHRASE: PASSPHRASE },
      encoding: 'utf8',
    },
  );
}
