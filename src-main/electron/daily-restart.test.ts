import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { msUntilNext, scheduleDailyRestart } from './daily-restart';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A local wall-clock time in the zone under test. */
function local(y: number, m: number, d: number, h = 0, min = 0, s = 0): Date {
  return new Date(y, m - 1, d, h, min, s);
}

describe('msUntilNext', () => {
  describe('in UTC', () => {
    beforeEach(() => {
      vi.stubEnv('TZ', 'UTC');
    });
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    // Dates are built inside the test, once TZ is set.
    it.each([
      ['03:00', '2026-06-01 01:00:00', 2 * HOUR],
      ['03:00', '2026-06-01 02:59:59', 1000],
      ['03:00', '2026-06-01 03:30:00', 23 * HOUR + 30 * MINUTE],
      ['00:00', '2026-06-01 23:59:00', MINUTE],
      ['23:59', '2026-12-31 23:00:00', 59 * MINUTE],
    ])('%s from %s', (time, at, expected) => {
      const [y, m, d, h, min, s] = at.split(/[- :]/).map(Number);
      const now = local(y ?? 0, m ?? 0, d ?? 0, h, min, s);
      expect(msUntilNext(time, now)).toBe(expected);
    });

    it('waits for tomorrow when now is exactly the time (the run that just restarted)', () => {
      expect(msUntilNext('03:00', local(2026, 6, 1, 3, 0))).toBe(24 * HOUR);
    });

    it.each(['3:00', '24:00', '12:60', 'noon', ''])('refuses %j', (time) => {
      expect(() => msUntilNext(time, new Date())).toThrow(RangeError);
    });
  });

  describe('across DST (Europe/London)', () => {
    beforeEach(() => {
      vi.stubEnv('TZ', 'Europe/London');
    });
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('is an hour shorter over the night the clocks go forward (29 March 2026)', () => {
      expect(msUntilNext('03:00', local(2026, 3, 28, 12, 0))).toBe(14 * HOUR);
    });

    it('is an hour longer over the night the clocks go back (25 October 2026)', () => {
      expect(msUntilNext('03:00', local(2026, 10, 24, 12, 0))).toBe(16 * HOUR);
    });

    it('restarts at the first instant after a skipped time (01:30 does not exist that night)', () => {
      const now = local(2026, 3, 28, 12, 0);
      const at = new Date(now.getTime() + msUntilNext('01:30', now));
      expect(at.toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
    });

    it('restarts once, not twice, on the night an hour repeats', () => {
      // The restart at the first 01:30 (BST); the new run computes from just after it.
      const firstRestart = new Date('2026-10-25T00:30:00Z'); // 01:30 BST
      const next = msUntilNext('01:30', new Date(firstRestart.getTime() + 5000));
      expect(next).toBeGreaterThan(24 * HOUR);
    });
  });
});

describe('scheduleDailyRestart', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubEnv('TZ', 'UTC');
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('restarts at the time when the kiosk is idle', () => {
    vi.setSystemTime(new Date('2026-06-01T02:00:00Z'));
    const restart = vi.fn();
    scheduleDailyRestart({ time: '03:00', isIdle: () => true, restart });
    vi.advanceTimersByTime(HOUR - 1);
    expect(restart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('waits for the kiosk to be idle, checking every minute, then restarts once', () => {
    vi.setSystemTime(new Date('2026-06-01T02:00:00Z'));
    let idle = false;
    const restart = vi.fn();
    const isIdle = vi.fn(() => idle);
    scheduleDailyRestart({ time: '03:00', isIdle, restart });
    vi.advanceTimersByTime(HOUR + 10 * MINUTE);
    expect(restart).not.toHaveBeenCalled();
    expect(isIdle).toHaveBeenCalledTimes(11);
    idle = true;
    vi.advanceTimersByTime(MINUTE);
    expect(restart).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(48 * HOUR);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('can be disarmed, before the time or while waiting', () => {
    vi.setSystemTime(new Date('2026-06-01T02:00:00Z'));
    const restart = vi.fn();
    const cancel = scheduleDailyRestart({ time: '03:00', isIdle: () => true, restart });
    cancel();
    vi.advanceTimersByTime(48 * HOUR);
    expect(restart).not.toHaveBeenCalled();

    const waiting = scheduleDailyRestart({ time: '03:00', isIdle: () => false, restart });
    vi.advanceTimersByTime(25 * HOUR);
    waiting();
    expect(vi.getTimerCount()).toBe(0);
  });
});
