import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../audit/audit-event';

// window.ts imports BrowserWindow; recovery only needs its load helpers.
vi.mock('electron', () => ({ BrowserWindow: vi.fn() }));

const { recoverCrashedRenderer } = await import('./renderer-recovery');

const APP = 'app://kiosk/index.html';
const OUT_OF_ORDER = 'app://kiosk/out-of-order.html';
const TARGET = { appUrl: APP } as const;

type Listener = (...args: unknown[]) => void;

function setUp(options: { quitting?: boolean } = {}) {
  const listeners = new Map<string, Listener>();
  const contents = {
    on: vi.fn((name: string, listener: Listener) => {
      listeners.set(name, listener);
    }),
    off: vi.fn((name: string) => {
      listeners.delete(name);
    }),
    forcefullyCrashRenderer: vi.fn(),
  };
  const window = {
    webContents: contents,
    isDestroyed: vi.fn(() => false),
    loadFile: vi.fn(() => Promise.resolve()),
    loadURL: vi.fn(() => Promise.resolve()),
  };
  const events: AuditEvent[] = [];
  const kiosk = {
    clearSessions: vi.fn(),
    recordEvent: vi.fn((event: AuditEvent) => {
      events.push(event);
    }),
  };
  const onSessionsCleared = vi.fn();
  let now = 0;
  const stop = recoverCrashedRenderer({
    window: window as unknown as BrowserWindow,
    target: TARGET,
    kiosk,
    isQuitting: () => options.quitting ?? false,
    onSessionsCleared,
    now: () => now,
  });
  function emit(name: string, ...args: unknown[]): void {
    const listener = listeners.get(name);
    if (!listener) {
      throw new Error(`no ${name} listener`);
    }
    listener(...args);
  }
  return {
    window,
    contents,
    kiosk,
    events,
    onSessionsCleared,
    stop,
    listeners,
    emit,
    at(seconds: number) {
      now = seconds * 1000;
    },
    crash(reason = 'crashed', exitCode = 139) {
      emit('render-process-gone', {}, { reason, exitCode });
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('recoverCrashedRenderer', () => {
  it('reloads the app page after a crash, clears the sessions and audits renderer_crashed', () => {
    const kiosk = setUp();
    kiosk.crash('oom', 133);
    expect(kiosk.kiosk.clearSessions).toHaveBeenCalledTimes(1);
    expect(kiosk.onSessionsCleared).toHaveBeenCalledTimes(1);
    expect(kiosk.events).toEqual([
      { actor: 'kiosk', action: 'renderer_crashed', details: { reason: 'oom', exitCode: 133 } },
    ]);
    expect(kiosk.window.loadURL).toHaveBeenCalledWith(APP);
    expect(kiosk.kiosk.clearSessions.mock.invocationCallOrder[0]).toBeLessThan(
      kiosk.window.loadURL.mock.invocationCallOrder[0] ?? 0,
    );
  });

  it('shows the out-of-order page on the fifth crash in two minutes, audited crash_loop once', () => {
    const kiosk = setUp();
    for (const second of [0, 20, 40, 60]) {
      kiosk.at(second);
      kiosk.crash();
    }
    expect(kiosk.window.loadURL).toHaveBeenCalledTimes(4);
    expect(kiosk.window.loadURL).not.toHaveBeenCalledWith(OUT_OF_ORDER);

    kiosk.at(80);
    kiosk.crash();
    expect(kiosk.window.loadURL).toHaveBeenLastCalledWith(OUT_OF_ORDER);
    expect(kiosk.events.map((event) => event.action)).toEqual([
      ...Array<string>(5).fill('renderer_crashed'),
      'crash_loop',
    ]);
    expect(kiosk.events.at(-1)).toEqual({
      actor: 'kiosk',
      action: 'crash_loop',
      details: { crashes: 5, windowSeconds: 120 },
    });

    // The out-of-order page itself going away brings it back, without a second crash_loop.
    kiosk.at(600);
    kiosk.crash();
    expect(kiosk.window.loadURL).toHaveBeenLastCalledWith(OUT_OF_ORDER);
    expect(kiosk.events.filter((event) => event.action === 'crash_loop')).toHaveLength(1);
  });

  it('keeps reloading crashes spread wider than two minutes', () => {
    const kiosk = setUp();
    for (const second of [0, 40, 80, 120, 160, 200]) {
      kiosk.at(second);
      kiosk.crash();
    }
    expect(kiosk.window.loadURL).not.toHaveBeenCalledWith(OUT_OF_ORDER);
    expect(kiosk.window.loadURL).toHaveBeenCalledTimes(6);
  });

  it('replaces a renderer that stays unresponsive past the grace period', () => {
    const kiosk = setUp();
    kiosk.emit('unresponsive');
    vi.advanceTimersByTime(9_999);
    expect(kiosk.contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(kiosk.contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    // Electron then reports the killed renderer gone: that is the hang, recovered once.
    kiosk.crash('killed', 9);
    expect(kiosk.events).toEqual([
      {
        actor: 'kiosk',
        action: 'renderer_crashed',
        details: { reason: 'unresponsive', exitCode: null },
      },
    ]);
    expect(kiosk.window.loadURL).toHaveBeenCalledWith(APP);
    expect(kiosk.kiosk.clearSessions).toHaveBeenCalledTimes(1);
  });

  it('leaves a renderer alone that responds again within the grace period', () => {
    const kiosk = setUp();
    kiosk.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    kiosk.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(kiosk.contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(kiosk.events).toEqual([]);
  });

  it('does nothing while the app quits', () => {
    const kiosk = setUp({ quitting: true });
    kiosk.crash('clean-exit', 0);
    expect(kiosk.window.loadURL).not.toHaveBeenCalled();
    expect(kiosk.events).toEqual([]);
  });

  it('still reloads when the audit fails', () => {
    const kiosk = setUp();
    kiosk.kiosk.recordEvent.mockImplementation(() => {
      throw new Error('disk full');
    });
    kiosk.crash();
    expect(kiosk.window.loadURL).toHaveBeenCalledWith(APP);
  });

  it('stops watching when asked', () => {
    const kiosk = setUp();
    kiosk.stop();
    expect(kiosk.listeners.size).toBe(0);
  });
});
