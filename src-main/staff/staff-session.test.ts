import { describe, expect, it, vi } from 'vitest';
import type { RecordKeys } from '../vault';
import { StaffSession } from './staff-session';

function fakeUnlock(): RecordKeys & { wiped: boolean } {
  const unlock = {
    via: 'passphrase' as const,
    staff: {
      staffId: '5b0b7a53-46b6-4a8f-9b8a-1f1e4cfb3c1d',
      name: 'Jane Roe',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    wiped: false,
    openSubmission: () => '{}',
    wipe() {
      unlock.wiped = true;
    },
  };
  return unlock;
}

describe('StaffSession', () => {
  it('is locked until an unlock is held, then reports who', () => {
    const clock = { t: 0 };
    const staff = new StaffSession(() => new Date(clock.t), 1000);
    expect(() => staff.require()).toThrow(expect.objectContaining({ code: 'STAFF_LOCKED' }));
    staff.hold(fakeUnlock());
    expect(staff.status()).toMatchObject({
      idleLockMs: 1000,
      unlocked: { name: 'Jane Roe', via: 'passphrase' },
    });
  });

  it('ends itself after the idle time, wiping the keys, and says so once', () => {
    const clock = { t: 0 };
    const ended = vi.fn();
    const staff = new StaffSession(() => new Date(clock.t), 1000, ended);
    const unlock = fakeUnlock();
    staff.hold(unlock);
    clock.t = 900;
    staff.require(); // activity keeps it alive
    clock.t = 1800;
    expect(staff.status().unlocked).toBeDefined();
    clock.t = 1900;
    expect(staff.status().unlocked).toBeUndefined();
    expect(unlock.wiped).toBe(true);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledWith({ via: 'passphrase', staff: unlock.staff });
    expect(() => staff.require()).toThrow(expect.objectContaining({ code: 'STAFF_LOCKED' }));
  });

  it('wipes the keys on an explicit lock and when replaced', () => {
    const staff = new StaffSession(() => new Date(0), 1000);
    const first = fakeUnlock();
    const second = fakeUnlock();
    staff.hold(first);
    staff.hold(second);
    expect(first.wiped).toBe(true);
    expect(staff.lock()).toEqual({ via: 'passphrase', staff: second.staff });
    expect(second.wiped).toBe(true);
    expect(staff.lock()).toBeUndefined();
  });

  it('wipes the keys by timer even when nobody calls again', () => {
    vi.useFakeTimers();
    try {
      const staff = new StaffSession(() => new Date(), 1000);
      const unlock = fakeUnlock();
      staff.hold(unlock);
      vi.advanceTimersByTime(1011);
      expect(unlock.wiped).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
