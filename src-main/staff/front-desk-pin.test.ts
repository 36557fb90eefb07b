import { describe, expect, it } from 'vitest';
import { FrontDeskPin, PIN_FAILURE_LIMIT, pinDelayMs, type SettingsStore } from './front-desk-pin';

function memoryStore(): SettingsStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getSetting: (key) => values.get(key),
    setSetting: (key, value) => {
      values.set(key, value);
    },
    deleteSetting: (key) => {
      values.delete(key);
    },
  };
}

describe('pinDelayMs', () => {
  it('lets two slips go, then doubles, up to five minutes', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => pinDelayMs(n))).toEqual([0, 0, 0, 2000, 4000, 8000]);
    expect(pinDelayMs(9)).toBe(128_000);
    expect(pinDelayMs(30)).toBe(300_000);
    expect(pinDelayMs(4, 10)).toBe(40);
  });
});

describe('FrontDeskPin', () => {
  it('stores only a salted hash of the PIN', () => {
    const store = memoryStore();
    new FrontDeskPin(store, () => new Date(0)).set('482193');
    expect([...store.values.values()].join(' ')).not.toContain('482193');
  });

  it('says when no PIN is set', () => {
    const pin = new FrontDeskPin(memoryStore(), () => new Date(0));
    expect(pin.verify('482193')).toMatchObject({ ok: false, reason: 'PIN_NOT_SET' });
  });

  it('accepts the PIN and resets the count of failures', () => {
    const clock = { t: 0 };
    const pin = new FrontDeskPin(memoryStore(), () => new Date(clock.t));
    pin.set('482193');
    expect(pin.verify('000000')).toMatchObject({
      ok: false,
      reason: 'WRONG_PIN',
      state: { failures: 1 },
    });
    expect(pin.verify('482193')).toEqual({ ok: true });
    expect(pin.state().failures).toBe(0);
  });

  it('makes the front desk wait longer after each failure, even across restarts', () => {
    const clock = { t: 1_000_000 };
    const store = memoryStore();
    const pin = new FrontDeskPin(store, () => new Date(clock.t));
    pin.set('482193');
    pin.verify('1');
    pin.verify('2');
    expect(pin.verify('3')).toMatchObject({
      reason: 'WRONG_PIN',
      state: { failures: 3, retryAfterMs: 2000 },
    });
    const restarted = new FrontDeskPin(store, () => new Date(clock.t));
    expect(restarted.verify('482193')).toMatchObject({ ok: false, reason: 'RETRY_LATER' });
    clock.t += 2000;
    expect(restarted.verify('482193')).toEqual({ ok: true });
  });

  it('switches PIN entry off after ten failures, until an administrator enables it', () => {
    const clock = { t: 0 };
    const pin = new FrontDeskPin(memoryStore(), () => new Date(clock.t), 0);
    pin.set('482193');
    const results = Array.from({ length: PIN_FAILURE_LIMIT }, () => pin.verify('000000'));
    expect(results.slice(0, -1).every((r) => !r.ok && !r.justDisabled)).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: 'WRONG_PIN', justDisabled: true });
    expect(pin.verify('482193')).toMatchObject({ ok: false, reason: 'PIN_DISABLED' });
    pin.enable();
    expect(pin.verify('482193')).toEqual({ ok: true });
  });
});
