import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../contract';
import { KioskActivity, observedBy } from './kiosk-activity';

const OK: Result<unknown> = { ok: true, value: {} };
const FAILED: Result<unknown> = { ok: false, error: { code: 'INVALID_INPUT', message: 'no' } };
const MINUTE = 60_000;

function activity() {
  const clock = { ms: 0 };
  const tracked = new KioskActivity({ now: () => clock.ms });
  return {
    tracked,
    call(channel: string, result: Result<unknown> = OK) {
      tracked.observe(channel, result);
    },
    wait(ms: number) {
      clock.ms += ms;
    },
  };
}

describe('KioskActivity', () => {
  it('is idle when nothing has happened yet', () => {
    expect(activity().tracked.isIdle()).toBe(true);
  });

  it('is busy for two minutes after any call', () => {
    const kiosk = activity();
    kiosk.call('app.info');
    kiosk.wait(2 * MINUTE - 1);
    expect(kiosk.tracked.isIdle()).toBe(false);
    kiosk.wait(1);
    expect(kiosk.tracked.isIdle()).toBe(true);
  });

  it('is busy while a client session is open, however quiet', () => {
    const kiosk = activity();
    kiosk.call('session.start');
    kiosk.wait(20 * MINUTE);
    expect(kiosk.tracked.isIdle()).toBe(false);
  });

  it.each(['session.submit', 'session.discard'])(
    'is idle again after %s and a quiet spell',
    (end) => {
      const kiosk = activity();
      kiosk.call('session.start');
      kiosk.call('session.enterStep');
      kiosk.call(end);
      kiosk.wait(2 * MINUTE);
      expect(kiosk.tracked.isIdle()).toBe(true);
    },
  );

  it('keeps the session open when submit fails', () => {
    const kiosk = activity();
    kiosk.call('session.start');
    kiosk.call('session.submit', FAILED);
    kiosk.wait(5 * MINUTE);
    expect(kiosk.tracked.isIdle()).toBe(false);
  });

  it('does not open a session on a refused start', () => {
    const kiosk = activity();
    kiosk.call('session.start', FAILED);
    kiosk.wait(2 * MINUTE);
    expect(kiosk.tracked.isIdle()).toBe(true);
  });

  it('closes the session when main clears the sessions (a renderer crash)', () => {
    const kiosk = activity();
    kiosk.call('session.start');
    kiosk.tracked.sessionsCleared();
    kiosk.wait(2 * MINUTE);
    expect(kiosk.tracked.isIdle()).toBe(true);
  });

  it('counts a session silent for 30 minutes as abandoned', () => {
    const kiosk = activity();
    kiosk.call('session.start');
    kiosk.wait(30 * MINUTE - 1);
    expect(kiosk.tracked.isIdle()).toBe(false);
    kiosk.wait(1);
    expect(kiosk.tracked.isIdle()).toBe(true);
  });
});

describe('observedBy', () => {
  it('passes calls through and reports each with its result', async () => {
    const target = { dispatch: vi.fn(() => Promise.resolve(OK)) };
    const observe = vi.fn();
    const observed = observedBy(target, { observe });
    await expect(observed.dispatch('session.start', { locale: 'en' })).resolves.toBe(OK);
    expect(target.dispatch).toHaveBeenCalledWith('session.start', { locale: 'en' });
    expect(observe).toHaveBeenCalledWith('session.start', OK);
  });
});
