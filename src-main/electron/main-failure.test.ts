import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFatalHandlers, takeUnauditedCrash } from './main-failure';

let dir: string;
let historyFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-failure-'));
  historyFile = join(dir, 'crash-history.json');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for `process`: emitting on it reaches only the handlers under test. */
function install(now: { ms: number }) {
  const processLike = new EventEmitter();
  const restart = vi.fn();
  const giveUp = vi.fn();
  const remove = installFatalHandlers({
    historyFile,
    restart,
    giveUp,
    now: () => new Date(now.ms),
    processLike: processLike as unknown as NodeJS.Process,
  });
  return { processLike, restart, giveUp, remove };
}

describe('installFatalHandlers', () => {
  it('logs an uncaught exception, remembers it and restarts', () => {
    const clock = { ms: Date.parse('2026-11-27T10:00:00Z') };
    const { processLike, restart, giveUp } = install(clock);
    processLike.emit('uncaughtException', new TypeError('x is undefined'), 'uncaughtException');
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('x is undefined'));
    expect(restart).toHaveBeenCalledTimes(1);
    expect(giveUp).not.toHaveBeenCalled();
    expect(JSON.parse(readFileSync(historyFile, 'utf8'))).toEqual({
      recent: [clock.ms],
      unaudited: { at: '2026-11-27T10:00:00.000Z', kind: 'uncaughtException', error: 'TypeError' },
    });
  });

  it("hands the failure, without its message, to the health snapshot's crash record", () => {
    const recordCrash = vi.fn();
    const processLike = new EventEmitter();
    installFatalHandlers({
      historyFile,
      restart: vi.fn(),
      giveUp: vi.fn(),
      now: () => new Date('2026-11-27T10:00:00Z'),
      recordCrash,
      processLike: processLike as unknown as NodeJS.Process,
    });
    processLike.emit('unhandledRejection', new RangeError('client Jane Doe'));
    expect(recordCrash).toHaveBeenCalledExactlyOnceWith({
      at: '2026-11-27T10:00:00.000Z',
      kind: 'unhandledRejection',
      error: 'RangeError',
    });
  });

  it('treats an unhandled rejection the same way', () => {
    const { processLike, restart } = install({ ms: 0 });
    processLike.emit('unhandledRejection', 'a string reason', Promise.resolve());
    expect(restart).toHaveBeenCalledTimes(1);
    expect(takeUnauditedCrash(historyFile)).toMatchObject({
      kind: 'unhandledRejection',
      error: 'string',
    });
  });

  it('gives up on the fifth failure within two minutes, across restarts', () => {
    const clock = { ms: 1_000_000 };
    for (let failure = 1; failure <= 4; failure += 1) {
      // each "run" installs afresh, as a restarted process does
      const run = install(clock);
      run.processLike.emit('uncaughtException', new Error('again'));
      expect(run.restart).toHaveBeenCalledTimes(1);
      clock.ms += 20_000;
    }
    const last = install(clock);
    last.processLike.emit('uncaughtException', new Error('again'));
    expect(last.restart).not.toHaveBeenCalled();
    expect(last.giveUp).toHaveBeenCalledTimes(1);
    // Later failures in the same run are only logged.
    last.processLike.emit('uncaughtException', new Error('and again'));
    expect(last.giveUp).toHaveBeenCalledTimes(1);
    expect(last.restart).not.toHaveBeenCalled();
  });

  it('forgets failures older than two minutes', () => {
    const clock = { ms: 0 };
    for (let failure = 1; failure <= 6; failure += 1) {
      const run = install(clock);
      run.processLike.emit('uncaughtException', new Error('now and then'));
      expect(run.restart).toHaveBeenCalledTimes(1);
      clock.ms += 60_000;
    }
  });

  it('restarts even when the history cannot be written', () => {
    historyFile = join(dir, 'missing-folder', 'crash-history.json');
    const { processLike, restart } = install({ ms: 0 });
    processLike.emit('uncaughtException', new Error('boom'));
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('removes its handlers', () => {
    const { processLike, remove } = install({ ms: 0 });
    remove();
    expect(processLike.listenerCount('uncaughtException')).toBe(0);
    expect(processLike.listenerCount('unhandledRejection')).toBe(0);
  });
});

describe('takeUnauditedCrash', () => {
  it('returns the last failure once, keeping the times for the loop count', () => {
    writeFileSync(
      historyFile,
      JSON.stringify({
        recent: [5],
        unaudited: { at: '2026-11-27T10:00:00.000Z', kind: 'uncaughtException', error: 'Error' },
      }),
    );
    expect(takeUnauditedCrash(historyFile)).toEqual({
      at: '2026-11-27T10:00:00.000Z',
      kind: 'uncaughtException',
      error: 'Error',
    });
    expect(takeUnauditedCrash(historyFile)).toBeUndefined();
    expect(JSON.parse(readFileSync(historyFile, 'utf8'))).toEqual({ recent: [5] });
  });

  it('finds nothing without a history, or in a corrupt one', () => {
    expect(takeUnauditedCrash(historyFile)).toBeUndefined();
    writeFileSync(historyFile, '{"rec');
    expect(takeUnauditedCrash(historyFile)).toBeUndefined();
  });
});
