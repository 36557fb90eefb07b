/**
 * The snapshot's own parts: the integrity check runs at most once per interval (never a scan per
 * minute on a big vault), and the crash record keeps a time, a kind and a class name only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestKiosk, type TestKiosk } from '../../test/support/kiosk-fixture';
import { crashRecordPath, readCrashRecord, writeCrashRecord } from './crash-record';
import { createIntegrityWatch } from './vault-integrity';

let kiosk: TestKiosk | undefined;
afterEach(() => {
  kiosk?.dispose();
  kiosk = undefined;
});

describe('the health snapshot', () => {
  it('runs quick_check at most once per interval, and again after it', async () => {
    kiosk = openTestKiosk();
    await kiosk.setUp();
    const vault = kiosk.app.gate.vault();
    if (!vault) {
      throw new Error('no vault');
    }
    const clock = { ms: Date.parse('2026-12-01T09:00:00Z') };
    const check = vi.spyOn(vault, 'quickCheck');
    const watch = createIntegrityWatch(10 * 60_000, () => new Date(clock.ms));
    expect(watch(vault)).toEqual({ integrity: 'ok', checkedAt: '2026-12-01T09:00:00.000Z' });
    for (let minute = 1; minute < 10; minute++) {
      clock.ms += 60_000;
      expect(watch(vault).checkedAt).toBe('2026-12-01T09:00:00.000Z');
    }
    expect(check).toHaveBeenCalledTimes(1);
    clock.ms += 60_000;
    expect(watch(vault).checkedAt).toBe('2026-12-01T09:10:00.000Z');
    expect(check).toHaveBeenCalledTimes(2);
  });

  it('reads back the last crash, and nothing from a file that is not one', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-crash-'));
    try {
      expect(readCrashRecord(dataDir)).toBeNull();
      const crash = {
        at: '2026-12-01T09:00:00.000Z',
        kind: 'uncaughtException',
        error: 'TypeError',
      } as const;
      writeCrashRecord(dataDir, crash);
      expect(readCrashRecord(dataDir)).toEqual(crash);
      writeFileSync(crashRecordPath(dataDir), JSON.stringify({ ...crash, message: 'Jane Doe' }));
      expect(readCrashRecord(dataDir)).toBeNull();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
