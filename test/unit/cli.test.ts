import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_PASSPHRASE, PASSPHRASE } from '../support/kiosk-fixture';

const ROOT = resolve(import.meta.dirname, '../..');

function kiosk(args: string[], env: Record<string, string> = { KIOSK_PASSPHRASE: PASSPHRASE }) {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.KIOSK_PASSPHRASE;
  delete base.KIOSK_RECOVERY_KEY;
  delete base.KIOSK_NEW_PASSPHRASE;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src-main/cli/main.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...base, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let parent: string;
let dataDir: string;
let recoveryKey: string;

beforeAll(() => {
  parent = mkdtempSync(join(tmpdir(), 'kiosk-cli-'));
  dataDir = join(parent, 'data');
});

afterAll(() => {
  rmSync(parent, { recursive: true, force: true });
});

describe('npm run kiosk', () => {
  it('init creates a vault, prints the recovery key once, and refuses to create one over it', () => {
    expect(kiosk(['init', '--data-dir', dataDir]).stderr).toMatch(
      /--name <administrator> is required/,
    );
    const weak = kiosk(['init', '--name', 'Jane Roe', '--data-dir', dataDir], {
      KIOSK_PASSPHRASE: 'password1234',
    });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/passphrase: too_common/);
    const first = kiosk(['init', '--name', 'Jane Roe', '--data-dir', dataDir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/created an encrypted vault/);
    const match = /recovery key: (([A-Z2-7]{4}-){7}[A-Z2-7]{4})/.exec(first.stdout);
    expect(match).not.toBeNull();
    recoveryKey = match?.[1] ?? '';
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['keys.json', 'kiosk.db']));
    const again = kiosk(['init', '--name', 'Jane Roe', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has a vault/);
  });

  it('seed-demo adds clearly fake submissions that status counts and list names', () => {
    const seeded = kiosk(['seed-demo', '--count', '3', '--data-dir', dataDir]);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('added 3 fake submissions');
    const status = kiosk(['status', '--json', '--data-dir', dataDir]);
    expect(status.code, status.stderr).toBe(0);
    const hash = expect.stringMatching(/^[0-9a-f]{64}$/) as unknown;
    expect(JSON.parse(status.stdout)).toMatchObject({
      submissions: 3,
      // kiosk.json's programmes, in its order.
      packs: [
        { id: 'ketamine-education', hash },
        { id: 'ketamine-check-in', hash },
      ],
      // The front desk's and the Pushgateway's snapshot, from the same builder.
      health: {
        submissions: { total: 3, notExported: 3 },
        notPushed: { total: 3 },
        lastSubmissionAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
        vault: { integrity: 'ok' },
        openAlerts: 0,
        healthPush: null,
      },
    });
    expect(status.stdout).not.toContain('Fake Demo-Client');
    const list = kiosk(['list', '--data-dir', dataDir], { KIOSK_RECOVERY_KEY: recoveryKey });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.match(/Fake Demo-Client/g)).toHaveLength(3);
  });

  it('seed-demo --pack seeds visits of another programme, and names the ones offered when it is not', () => {
    const other = join(parent, 'programmes');
    expect(kiosk(['init', '--name', 'Jane Roe', '--data-dir', other]).code).toBe(0);
    const checkIns = kiosk([
      'seed-demo',
      '--count',
      '2',
      '--pack',
      'ketamine-check-in',
      '--data-dir',
      other,
    ]);
    expect(checkIns.code, checkIns.stderr).toBe(0);
    const unknown = kiosk([
      'seed-demo',
      '--count',
      '1',
      '--pack',
      'no-such-pack',
      '--data-dir',
      other,
    ]);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain(
      'this kiosk offers no program "no-such-pack" (it offers ketamine-education, ketamine-check-in)',
    );
    const list = kiosk(['list', '--data-dir', other]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.match(/ketamine-check-in \d+\.\d+\.\d+/g)).toHaveLength(2);
  });

  it('exits non-zero with a clear message on a wrong or missing secret', () => {
    const wrong = kiosk(['status', '--data-dir', dataDir], { KIOSK_PASSPHRASE: OTHER_PASSPHRASE });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/passphrase does not open this kiosk/);
    const missing = kiosk(['status', '--data-dir', dataDir], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/set KIOSK_PASSPHRASE/);
  });

  it('verify proves the audit chain and the database, and rekey keeps every record', () => {
    const verified = kiosk(['verify', '--data-dir', dataDir]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/audit chain: ok/);
    const rekeyed = kiosk(['rekey', '--data-dir', dataDir]);
    expect(rekeyed.code, rekeyed.stderr).toBe(0);
    const list = kiosk(['list', '--json', '--data-dir', dataDir]);
    expect(JSON.parse(list.stdout)).toHaveLength(3);
    expect(kiosk(['verify', '--data-dir', dataDir]).code).toBe(0);
  });

  it('staff add and passwd go through the same policy and audit', () => {
    const added = kiosk(['staff', 'add', '--name', 'Sam Poe', '--data-dir', dataDir], {
      KIOSK_PASSPHRASE: PASSPHRASE,
      KIOSK_NEW_PASSPHRASE: OTHER_PASSPHRASE,
    });
    expect(added.code, added.stderr).toBe(0);
    const listed = kiosk(['staff', 'list', '--json', '--data-dir', dataDir], {
      KIOSK_PASSPHRASE: OTHER_PASSPHRASE,
    });
    expect((JSON.parse(listed.stdout) as { name: string }[]).map((m) => m.name).sort()).toEqual([
      'Jane Roe',
      'Sam Poe',
    ]);
    const third = 'amber lantern drifts southward';
    const changed = kiosk(['staff', 'passwd', '--data-dir', dataDir], {
      KIOSK_PASSPHRASE: OTHER_PASSPHRASE,
      KIOSK_NEW_PASSPHRASE: third,
    });
    expect(changed.code, changed.stderr).toBe(0);
    expect(
      kiosk(['staff', 'list', '--data-dir', dataDir], { KIOSK_PASSPHRASE: OTHER_PASSPHRASE }).code,
    ).toBe(1);
    expect(kiosk(['staff', 'list', '--data-dir', dataDir], { KIOSK_PASSPHRASE: third }).code).toBe(
      0,
    );
  });

  it('export writes files for a nightly script, and fails clearly on every bad case', () => {
    const out = join(parent, 'usb');
    mkdirSync(out);
    const run = (args: string[], env?: Record<string, string>) =>
      kiosk(['export', '--data-dir', dataDir, ...args], env);
    const done = run(['--format', 'csv', '--out', out]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/export: 3 submissions/);
    const [folder] = readdirSync(out);
    expect(readdirSync(join(out, folder ?? ''))).toEqual(
      expect.arrayContaining(['manifest.json', 'submissions.csv', 'statements.csv']),
    );
    expect(run(['--format', 'csv', '--out', join(parent, 'missing')]).stderr).toMatch(
      /does not exist/,
    );
    const empty = run(['--format', 'fhir', '--out', out, '--to', '2000-01-01']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/export\.run: .*(no submissions|nothing)/i);
    const wrong = run(['--format', 'csv', '--out', out], { KIOSK_PASSPHRASE: OTHER_PASSPHRASE });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/passphrase does not open this kiosk/);
    expect(run(['--format', 'xlsx', '--out', out]).code).toBe(64);
    expect(readdirSync(out)).toHaveLength(1);
  });

  it('verify checks an export manifest given with --anchor', () => {
    const out = join(parent, 'usb');
    const [folder] = readdirSync(out);
    const manifest = join(out, folder ?? '', 'manifest.json');
    const verified = kiosk(['verify', '--anchor', manifest, '--data-dir', dataDir]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^audit head counter: ok$/m);
    expect(verified.stdout).toContain(`anchor ${manifest} (seq `);
  });

  it('verify-record says whether a PDF matches its record in the vault, by exit status', () => {
    const out = join(parent, 'pdfs');
    mkdirSync(out);
    const exported = kiosk(['export', '--format', 'pdf', '--out', out, '--data-dir', dataDir]);
    expect(exported.code, exported.stderr).toBe(0);
    const [folder] = readdirSync(out);
    const pdfName = readdirSync(join(out, folder ?? '')).find((name) => name.endsWith('.pdf'));
    const pdf = join(out, folder ?? '', pdfName ?? '');
    const check = (file: string) => kiosk(['verify-record', file, '--data-dir', dataDir]);

    const match = check(pdf);
    expect(match.code, match.stderr).toBe(0);
    expect(match.stdout).toMatch(/^verify-record: match: /);

    const bytes = readFileSync(pdf).toString('latin1');
    const [, hash, id] =
      /clinic-kiosk-record-sha256:([0-9a-f]{64}) clinic-kiosk-submission:([0-9a-f-]{36})/.exec(
        bytes,
      ) ?? [];
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const altered = join(parent, 'altered.pdf');
    writeFileSync(altered, Buffer.from(bytes.replace(hash ?? '', 'f'.repeat(64)), 'latin1'));
    const noMatch = check(altered);
    expect(noMatch.code).toBe(2);
    expect(noMatch.stdout).toMatch(/^verify-record: NO MATCH: /);

    const elsewhere = join(parent, 'elsewhere.pdf');
    const otherId = '3f1c9a52-6a0e-4b43-9d0c-1b2f3a4c5d6e';
    writeFileSync(elsewhere, Buffer.from(bytes.replace(id ?? '', otherId), 'latin1'));
    const missing = check(elsewhere);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toContain(`NO SUCH RECORD: ${elsewhere} names record ${otherId}`);

    const notPdf = join(parent, 'notes.txt');
    writeFileSync(notPdf, 'hello');
    const refused = check(notPdf);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/carries no record fingerprint/);
    expect(kiosk(['verify-record', '--data-dir', dataDir]).code).toBe(64);
  });

  it('export --new takes only what was never exported, and --encrypt prints the password once', () => {
    const out = join(parent, 'usb');
    const run = (args: string[]) => kiosk(['export', '--data-dir', dataDir, ...args]);
    // All three were exported by the test above: nothing is new.
    const none = run(['--format', 'pdf', '--out', out, '--new']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no submissions not yet exported/i);
    const encrypted = run(['--format', 'csv', '--out', out, '--encrypt']);
    expect(encrypted.code, encrypted.stderr).toBe(0);
    expect(encrypted.stdout).toMatch(/^password: [A-Z2-7]{5}(-[A-Z2-7]{5}){5}$/m);
    const archive = readdirSync(out).find((name) => name.endsWith('-csv.zip'));
    expect(archive).toMatch(/^kiosk-export-\d{8}T\d{6}[-+]\d{4}-[0-9a-f]{8}-csv\.zip$/);
    expect(readdirSync(out)).toHaveLength(2);
  });

  it('pin set refuses a common PIN and sets a good one', () => {
    const common = kiosk(['pin', 'set', '--data-dir', dataDir], {
      KIOSK_PASSPHRASE: PASSPHRASE,
      KIOSK_NEW_PIN: '123456',
    });
    expect(common.code).toBe(1);
    expect(common.stderr).toMatch(/pin: too_common/);
    const good = kiosk(['pin', 'set', '--data-dir', dataDir], {
      KIOSK_PASSPHRASE: PASSPHRASE,
      KIOSK_NEW_PIN: '482193',
    });
    expect(good.code, good.stderr).toBe(0);
  });

  it('explains its usage errors', () => {
    expect(kiosk(['status']).stderr).toMatch(/--data-dir <dir> is required/);
    expect(kiosk(['frobnicate', '--data-dir', dataDir]).stderr).toMatch(
      /unknown command "frobnicate"/,
    );
    expect(kiosk(['seed-demo', '--count', 'lots', '--data-dir', dataDir]).code).toBe(64);
    expect(kiosk(['status', '--data-dir', join(parent, 'empty')]).stderr).toMatch(/no vault in/);
    // verify and rekey open the vault files directly, not through the app: same words, exit 64.
    for (const command of ['verify', 'rekey']) {
      const missing = kiosk([command, '--data-dir', join(parent, 'empty')]);
      expect(missing.code).toBe(64);
      expect(missing.stderr).toMatch(/no vault in .*create one with .*init --name/);
    }
  });

  it('prints its usage on stdout and exits 0 with --help, without a data folder', () => {
    for (const args of [['--help'], ['-h'], ['export', '--help']]) {
      const help = kiosk(args, {});
      expect(help.code, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/^usage: npm run kiosk -- <command> --data-dir <dir>/);
      expect(help.stdout).toMatch(/--verbose/);
      expect(help.stderr).toBe('');
    }
  });

  it('prints only its result: nothing on stderr after a successful command', () => {
    const out = join(parent, 'quiet-usb');
    mkdirSync(out);
    for (const args of [
      ['status'],
      ['status', '--json'],
      ['list'],
      ['seed-demo', '--count', '1'],
      ['export', '--format', 'csv', '--out', out],
    ]) {
      const run = kiosk([...args, '--data-dir', dataDir]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).not.toBe('');
      expect(run.stderr, args.join(' ')).toBe('');
    }
    // Five CLI processes, each compiling the CLI with tsx: over a minute on two busy cores.
  }, 180_000);

  it("shows the modules' diagnostics on stderr with --verbose, and keeps stdout for the result", () => {
    const run = kiosk(['status', '--json', '--verbose', '--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/no keychain on this machine/);
    expect(JSON.parse(run.stdout)).toMatchObject({ submissions: 4 });
    const failed = kiosk(['status', '--verbose', '--data-dir', dataDir], {
      KIOSK_PASSPHRASE: OTHER_PASSPHRASE,
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/unlock_failed held until the vault opens/);
    expect(failed.stderr).toMatch(/passphrase does not open this kiosk/);
  });

  it('refuses an unknown option with exit 64 and names it', () => {
    const run = kiosk(['status', '--frobnicate', '--data-dir', dataDir]);
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/unknown option "--frobnicate"/);
    expect(run.stderr).toMatch(/--help/);
    const missing = kiosk(['status', '--data-dir']);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toMatch(/--data-dir/);
  });
});
