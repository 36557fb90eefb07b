/**
 * An UNENCRYPTED database with the vault's schema and pragmas, so the benchmark can measure what
 * encryption costs. Nothing else may use it: client data never goes into a plain database.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { runMigrations } from './migrations/run-migrations';
import { sqliteOptions } from './sqlite-binding';
import { applyConnectionPragmas } from './open-database';
import { createSubmissionsRepository, type NewSubmission } from './submissions-repository';
import { readKioskId } from './vault-handle';

export function openPlainDatabaseForBench(file: string): {
  insertSubmission(s: NewSubmission): void;
  close(): void;
} {
  const db = new Database(file, sqliteOptions({}));
  try {
    applyConnectionPragmas(db);
    runMigrations(db);
    const submissions = createSubmissionsRepository(db, readKioskId(db));
    return {
      insertSubmission: (s) => {
        submissions.insert(s);
      },
      close: () => {
        if (db.open) {
          db.close();
        }
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
