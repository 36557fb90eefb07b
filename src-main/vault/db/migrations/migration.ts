/** Owns the shape of one numbered migration (run-migrations.ts applies them). */
import type { SqliteDatabase } from '../open-database';

/**
 * One schema version. `up` runs inside the transaction that also sets `user_version`, so a
 * migration is applied entirely or not at all. SQL only: no JavaScript data fix-ups that could
 * behave differently from one app version to the next.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: SqliteDatabase): void;
}
