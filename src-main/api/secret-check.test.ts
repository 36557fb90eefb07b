import { afterEach, describe, expect, it } from 'vitest';
import {
  OTHER_PASSPHRASE,
  openTestKiosk,
  PASSPHRASE,
  type TestKiosk,
} from '../../test/support/kiosk-fixture';
import { reportFigures } from '../../test/support/figures';
import type { KioskAppOptions } from '../kiosk-app';

const BASE_MS = 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The configured waits, written out: three free failures, then 2, 4, 8 … s, at most 15 min. */
function configuredWaitMs(failures: number): number {
  return failures <= 3 ? 0 : Math.min(BASE_MS * 2 ** (failures - 3), 15 * 60 * 1000);
}

let kiosk: TestKiosk;
let clock: number;

function openKiosk(options: Partial<KioskAppOptions> = {}): TestKiosk {
  clock = Date.parse('2026-03-02T09:00:00Z');
  return openTestKiosk({ now: () => new Date(clock), secretDelayBaseMs: BASE_MS, ...options });
}

function failureRows(): { details: Record<string, unknown> }[] {
  return (kiosk.app.gate.vault()?.auditRows() ?? [])
    .filter((row) => row.action === 'unlock_failed')
    .map((row) => ({ details: JSON.parse(row.details) as Record<string, unknown> }));
}

/** The failures the log's window totals account for. */
function totalOfWindows(): number {
  return failureRows()
    .map((row) => row.details.failures)
    .reduce<number>((sum, count) => sum + (typeof count === 'number' ? count : 0), 0);
}

afterEach(() => {
  kiosk.dispose();
});

describe('the throttle on staff secrets', () => {
  it('makes 30 wrong passphrases wait every configured delay, refusing even the right one meanwhile', async () => {
    kiosk = openKiosk();
    await kiosk.setUp();
    const start = clock;
    let waitedMs = 0;
    let expectedMs = 0;
    for (let failures = 1; failures <= 30; failures++) {
      expect(await kiosk.call('admin.unlock', { passphrase: OTHER_PASSPHRASE })).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PASSPHRASE', retryAfterMs: configuredWaitMs(failures) },
      });
      const waitMs = configuredWaitMs(failures);
      expectedMs += waitMs;
      if (waitMs > 0) {
        // One millisecond early: refused at once, the right passphrase included (no KDF runs).
        clock += waitMs - 1;
        expect(await kiosk.call('admin.unlock', { passphrase: PASSPHRASE })).toMatchObject({
          ok: false,
          error: { code: 'RETRY_LATER', retryAfterMs: 1 },
        });
        clock += 1;
        waitedMs += waitMs;
      }
    }
    expect(waitedMs).toBeGreaterThanOrEqual(expectedMs);
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });

    // At most two rows per hour-long window, and their totals account for every failure.
    const windows = Math.ceil((clock - start) / HOUR_MS);
    expect(failureRows().length).toBeLessThanOrEqual(2 * windows);
    expect(totalOfWindows()).toBe(30);
    reportFigures('secret throttle', {
      'wrong passphrases': 30,
      'configured wait (s)': expectedMs / 1000,
      'audit rows': failureRows().length,
    });
  });

  it('writes two rows for any number of failures within one window', async () => {
    kiosk = openKiosk({ secretDelayBaseMs: 0 });
    await kiosk.setUp();
    for (let i = 0; i < 40; i++) {
      clock += 1000;
      await kiosk.call('admin.unlock', { passphrase: OTHER_PASSPHRASE });
    }
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    expect(failureRows()).toEqual([
      { details: { purpose: 'staff_area', via: 'passphrase' } },
      {
        details: {
          failures: 40,
          from: '2026-03-02T09:00:01.000Z',
          to: '2026-03-02T09:00:40.000Z',
        },
      },
    ]);
  });

  it('keeps the count and the wait across a restart', async () => {
    kiosk = openKiosk();
    await kiosk.setUp();
    for (let i = 0; i < 4; i++) {
      await kiosk.call('admin.unlock', { passphrase: OTHER_PASSPHRASE });
    }
    kiosk.restart({ now: () => new Date(clock), secretDelayBaseMs: BASE_MS });
    expect((await kiosk.ok('app.info', {})).vault).toBe('needs-unlock');
    expect(await kiosk.call('vault.open', { passphrase: PASSPHRASE })).toMatchObject({
      ok: false,
      error: { code: 'RETRY_LATER', retryAfterMs: configuredWaitMs(4) },
    });
    clock += configuredWaitMs(4);
    await kiosk.call('vault.open', { passphrase: OTHER_PASSPHRASE });
    clock += configuredWaitMs(5);
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
    expect(totalOfWindows()).toBe(5);
  });

  it('counts recovery keys and current passphrases with the same counter', async () => {
    kiosk = openKiosk();
    const recoveryKey = await kiosk.setUp();
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const wrongKey = recoveryKey.replace(/^[A-Z2-7]/, (c) => (c === 'A' ? 'B' : 'A'));
    for (let i = 0; i < 2; i++) {
      expect(await kiosk.call('admin.unlock', { recoveryKey: wrongKey })).toMatchObject({
        ok: false,
        error: { code: 'WRONG_RECOVERY_KEY' },
      });
    }
    // A recovery key that is not one is refused by its form, before any key is tried: not counted.
    expect(await kiosk.call('admin.unlock', { recoveryKey: 'not a key' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const change = { current: OTHER_PASSPHRASE, passphrase: OTHER_PASSPHRASE };
    for (let i = 0; i < 2; i++) {
      expect(
        await kiosk.call('admin.changePassphrase', { ...change, confirm: OTHER_PASSPHRASE }),
      ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    }
    for (const refused of [
      kiosk.call('admin.unlock', { recoveryKey }),
      kiosk.call('admin.changePassphrase', { ...change, current: PASSPHRASE, confirm: 'x' }),
    ]) {
      expect(await refused).toMatchObject({
        ok: false,
        error: { code: 'RETRY_LATER', retryAfterMs: configuredWaitMs(4) },
      });
    }
  });

  it('answers a cheap call while an unlock runs scrypt (default cost)', async () => {
    kiosk = openTestKiosk({ kdf: undefined });
    await kiosk.setUp();
    const answered: string[] = [];
    const unlock = kiosk.call('admin.unlock', { passphrase: PASSPHRASE }).then((result) => {
      answered.push('admin.unlock');
      return result;
    });
    const status = kiosk.call('app.status', {}).then((result) => {
      answered.push('app.status');
      return result;
    });
    const [unlocked, statusResult] = await Promise.all([unlock, status]);
    expect(unlocked.ok && statusResult.ok).toBe(true);
    expect(answered).toEqual(['app.status', 'admin.unlock']);
  });
});
