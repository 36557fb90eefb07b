/**
 * The main process's log file, `<dataDir>/logs/kiosk.log`: appended synchronously (a fatal error
 * must be on disk before the process exits), rotated when the next line would take it past
 * `maxBytes`, with at most `files` files kept (`kiosk.log`, `kiosk.log.1` … oldest last).
 * No library: none is installed, and this is all a kiosk needs.
 *
 * What goes in: main's own `console.*` lines. Those never carry client data (they name channels,
 * states and error codes, and `describeUrl` strips queries), but the file sits outside the vault,
 * so keep it that way.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { format } from 'node:util';

export const DEFAULT_MAX_LOG_BYTES = 1024 * 1024;
export const DEFAULT_LOG_FILES = 5;

export interface RotatingLogOptions {
  maxBytes?: number;
  /** Files kept in all, the live one included. */
  files?: number;
}

export class RotatingLog {
  private readonly maxBytes: number;
  private readonly files: number;
  private size: number;

  constructor(
    readonly file: string,
    options: RotatingLogOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_LOG_BYTES;
    this.files = Math.max(1, options.files ?? DEFAULT_LOG_FILES);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.size = existsSync(file) ? statSync(file).size : 0;
  }

  /** Appends one line (a newline is added). Throws if the disk refuses: callers decide. */
  write(line: string): void {
    const data = `${line}\n`;
    const bytes = Buffer.byteLength(data);
    if (this.size > 0 && this.size + bytes > this.maxBytes) {
      this.rotate();
    }
    appendFileSync(this.file, data, { mode: 0o600 });
    this.size += bytes;
  }

  /** `kiosk.log.N` for N ≥ 1; `rotated(0)` is the live file. */
  rotated(generation: number): string {
    return generation === 0 ? this.file : `${this.file}.${generation}`;
  }

  private rotate(): void {
    const oldest = this.files - 1;
    if (oldest === 0) {
      rmSync(this.file, { force: true });
    } else {
      rmSync(this.rotated(oldest), { force: true });
      for (let generation = oldest - 1; generation >= 0; generation -= 1) {
        const from = this.rotated(generation);
        if (existsSync(from)) {
          renameSync(from, this.rotated(generation + 1));
        }
      }
    }
    this.size = 0;
  }
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const CONSOLE_LEVELS: readonly (LogLevel | 'log')[] = ['debug', 'log', 'info', 'warn', 'error'];

/** One log line: ISO time, level, then the message as `console` would format it. */
export function logLine(level: LogLevel, args: readonly unknown[], now: Date = new Date()): string {
  return `${now.toISOString()} ${level.toUpperCase().padEnd(5)} ${format(...args)}`;
}

/**
 * Sends `console.debug/log/info/warn/error` to the log as well as to where they went before
 * (stdout/stderr: the journal under systemd, the terminal in development). A line the log
 * cannot take is not allowed to throw out of `console.*`. Returns the function that undoes it.
 */
export function routeConsoleTo(
  log: Pick<RotatingLog, 'write'>,
  target: Console = console,
): () => void {
  type ConsoleMethod = (...args: unknown[]) => void;
  const originals = new Map<LogLevel | 'log', ConsoleMethod>();
  for (const method of CONSOLE_LEVELS) {
    const original = Reflect.get(target, method) as ConsoleMethod;
    originals.set(method, original);
    target[method] = (...args: unknown[]): void => {
      Reflect.apply(original, target, args);
      try {
        log.write(logLine(method === 'log' ? 'info' : method, args));
      } catch {
        // A full or read-only disk must not turn every log call into a crash.
      }
    };
  }
  return () => {
    for (const [method, original] of originals) {
      target[method] = original;
    }
  };
}
