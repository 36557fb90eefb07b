/** Owns applying the schema migrations: one transaction per version, and the version check. */
import { VaultError } from '../../errors';
import type { SqliteDatabase } from '../open-database';
import { assertMigrationOrder, MIGRATIONS, type Migration } from './index';

export function readSchemaVersion(db: SqliteDatabase): number {
  const version: unknown = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number') {
    throw new Error(`readSchemaVersion: user_version is ${String(version)}, not a number`);
  }
  return version;
}

/**
 * Brings the database up to the last migration in `migrations`. A database newer than this app is
 * refused before anything is written: an older app must not run against a schema it does not
 * know, and must not "repair" it either.
 */
export function runMigrations(
  db: SqliteDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  assertMigrationOrder(migrations);
  const latest = migrations.length;
  const current = readSchemaVersion(db);
  if (current > latest) {
    throw new VaultError(
      'NEWER_SCHEMA',
      `runMigrations: the database is at schema version ${String(current)}, but this app only knows up to version ${String(latest)}; update the app`,
    );
  }
  for (const migration of migrations.slice(current)) {
    applyMigration(db, migration);
  }
}

function applyMigration(db: SqliteDatabase, migration: Migration): void {
  // IMMEDIATE takes the write lock before reading the version, so if two processes open the
  // vault at once the second sees the first one's work instead of applying it again
  // (https://www.sqlite.org/lang_transaction.html#deferred_immediate_and_exclusive_transactions).
  const applied = db
    .transaction(() => {
      if (readSchemaVersion(db) >= migration.version) {
        return false;
      }
      migration.up(db);
      // PRAGMA takes no bound parameters; the version is an integer from our own list, checked
      // by assertMigrationOrder, never outside input.
      db.pragma(`user_version = ${String(migration.version)}`);
      return true;
    })
    .immediate();
  if (applied) {
    console.info(
      `applyMigration: applied schema version ${String(migration.version)} (${migration.name})`,
    );
  }
}
