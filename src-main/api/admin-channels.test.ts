import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OTHER_PASSPHRASE,
  openTestKiosk,
  PASSPHRASE,
  type TestKiosk,
} from '../../test/support/kiosk-fixture';
import { verifyChain } from '../audit';
import { seedDemo } from '../cli/seed-demo';

let kiosk: TestKiosk;

function auditActions(): string[] {
  return (kiosk.app.gate.vault()?.auditRows() ?? []).map((row) => row.action);
}

afterEach(() => {
  kiosk.dispose();
});

describe('first run', () => {
  beforeEach(() => {
    kiosk = openTestKiosk();
  });

  it('names every problem with the first administrator before creating anything', async () => {
    const cases: [unknown, Record<string, string>][] = [
      [{ name: ' ', passphrase: PASSPHRASE, confirm: PASSPHRASE }, { name: 'required' }],
      [{ name: 'Jane', passphrase: 'short', confirm: 'short' }, { passphrase: 'too_short' }],
      [
        { name: 'Jane', passphrase: 'password1234', confirm: 'password1234' },
        { passphrase: 'too_common' },
      ],
      [
        { name: 'Jane', passphrase: PASSPHRASE, confirm: OTHER_PASSPHRASE },
        { confirm: 'mismatch' },
      ],
    ];
    for (const [input, fields] of cases) {
      expect(await kiosk.app.dispatch('vault.create', input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', fields },
      });
    }
    expect((await kiosk.ok('app.info', {})).vault).toBe('needs-setup');
  });

  it('creates the vault, shows a recovery key once, and audits it', async () => {
    const recoveryKey = await kiosk.setUp();
    expect(recoveryKey).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect((await kiosk.ok('app.info', {})).vault).toBe('ready');
    expect(auditActions()).toEqual(['vault_created']);
    expect(
      await kiosk.call('vault.create', {
        name: 'Jane',
        passphrase: PASSPHRASE,
        confirm: PASSPHRASE,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VAULT_EXISTS' },
    });
  });

  it('answers VAULT_EXISTS before judging the passphrase, so a long one cannot stall an existing kiosk', async () => {
    await kiosk.setUp();
    // A 1,024-digit passphrase cost zxcvbn seconds; a vault that exists needs no judging at all.
    const digits = Array.from({ length: 1024 }, (_, i) => String((i * 7919) % 10)).join('');
    for (const passphrase of [digits, 'short']) {
      expect(
        await kiosk.call('vault.create', { name: 'Jane', passphrase, confirm: passphrase }),
      ).toMatchObject({ ok: false, error: { code: 'VAULT_EXISTS' } });
    }
  });
});

describe('reopening without a keychain', () => {
  let recoveryKey: string;

  beforeEach(async () => {
    kiosk = openTestKiosk();
    recoveryKey = await kiosk.setUp();
    await seedDemo(kiosk.app, 2);
    kiosk.restart();
  });

  it('asks for a staff secret, refuses wrong ones by name, and audits them once open', async () => {
    expect((await kiosk.ok('app.info', {})).vault).toBe('needs-unlock');
    expect(await kiosk.call('vault.open', { passphrase: OTHER_PASSPHRASE })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE' },
    });
    const wrongKey = recoveryKey.replace(/^[A-Z2-7]/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await kiosk.call('vault.open', { recoveryKey: wrongKey })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_RECOVERY_KEY' },
    });
    expect(await kiosk.call('vault.open', { recoveryKey: 'not a key' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { recoveryKey: 'invalid_recovery_key' } },
    });
    expect((await kiosk.ok('app.info', {})).vault).toBe('needs-unlock');
    await kiosk.ok('vault.open', { recoveryKey: recoveryKey.toLowerCase().replaceAll('-', ' ') });
    expect((await kiosk.ok('app.info', {})).vault).toBe('ready');
    expect(auditActions().slice(-3)).toEqual(['unlock_failed', 'unlock_failed', 'recovery']);
    expect((await kiosk.ok('app.status', {})).submissions).toBe(2);
  });
});

