import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSPHRASE = 'correct horse battery staple';

function kiosk(args: string[], passphrase: string | null = PASSPHRASE) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.KIOSK_PASSPHRASE;
  if (passphrase !== null) {
    env.KIOSK_PASSPHRASE = passphrase;
  }
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src-main/cli.ts'), ...args],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let parent: string;
let dataDir: string;

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'kiosk-cli-'));
  dataDir = join(parent, 'data');
});

afterAll(() => {
  rmSync(parent, { recursive: true, force: true });
});

describe('npm run kiosk', () => {
  it('init creates a vault, and refuses to create one over it', () => {
    const first = kiosk(['init', '--data-dir', dataDir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/created an encrypted vault/);
    expect(readdirSync(dataDir).sort()).toEqual(expect.arrayContaining(['keys.json', 'kiosk.db']));
    const again = kiosk(['init', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a vault/);
  });

  it('seed-demo adds clearly fake submissions that status counts', () => {
    const seeded = kiosk(['seed-demo', '--count', '3', '--data-dir', dataDir]);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('added 3 fake submissions');
    const status = kiosk(['status', '--json', '--data-dir', dataDir]);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      submissions: 3,
      schemaVersion: 1,
      pack: { id: 'ketamine-education', hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown },
    });
  });

  it('exits non-zero with a clear message on a wrong or missing passphrase', () => {
    const wrong = kiosk(['status', '--data-dir', dataDir], 'not the passphrase at all');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/passphrase does not open this vault/);
    const missing = kiosk(['status', '--data-dir', dataDir], null);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/set KIOSK_PASSPHRASE/);
  });

  it('explains its usage errors', () => {
    expect(kiosk(['status']).stderr).toMatch(/--data-dir <dir> is required/);
    expect(kiosk(['frobnicate', '--data-dir', dataDir]).stderr).toMatch(
      /unknown command "frobnicate"/,
    );
    expect(kiosk(['seed-demo', '--count', 'lots', '--data-dir', dataDir]).code).toBe(64);
    expect(kiosk(['status', '--data-dir', join(parent, 'empty')]).stderr).toMatch(/no vault in/);
  });
});
