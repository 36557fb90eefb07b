import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from '../../test/support/kiosk-fixture';
import { seedDemo } from '../cli/seed-demo';

const PIN = '482193';
let kiosk: TestKiosk;
const exitKiosk = vi.fn();

function auditActions(): string[] {
  return (kiosk.app.gate.vault()?.auditRows() ?? []).map((row) => row.action);
}

async function setPin(): Promise<void> {
  await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
  await kiosk.ok('admin.setPin', { pin: PIN, confirm: PIN });
  await kiosk.ok('admin.lock', {});
}

beforeEach(async () => {
  exitKiosk.mockReset();
  kiosk = openTestKiosk({ pinDelayBaseMs: 0, exitKiosk });
  await kiosk.setUp();
});

afterEach(() => {
  kiosk.dispose();
});

describe('the front desk', () => {
  it('cannot use a PIN before an administrator sets one, and a weak one is refused', async () => {
    expect(await kiosk.ok('frontdesk.access', {})).toEqual({
      pinSet: false,
      pinDisabled: false,
      retryAfterMs: 0,
      unlocked: null,
    });
    expect(await kiosk.call('frontdesk.unlock', { pin: PIN })).toMatchObject({
      ok: false,
      error: { code: 'PIN_NOT_SET' },
    });
    expect(await kiosk.call('admin.setPin', { pin: PIN, confirm: PIN })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    expect(await kiosk.call('admin.setPin', { pin: '123456', confirm: '123456' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { pin: 'too_common' } },
    });
  });

  it('sees counts and health with the PIN, but no client data', async () => {
    await seedDemo(kiosk.app, 3);
    await setPin();
    expect(await kiosk.call('frontdesk.health', {})).toMatchObject({
      ok: false,
      error: { code: 'FRONT_DESK_LOCKED' },
    });
    expect((await kiosk.ok('frontdesk.unlock', { pin: PIN })).unlocked).toBe('front-desk');
    const health = await kiosk.ok('frontdesk.health', {});
    expect(health).toMatchObject({
      paused: false,
      submissions: { total: 3, today: 3, notExported: 3 },
      lastExportAt: null,
      vault: { integrity: 'ok' },
      packs: [{ id: 'ketamine-education' }, { id: 'ketamine-check-in' }],
    });
    expect(health.freeDiskBytes).toBeGreaterThan(0);
    expect(health).toMatchObject({
      kiosk: { id: kiosk.app.gate.vault()?.kioskId },
      notPushed: { total: 3, rejected: 0 },
      pauseReason: null,
      lastCrash: null,
      healthPush: null,
    });
    expect(health.lastSubmissionAt).toBe(kiosk.app.gate.vault()?.lastSubmittedAt());
    expect(health.auditHead?.seq).toBeGreaterThan(0);
    expect(JSON.stringify(health)).not.toContain('Fake Demo-Client');
    expect(await kiosk.call('submissions.list', {})).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
    expect(await kiosk.call('admin.listStaff', {})).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
  });

  it('pauses the kiosk for clients, and resumes it', async () => {
    await setPin();
    await kiosk.ok('frontdesk.unlock', { pin: PIN });
    await kiosk.ok('frontdesk.pause', {});
    expect((await kiosk.ok('app.info', {})).paused).toBe(true);
    expect(await kiosk.call('session.start', { locale: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'KIOSK_PAUSED' },
    });
    kiosk.restart({ pinDelayBaseMs: 0 });
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
    expect((await kiosk.ok('app.info', {})).paused).toBe(true);
    await kiosk.ok('frontdesk.unlock', { pin: PIN });
    await kiosk.ok('frontdesk.resume', {});
    await kiosk.ok('session.start', { locale: 'en' });
    expect(auditActions()).toEqual(expect.arrayContaining(['kiosk_paused', 'kiosk_resumed']));
  });

  it('answers STORAGE_FULL, not INTERNAL, when pausing meets a full disk', async () => {
    await setPin();
    await kiosk.ok('frontdesk.unlock', { pin: PIN });
    const vault = kiosk.app.gate.vault();
    if (!vault) {
      throw new Error('the test kiosk has no open vault');
    }
    vi.spyOn(vault, 'setSetting').mockImplementationOnce(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    expect(await kiosk.call('frontdesk.pause', {})).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_FULL' },
    });
    expect((await kiosk.ok('app.info', {})).paused).toBe(false);
  });

  it('exits kiosk mode through the transport, audited', async () => {
    await setPin();
    expect(await kiosk.call('frontdesk.exit', {})).toMatchObject({
      ok: false,
      error: { code: 'FRONT_DESK_LOCKED' },
    });
    await kiosk.ok('frontdesk.unlock', { pin: PIN });
    expect(await kiosk.ok('frontdesk.exit', {})).toEqual({ exiting: true });
    expect(exitKiosk).toHaveBeenCalledTimes(1);
    expect(auditActions()).toContain('kiosk_exited');
  });

  it('switches PIN entry off after ten wrong PINs, each audited, until an administrator enables it', async () => {
    await setPin();
    for (let attempt = 1; attempt < 10; attempt += 1) {
      expect(await kiosk.call('frontdesk.unlock', { pin: '000001' })).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PIN', failures: { count: attempt, limit: 10 } },
      });
    }
    expect(await kiosk.call('frontdesk.unlock', { pin: '000001' })).toMatchObject({
      ok: false,
      error: { code: 'PIN_DISABLED' },
    });
    expect(await kiosk.call('frontdesk.unlock', { pin: PIN })).toMatchObject({
      ok: false,
      error: { code: 'PIN_DISABLED' },
    });
    expect((await kiosk.ok('frontdesk.access', {})).pinDisabled).toBe(true);
    expect(auditActions().filter((action) => action === 'pin_failed')).toHaveLength(10);
    expect(auditActions()).toContain('pin_disabled');
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    await kiosk.ok('admin.enablePin', {});
    await kiosk.ok('admin.lock', {});
    expect((await kiosk.ok('frontdesk.unlock', { pin: PIN })).unlocked).toBe('front-desk');
  });

  it('makes a wrong PIN wait when delays are on', async () => {
    kiosk.restart({ pinDelayBaseMs: 60_000 });
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
    await setPin();
    await kiosk.call('frontdesk.unlock', { pin: '000001' });
    await kiosk.call('frontdesk.unlock', { pin: '000002' });
    const third = await kiosk.call('frontdesk.unlock', { pin: '000003' });
    expect(third).toMatchObject({ ok: false, error: { code: 'WRONG_PIN' } });
    expect(third.ok ? 0 : third.error.retryAfterMs).toBeGreaterThan(100_000);
    expect(await kiosk.call('frontdesk.unlock', { pin: PIN })).toMatchObject({
      ok: false,
      error: { code: 'RETRY_LATER' },
    });
  });
});

