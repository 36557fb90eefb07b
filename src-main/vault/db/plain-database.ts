/**
 * Owns the benchmark's UNENCRYPTED database: the vault's schema and pragmas without the cipher,
 * so the benchmark can measure what the database cipher costs. Submissions are still sealed (to
 * a throwaway key pair made here and forgotten), so the two databases do the same work apart
 * from the cipher. Nothing else may use it: client data never goes into a plain database.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { generateSealKeyPair, sealTo, wipeBytes } from '../../seal';
import { assertSodiumReady } from '../sodium-ready';
import { runMigrations } from './migrations/run-migrations';
import { applyConnectionPragmas, applyNewDatabasePragmas } from './pragmas';
import { sqliteOptions } from './sqlite-binding';
import { createSubmissionsRepository, type NewSubmission } from './submissions-repository';
import { readKioskId } from './vault-database';

export function openPlainDatabaseForBench(file: string): {
  insertSubmission(s: NewSubmission): void;
  close(): void;
} {
  assertSodiumReady();
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
