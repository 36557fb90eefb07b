import { describe, expect, it } from 'vitest';
import { CrashLoopPolicy } from './crash-loop';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('CrashLoopPolicy', () => {
  it('reloads the first four crashes in two minutes and trips on the fifth', () => {
    const policy = new CrashLoopPolicy();
    const verdicts = [0, 10, 20, 30, 40].map((s) => policy.record(s * SECOND));
    expect(verdicts).toEqual(['reload', 'reload', 'reload', 'reload', 'trip']);
    expect(policy.crashesInWindow).toBe(5);
  });

  it('stays out of order once tripped, however long after', () => {
    const policy = new CrashLoopPolicy();
    for (const s of [0, 1, 2, 3, 4]) {
      policy.record(s * SECOND);
    }
    expect(policy.record(10 * MINUTE)).toBe('stay-out-of-order');
    expect(policy.record(24 * 60 * MINUTE)).toBe('stay-out-of-order');
  });

  it('forgets crashes older than the window: five spread over more than two minutes never trip', () => {
    const policy = new CrashLoopPolicy();
    const times = [0, 40, 80, 120, 160, 200, 240].map((s) => s * SECOND);
    expect(times.map((t) => policy.record(t))).toEqual(Array(times.length).fill('reload'));
    // at 240 s the window (120 s, 240 s] holds 160, 200 and 240
    expect(policy.crashesInWindow).toBe(3);
  });

  it('counts a crash exactly two minutes old as outside the window', () => {
    const policy = new CrashLoopPolicy();
    for (const t of [0, 30, 60, 90].map((s) => s * SECOND)) {
      policy.record(t);
    }
    expect(policy.record(2 * MINUTE)).toBe('reload');
    expect(policy.record(2 * MINUTE + 1)).toBe('trip');
  });

  it('takes other limits', () => {
    const policy = new CrashLoopPolicy({ crashes: 2, windowMs: 10 * SECOND });
    expect(policy.record(0)).toBe('reload');
    expect(policy.record(11 * SECOND)).toBe('reload');
    expect(policy.record(12 * SECOND)).toBe('trip');
  });
});
