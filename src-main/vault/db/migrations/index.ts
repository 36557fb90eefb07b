/**
 * Owns the ordered list of schema migrations. Add a version by adding a file `NNNN-what-it-does.ts`
 * and appending it here; the list is checked when this module loads, so a gap, a duplicate or a
 * reordering fails every test rather than a clinic's database.
 */
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-snapshots-settings';
import { migration0003 } from './0003-alerts';
import { migration0004 } from './0004-submission-exports';
import { migration0005 } from './0005-submission-pushes';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
];

/** Throws unless versions are exactly 1, 2, 3, ...: strictly ascending, no gaps. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `assertMigrationOrder: migration "${migration.name}" is version ${String(migration.version)} at position ${String(index + 1)}; versions must go 1, 2, 3, ... in order`,
      );
    }
  });
}

assertMigrationOrder(MIGRATIONS);

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.length;
