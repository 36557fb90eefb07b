import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logLine, RotatingLog, routeConsoleTo } from './rotating-log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function read(file: string): string {
  return readFileSync(file, 'utf8');
}

describe('RotatingLog', () => {
  it('creates its folder and appends lines', () => {
    const log = new RotatingLog(join(dir, 'logs', 'kiosk.log'));
    log.write('one');
    log.write('two');
    expect(read(log.file)).toBe('one\ntwo\n');
  });

  it('rotates before a line would pass the limit, keeping at most `files` files', () => {
    const log = new RotatingLog(join(dir, 'kiosk.log'), { maxBytes: 20, files: 3 });
    // 9 bytes a line: two fit in 20, the third rotates.
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
      log.write(`line ${String(n)}..`);
    }
    expect(read(log.file)).toBe('line 7..\nline 8..\n');
    expect(read(log.rotated(1))).toBe('line 5..\nline 6..\n');
    expect(read(log.rotated(2))).toBe('line 3..\nline 4..\n');
    expect(existsSync(log.rotated(3))).toBe(false);
  });

  it('keeps five files of about 1 MiB by default', () => {
    const log = new RotatingLog(join(dir, 'kiosk.log'));
    const line = 'x'.repeat(1023); // 1 KiB with its newline
    for (let n = 0; n < 6 * 1024 + 1; n += 1) {
      log.write(line);
    }
    for (const generation of [0, 1, 2, 3, 4]) {
      expect(statSync(log.rotated(generation)).size).toBeLessThanOrEqual(1024 * 1024);
    }
    expect(statSync(log.rotated(1)).size).toBe(1024 * 1024);
    expect(existsSync(log.rotated(5))).toBe(false);
  });

  it('counts what the file already holds after a restart', () => {
    const file = join(dir, 'kiosk.log');
    writeFileSync(file, 'x'.repeat(15));
    const log = new RotatingLog(file, { maxBytes: 20 });
    log.write('next line');
    expect(read(log.rotated(1))).toBe('x'.repeat(15));
    expect(read(file)).toBe('next line\n');
  });

  it('never rotates away a lone line longer than the limit', () => {
    const log = new RotatingLog(join(dir, 'kiosk.log'), { maxBytes: 4 });
    log.write('a long first line');
    expect(read(log.file)).toBe('a long first line\n');
  });
});

describe('logLine', () => {
  it('stamps the time and level and formats like console', () => {
    const at = new Date('2026-11-27T10:00:00.000Z');
    expect(logLine('warn', ['%s has %d', 'queue', 3, { a: 1 }], at)).toBe(
      '2026-11-27T10:00:00.000Z WARN  queue has 3 { a: 1 }',
    );
  });

  it('keeps an error’s stack', () => {
    const line = logLine('error', [new Error('boom')]);
    expect(line).toContain('Error: boom');
    expect(line).toContain('rotating-log.test.ts');
  });
});

describe('routeConsoleTo', () => {
  function fakeConsole() {
    const methods = { debug: vi.fn(), log: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    return { methods, target: { ...methods } as unknown as Console };
  }

  it('writes every console level to the log and still to the console', () => {
    const { methods, target } = fakeConsole();
    const lines: string[] = [];
    const restore = routeConsoleTo({ write: (line) => lines.push(line) }, target);
    target.info('started');
    target.log('plain');
    target.error('failed: %s', 'why');
    expect(methods.error).toHaveBeenCalledWith('failed: %s', 'why');
    expect(lines.map((line) => line.slice(25))).toEqual([
      'INFO  started',
      'INFO  plain',
      'ERROR failed: why',
    ]);
    restore();
    expect(Reflect.get(target, 'error')).toBe(methods.error);
  });

  it('does not throw when the log cannot be written', () => {
    const { target } = fakeConsole();
    routeConsoleTo(
      {
        write: () => {
          throw new Error('ENOSPC');
        },
      },
      target,
    );
    expect(() => {
      target.warn('still fine');
    }).not.toThrow();
  });
});