describe('the staff area', () => {
  beforeEach(async () => {
    kiosk = openTestKiosk({ staffIdleMs: 60_000 });
    await kiosk.setUp();
    await seedDemo(kiosk.app, 2);
  });

  it('shows no client data until a staff member unlocks, and audits every attempt', async () => {
    expect(await kiosk.call('submissions.list', {})).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
    expect(await kiosk.call('admin.listStaff', {})).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
    expect(await kiosk.call('admin.unlock', { passphrase: OTHER_PASSPHRASE })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE' },
    });
    const status = await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    expect(status.unlocked).toMatchObject({ name: 'Jane Roe', via: 'passphrase' });
    const rows = await kiosk.ok('submissions.list', {});
    expect(rows.map((row) => row.fullName).sort()).toEqual([
      'Fake Demo-Client A',
      'Fake Demo-Client B',
    ]);
    expect(rows[0]?.comprehensionAttempts).toBe(
      kiosk.app.programmes.first.steps.filter((s) => s.kind === 'check').length,
    );
    expect(auditActions()).toEqual([
      'vault_created',
      'submission_created',
      'submission_created',
      // The failure, then its window's total once the right passphrase came.
      'unlock_failed',
      'unlock_failed',
      'unlock',
      'records_listed',
    ]);
  });

  it('locks when asked, when a client starts, and after the idle time', async () => {
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    await kiosk.ok('admin.lock', {});
    expect(await kiosk.call('submissions.list', {})).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });

    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    await kiosk.ok('session.start', { locale: 'en' });
    expect((await kiosk.ok('admin.status', {})).unlocked).toBeUndefined();

    kiosk.restart({ staffIdleMs: 40 });
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await kiosk.call('submissions.list', {})).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
    expect(auditActions().filter((action) => action === 'lock')).toHaveLength(3);
  });

  it('refuses a staff name that is not well-formed text, and adds no one', async () => {
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const before = await kiosk.ok('admin.listStaff', {});
    const actions = auditActions();
    // Found by the soak fuzzer: the member was added, then the audit entry (canonical JSON,
    // which has no lone surrogate) could not be written, and the call answered INTERNAL.
    expect(
      await kiosk.call('admin.addStaff', {
        name: '\uDFFF\uD800',
        passphrase: OTHER_PASSPHRASE,
        confirm: OTHER_PASSPHRASE,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await kiosk.ok('admin.listStaff', {})).toEqual(before);
    expect(auditActions()).toEqual(actions);
  });

  it('lets an administrator add and remove staff, never the last one', async () => {
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    expect(
      await kiosk.call('admin.addStaff', {
        name: 'Sam',
        passphrase: 'password1234',
        confirm: 'password1234',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { passphrase: 'too_common' } },
    });
    const sam = await kiosk.ok('admin.addStaff', {
      name: 'Sam Poe',
      passphrase: OTHER_PASSPHRASE,
      confirm: OTHER_PASSPHRASE,
    });
    const members = await kiosk.ok('admin.listStaff', {});
    expect(members.map((member) => member.name).sort()).toEqual(['Jane Roe', 'Sam Poe']);
    const jane = members.find((member) => member.name === 'Jane Roe');

    // Sam's passphrase opens everything Jane's did.
    await kiosk.ok('admin.unlock', { passphrase: OTHER_PASSPHRASE });
    expect(await kiosk.ok('submissions.list', {})).toHaveLength(2);
    await kiosk.ok('admin.removeStaff', { staffId: jane?.staffId ?? '' });
    expect(await kiosk.call('admin.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE' },
    });
    await kiosk.ok('admin.unlock', { passphrase: OTHER_PASSPHRASE });
    expect(await kiosk.call('admin.removeStaff', { staffId: sam.staffId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    });
    expect(await kiosk.ok('submissions.list', {})).toHaveLength(2);
    expect(auditActions()).toEqual(expect.arrayContaining(['staff_added', 'staff_removed']));
  });

  it('lets staff change their own passphrase, checking the current one', async () => {
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    expect(
      await kiosk.call('admin.changePassphrase', {
        current: OTHER_PASSPHRASE,
        passphrase: OTHER_PASSPHRASE,
        confirm: OTHER_PASSPHRASE,
      }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    await kiosk.ok('admin.changePassphrase', {
      current: PASSPHRASE,
      passphrase: OTHER_PASSPHRASE,
      confirm: OTHER_PASSPHRASE,
    });
    expect(await kiosk.call('admin.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: false,
    });
    await kiosk.ok('admin.unlock', { passphrase: OTHER_PASSPHRASE });
    expect(auditActions()).toContain('passphrase_changed');
  });

  it('keeps a valid hash chain through all of it', async () => {
    await kiosk.call('admin.unlock', { passphrase: OTHER_PASSPHRASE });
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    await kiosk.ok('admin.lock', {});
    const report = verifyChain(kiosk.app.gate.vault()?.auditRows() ?? []);
    // vault_created, two submission_created, unlock_failed and its total, unlock, lock
    expect(report).toMatchObject({ ok: true, entries: 7 });
  });
});
