/**
 * The last fatal failure of main, for the health snapshot: `<dataDir>/logs/last-crash.json`,
 * written where main catches it (electron/main-failure.ts). Only its time, its kind and the
 * error's class name: the message and stack (which could quote anything) stay in the log file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { KioskCrash } from '../contract';

const CRASH_FILE = join('logs', 'last-crash.json');

const crashSchema = z
  .object({
    at: z.iso.datetime(),
    kind: z.enum(['uncaughtException', 'unhandledRejection']),
    error: z.string().max(100),
  })
  .strict();

export function crashRecordPath(dataDir: string): string {
  return join(dataDir, CRASH_FILE);
}

/** Replaces the record; never throws (a failing main must still restart). */
export function writeCrashRecord(dataDir: string, crash: KioskCrash): void {
  const file = crashRecordPath(dataDir);
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const record: KioskCrash = { ...crash, error: crash.error.slice(0, 100) };
    writeFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  } catch (error) {
    console.error(`writeCrashRecord: could not write ${file}: ${String(error)}`);
  }
}

/** The record, or null when there is none or it cannot be read as one. */
export function readCrashRecord(dataDir: string): KioskCrash | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(crashRecordPath(dataDir), 'utf8'));
  } catch {
    return null;
  }
  const parsed = crashSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
