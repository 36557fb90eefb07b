/** The open vault as the rest of the app sees it: no SQL, no key, no connection. */
import { runMigrations, readSchemaVersion } from './migrations/run-migrations';
import type { SqliteDatabase } from './open-database';
import {
  createSubmissionsRepository,
  type NewSubmission,
  type SubmissionRow,
} from './submissions-repository';

export interface Vault {
  readonly kioskId: string;
  readonly dataDir: string;
  schemaVersion(): number;
  /** Durable when it returns: one transaction, WAL fsynced at commit (synchronous=FULL). */
  insertSubmission(s: NewSubmission): void;
  countSubmissions(): number;
  listSubmissions(): SubmissionRow[];
  /** 'ok', or SQLite's list of problems one per line. */
  integrityCheck(): string;
  close(): void;
}

/**
 * Migrates `db` to the latest schema and wraps it. Takes ownership: closes `db` if it cannot
 * finish, so callers never leak a keyed connection.
 */
export function createVaultHandle(db: SqliteDatabase, dataDir: string): Vault {
  let kioskId: string;
  try {
    runMigrations(db);
    kioskId = readKioskId(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const submissions = createSubmissionsRepository(db, kioskId);
  const integrity = db.prepare<[], string>('PRAGMA integrity_check').pluck();

  return {
    kioskId,
    dataDir,
    schemaVersion: () => readSchemaVersion(db),
    insertSubmission: (s) => {
      submissions.insert(s);
    },
    countSubmissions: () => submissions.count(),
    listSubmissions: () => submissions.list(),
    integrityCheck: () => integrity.all().join('\n'),
    close: () => {
      if (db.open) {
        db.close();
      }
    },
  };
}

export function readKioskId(db: SqliteDatabase): string {
  const value = db
    .prepare<[string]>('SELECT value FROM meta WHERE key = ?')
    .pluck()
    .get('kiosk_id');
  if (typeof value !== 'string') {
    throw new Error('readKioskId: the vault has no kiosk_id in its meta table');
  }
  return value;
}
