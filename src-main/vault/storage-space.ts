/**
 * Owns the data folder's free space: how much the disk has left, whether an error means it ran
 * out, and the storage reserve, a file of zeros (`storage-reserve`, no client data) that the
 * vault gives back to the disk when it is full so that it can still open, checkpoint its WAL and
 * append its audit entry (README, "When the disk fills").
 *
 * The reserve is released by whoever opens the database (open-database.ts) when less than its
 * size is free, and made again by the API's storage check (health/storage-watch.ts) once the disk
 * has room for it above the kiosk's low-storage threshold.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDirectory, PRIVATE_FILE_MODE } from './data-folder';
import { WAL_MAX_BYTES } from './db/pragmas';

export const RESERVE_FILE = 'storage-reserve';

/**
 * What opening the vault on a full disk may need: the WAL's index (`-shm`, 32 KiB), the audit
 * entry's pages, the audit head file, and a checkpoint of the largest WAL into kiosk.db (it
 * grows by at most the WAL's pages), rounded up to 2 MiB.
 */
export const RESERVE_BYTES = 2 * 1024 * 1024;
if (RESERVE_BYTES < WAL_MAX_BYTES + 128 * 1024) {
  throw new Error('storage-space: the reserve must hold a checkpoint of the largest WAL');
}

const WRITE_CHUNK = Buffer.alloc(64 * 1024);

export function reservePath(dataDir: string): string {
  return path.join(dataDir, RESERVE_FILE);
}

/**
 * Bytes an unprivileged process may still write on the disk holding `dir` (statfs `bavail`), or
 * null when that cannot be read (the folder does not exist yet, an unusual file system).
 */
export function freeDiskBytes(dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/**
 * True for the ways a full disk shows: SQLite's SQLITE_FULL (also as the code of a checkpoint or
 * WAL-index write, SQLITE_IOERR_*), Node's ENOSPC, and the disk quota's EDQUOT, anywhere in the
 * error's causes.
 */
export function isDiskFullError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = 'code' in current ? current.code : undefined;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
      return true;
    }
    current = current.cause;
  }
  return false;
}

/**
 * Before the database opens: when less than the reserve's size is free, the reserve goes, so
 * that the open, its checkpoint and its audit entry have room. True when it was released.
 */
export function releaseReserveIfLow(dataDir: string): boolean {
  const file = reservePath(dataDir);
  const free = freeDiskBytes(dataDir);
  if (free === null || free >= RESERVE_BYTES || !fs.existsSync(file)) {
    return false;
  }
  fs.rmSync(file, { force: true });
  console.warn(
    `releaseReserveIfLow: ${String(free)} bytes free in ${dataDir}; released the ${String(RESERVE_BYTES)}-byte storage reserve so the vault can open`,
  );
  return true;
}

export type ReserveState = 'held' | 'created' | 'missing';

/**
 * Makes the reserve again when it is missing and the disk has room for it with `keepFree` bytes
 * still free after it (the low-storage threshold, so that making it never pauses the kiosk).
 * Written to a temporary name and renamed: a reserve the disk could not hold in full is removed,
 * never left half-made.
 */
export function ensureReserve(dataDir: string, keepFree: number): ReserveState {
  const file = reservePath(dataDir);
  if (fs.existsSync(file)) {
    return 'held';
  }
  const free = freeDiskBytes(dataDir);
  if (free === null || free < keepFree + RESERVE_BYTES) {
    return 'missing';
  }
  const temp = `${file}.tmp`;
  try {
    const fd = fs.openSync(temp, 'w', PRIVATE_FILE_MODE);
    try {
      for (let written = 0; written < RESERVE_BYTES; written += WRITE_CHUNK.length) {
        fs.writeSync(fd, WRITE_CHUNK);
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
    fsyncDirectory(dataDir);
    return 'created';
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (isDiskFullError(error)) {
      return 'missing';
    }
    throw error;
  }
}
