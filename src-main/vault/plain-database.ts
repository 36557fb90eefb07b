/**
 * An UNENCRYPTED database with the vault's schema and pragmas, so the benchmark can measure what
 * the database cipher costs. Submissions are still sealed (to a throwaway key pair made here and
 * forgotten), so the two databases do the same work apart from the cipher. Nothing else may use
 * it: client data never goes into a plain database.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { generateSealKeyPair, sealTo, wipeBytes } from '../seal';
import { assertSodiumReady } from './master-unlock';
import { runMigrations } from './migrations/run-migrations';
import { sqliteOptions } from './sqlite-binding';
import { applyConnectionPragmas, applyNewDatabasePragmas } from './open-database';
import { createSubmissionsRepository, type NewSubmission } from './submissions-repository';
import { readKioskId } from './vault-handle';

export function openPlainDatabaseForBench(file: string): {
  insertSubmission(s: NewSubmission): void;
  close(): void;
} {
  assertSodiumReady('openPlainDatabaseForBench');
  const db = new Database(file, sqliteOptions({}));
  try {
    applyNewDatabasePragmas(db);
    applyConnectionPragmas(db);
    runMigrations(db);
    const { publicKey, privateKey } = generateSealKeyPair();
    wipeBytes(privateKey);
    const submissions = createSubmissionsRepository(db, readKioskId(db), (plaintext) =>
      sealTo(publicKey, plaintext),
    );
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
