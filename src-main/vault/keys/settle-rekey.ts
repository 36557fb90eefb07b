/**
 * Owns the other half of the rekey protocol (rekey.ts): opening kiosk.db with a key from
 * keys.json and, when a crash interrupted a rekey, settling which key is now the database's.
 * Every open goes through here, so an interrupted rekey is finished by whoever opens next.
 */
import fs from 'node:fs';
import { databasePath, rekeyPath, removeRekeyFiles } from '../data-folder';
import { openEncryptedDatabase, type SqliteDatabase } from '../db/open-database';
import { VaultError } from '../errors';
import { withoutPendingKey, writeKeyFile, type DatabaseKeyEntry, type KeyFile } from './key-file';

/** Gives the database key of one keys.json entry, or throws why it cannot. */
export type KeySource = (entry: DatabaseKeyEntry) => Buffer;

/**
 * Opens kiosk.db with the current database key or, when a rekey was interrupted, with whichever
 * of the current and pending keys opens the file, then records the outcome in keys.json:
 * - the current key opens it: the rekey never replaced the file; drop the pending key and the
 *   re-encrypted copy;
 * - the pending key opens it: the copy was renamed into place; the pending key becomes current.
 * A key source that cannot give one of the two keys (a keychain that wrapped only one) skips it.
 */
export function openSettledDatabase(
  dataDir: string,
  keyFile: KeyFile,
  keyOf: KeySource,
): { db: SqliteDatabase; key: Buffer; keyFile: KeyFile } {
  const file = databasePath(dataDir);
  const pending = keyFile.pendingDatabase;
  if (!pending) {
    const key = keyOf(keyFile.database);
    let db: SqliteDatabase;
    try {
      db = openEncryptedDatabase(file, key);
    } catch (error) {
      key.fill(0);
      throw error;
    }
    removeStaleRekeyCopy(dataDir);
    return { db, key, keyFile };
  }

  let firstError: unknown;
  for (const which of ['current', 'pending'] as const) {
    const entry = which === 'current' ? keyFile.database : pending;
    let key: Buffer;
    let db: SqliteDatabase;
    try {
      key = keyOf(entry);
    } catch (error) {
      firstError ??= error;
      continue;
    }
    try {
      db = openEncryptedDatabase(file, key);
    } catch (error) {
      key.fill(0);
      if (error instanceof VaultError && error.code === 'WRONG_KEY') {
        firstError ??= error;
        continue;
      }
      throw error;
    }
    const settled = settleRekey(dataDir, keyFile, which);
    return { db, key, keyFile: settled };
  }
  throw firstError;
}

/**
 * A rekey killed before it recorded its new key leaves a copy that no stored key opens. Safe to
 * delete once the database is open: a rekey in progress holds the database locked, so opening
 * it would have failed.
 */
function removeStaleRekeyCopy(dataDir: string): void {
  if (fs.existsSync(rekeyPath(dataDir))) {
    try {
      removeRekeyFiles(dataDir);
      console.warn(
        'removeStaleRekeyCopy: removed the copy left by a rekey that stopped before it was used',
      );
    } catch (error) {
      console.error(
        'removeStaleRekeyCopy: could not remove the copy left by an unfinished rekey',
        error,
      );
    }
  }
}

/**
 * Records which key the interrupted rekey left in use. Failing to record it is not fatal: the
 * next open settles it again, so the vault still opens.
 */
function settleRekey(dataDir: string, keyFile: KeyFile, inUse: 'current' | 'pending'): KeyFile {
  const pending = keyFile.pendingDatabase;
  const rest = withoutPendingKey(keyFile);
  const settled: KeyFile = inUse === 'pending' && pending ? { ...rest, database: pending } : rest;
  try {
    if (inUse === 'current') {
      removeRekeyFiles(dataDir);
    }
    writeKeyFile(dataDir, settled, { replace: true });
    console.warn(
      `settleRekey: finished an interrupted rekey: the ${inUse === 'pending' ? 'new key had replaced the database; it is now the current key' : 'database was never replaced; the new key was dropped'}`,
    );
  } catch (error) {
    console.error('settleRekey: could not record the outcome of an interrupted rekey', error);
  }
  return settled;
}
