/**
 * Owns which compiled SQLite addon to load. `npm install` builds better-sqlite3-multiple-ciphers
 * for Node's ABI; Electron needs a build for its own ABI, which src-main/electron/ points us at
 * before the vault opens (better-sqlite3's `nativeBinding` option,
 * https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#new-databasepath-options).
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';

let nativeBinding: string | undefined;

/** Loads the SQLite addon from `file` (an absolute path to a `.node` file) from now on. */
export function setSqliteNativeBinding(file: string): void {
  if (!path.isAbsolute(file) || !fs.existsSync(file)) {
    throw new Error(`setSqliteNativeBinding: ${file} is not an existing absolute path`);
  }
  nativeBinding = file;
}

/** `options` plus the native binding, when one was set. */
export function sqliteOptions(options: Database.Options): Database.Options {
  return nativeBinding === undefined ? options : { ...options, nativeBinding };
}
