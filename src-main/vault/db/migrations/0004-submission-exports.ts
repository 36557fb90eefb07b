/**
 * Version 4: `submission_exports`, one narrow row per exported submission (its id and when an
 * export last included it), so marking 10,000 rows exported writes 10,000 small rows instead of
 * rewriting 10,000 wide rows with their sealed blobs (`UPDATE submissions SET exported_at` cost
 * seconds; issue 13). Every existing exported state is copied over in the same transaction.
 *
 * `submissions.exported_at` stays in the table, retired: no code reads or writes it from this
 * version on. Dropping it (ALTER TABLE DROP COLUMN) would rewrite every row with its blob once
 * more, at start-up, on a kiosk that may be short of disk space.
 *
 * A foreign key with ON DELETE CASCADE (foreign_keys is ON, pragmas.ts): purging a submission
 * removes its export row with it, and an id that is not stored cannot be marked.
 */
import type { Migration } from './migration';

export const migration0004: Migration = {
  version: 4,
  name: 'submission-exports',
  up(db) {
    db.exec(`
      CREATE TABLE submission_exports (
        submission_id TEXT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
        exported_at TEXT NOT NULL
      ) STRICT;

      INSERT INTO submission_exports (submission_id, exported_at)
        SELECT id, exported_at FROM submissions WHERE exported_at IS NOT NULL;
    `);
  },
};