describe('retention', () => {
  it('purges exported submissions past the retention time by itself, keeping the rest', async () => {
    await seedDemo(kiosk.app, 3);
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    await kiosk.ok('admin.updateSettings', { retentionDays: 30 });
    const vault = kiosk.app.gate.vault();
    const [first, second] = vault?.listSubmissions() ?? [];
    vault?.markExported([first?.id ?? '', second?.id ?? ''], new Date().toISOString());
    expect(kiosk.app.applyRetention()).toBe(0);

    const later = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000);
    kiosk.restart({ now: () => later });
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
    expect(kiosk.app.applyRetention()).toBe(2);
    expect((await kiosk.ok('app.status', {})).submissions).toBe(1);
    const purge = kiosk.app.gate
      .vault()
      ?.auditRows()
      .find((row) => row.action === 'purge');
    expect(purge?.actor).toBe('kiosk');
    expect(JSON.parse(purge?.details ?? '{}')).toMatchObject({ count: 2, retentionDays: 30 });
  });

  it('is off by default, and its changes are audited', async () => {
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    expect(await kiosk.ok('admin.settings', {})).toEqual({ retentionDays: null });
    expect(await kiosk.call('admin.purge', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    });
    expect(await kiosk.ok('admin.updateSettings', { retentionDays: 30 })).toEqual({
      retentionDays: 30,
    });
    expect(await kiosk.ok('admin.purge', {})).toEqual({ purged: 0 });
    expect(await kiosk.ok('admin.updateSettings', { retentionDays: null })).toEqual({
      retentionDays: null,
    });
    expect(auditActions().filter((action) => action === 'settings_changed')).toHaveLength(2);
  });
});

describe('low storage', () => {
  it('stops new clients with its own reason, which the front desk reads beside its own pause', async () => {
    await setPin();
    // More than any disk has free: the kiosk is low on storage from its first check.
    kiosk.restart({ minFreeDiskBytes: Number.MAX_SAFE_INTEGER });
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
    expect(await kiosk.ok('app.info', {})).toMatchObject({
      paused: true,
      pauseReason: 'storage-low',
    });
    expect(await kiosk.call('session.start', { locale: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'KIOSK_PAUSED', message: expect.stringMatching(/low on storage/) as string },
    });
    await kiosk.ok('frontdesk.unlock', { pin: PIN });
    const health = await kiosk.ok('frontdesk.health', {});
    expect(health.paused).toBe(false);
    expect(health.storage).toMatchObject({
      low: true,
      neededBytes: Number.MAX_SAFE_INTEGER,
      // No room for the reserve either; it is made once the disk has room.
      reserveHeld: false,
    });
    expect(health.storage.freeBytes).toBe(health.freeDiskBytes);
    // The front desk's own pause is the reason clients see while it holds.
    await kiosk.ok('frontdesk.pause', {});
    expect((await kiosk.ok('app.info', {})).pauseReason).toBe('front-desk');
    expect((await kiosk.ok('app.status', {})).storage.low).toBe(true);
  });

  it('takes clients, and keeps the storage reserve, while the disk has room', async () => {
    expect(await kiosk.ok('app.info', {})).toMatchObject({ paused: false, pauseReason: null });
    expect((await kiosk.ok('app.status', {})).storage).toMatchObject({
      low: false,
      reserveHeld: true,
    });
    expect((await kiosk.call('session.start', { locale: 'en' })).ok).toBe(true);
  });
});
