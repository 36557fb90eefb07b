/**
 * Owns the data folder's layout and the file-system steps that keep it consistent across crashes.
 *
 * Layout: `<dataDir>/kiosk.db` (SQLCipher, plus its `-wal` and `-shm` while open),
 * `<dataDir>/keys.json` (every key, wrapped: keys/KEYS.md) and, only while a rekey is in flight,
 * `<dataDir>/kiosk.db.rekey` (the re-encrypted copy that replaces kiosk.db), and
 * `<dataDir>/audit-head.json` (the audit log's head counter, outside the database:
 * audit-head-file.ts), and `<dataDir>/storage-reserve` (zeros, given back when the disk is
 * full: storage-space.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { VaultError } from './errors';

export const DATABASE_FILE = 'kiosk.db';
export const KEY_FILE = 'keys.json';
export const REKEY_FILE = 'kiosk.db.rekey';
export const AUDIT_HEAD_FILE = 'audit-head.json';

/** Owner-only: the folder holds the only copies of the wrapped key and the database. */
const DATA_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, KEY_FILE);
}

export function auditHeadPath(dataDir: string): string {
  return path.join(dataDir, AUDIT_HEAD_FILE);
}

export function rekeyPath(dataDir: string): string {
  return path.join(dataDir, REKEY_FILE);
}

/** The re-encrypted copy and whatever SQLite left beside it. */
export function removeRekeyFiles(dataDir: string): void {
  const copy = rekeyPath(dataDir);
  for (const file of [copy, `${copy}-journal`, `${copy}-wal`, `${copy}-shm`]) {
    fs.rmSync(file, { force: true });
  }
}

/** fsync of one file's content, for a file written by someone else (SQLite, copyFile). */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * True when the folder holds a vault, or any part of one. A lone `keys.json` counts: it may be
 * the only key to a database that was moved away, so nothing may be created over it.
 */
export function vaultExists(dataDir: string): boolean {
  return fs.existsSync(databasePath(dataDir)) || fs.existsSync(keyFilePath(dataDir));
}

/** Both files or NOT_INITIALISED: a vault is only usable with its database and its key file. */
export function assertVaultFilesExist(dataDir: string): void {
  for (const file of [databasePath(dataDir), keyFilePath(dataDir)]) {
    if (!fs.existsSync(file)) {
      throw new VaultError(
        'NOT_INITIALISED',
        `assertVaultFilesExist: there is no vault here: ${file} is missing`,
      );
    }
  }
}

export function ensureDataDir(dataDir: string): void {
  // `mode` only applies to folders created here; an existing folder chosen by an operator keeps
  // its permissions.
  const firstCreated = fs.mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  if (firstCreated !== undefined) {
    // The new folder's own name must be durable too, or a power cut could lose the whole vault.
    fsyncDirectory(path.dirname(firstCreated));
  }
}

/**
 * Makes a rename or a new file name in `dir` durable. POSIX only guarantees a rename survives
 * power loss once the directory itself is fsynced
 * (https://man7.org/linux/man-pages/man2/fsync.2.html, "Calling fsync() does not necessarily
 * ensure that the entry in the directory containing the file has also reached disk").
 */
export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') {
    // Windows cannot open a directory for fsync; NTFS journals the rename itself.
    return;
  }
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `file` so that a crash leaves either the old state or the new one, never a mix: write a
 * temporary file beside it, fsync it, move it into place, fsync the folder.
 * `replace: false` moves it with link(2), which fails with EEXIST instead of replacing an
 * existing file: creation that cannot clobber, even against another process.
 */
export function writeFileAtomically(
  file: string,
  content: string,
  options: { replace: boolean },
): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${String(process.pid)}.tmp`);
  const fd = fs.openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    fs.writeFileSync(fd, content, 'utf8');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (options.replace) {
      fs.renameSync(temp, file);
    } else {
      fs.linkSync(temp, file);
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
  fsyncDirectory(dir);
}

export function isFileExistsError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EEXIST';
}
