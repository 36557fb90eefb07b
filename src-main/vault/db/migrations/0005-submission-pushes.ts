/**
 * Version 5: `submission_pushes`, one narrow row per submission the kiosk has tried to push to
 * the clinic's FHIR server (src-main/push/): where to, how many tries, when, and how the last
 * one ended. A submission with no row, or with a row not `pushed`, is waiting to be pushed.
 *
 * Unsealed on purpose (ARCHITECTURE.md, "Data and keys": the pushed state is what the kiosk
 * needs to operate): ids, the server's base URL, times, the HTTP status and a short reason of
 * our own words ("unreachable", "rejected"). What the server said back (its OperationOutcome)
 * may echo a client's data, so it is kept only sealed to the clinic's public key
 * (`detail_sealed`), readable by staff, like the record itself.
 *
 * Narrow and separate for the reason of version 4: recording a push never rewrites the wide
 * submission row with its sealed blob. ON DELETE CASCADE: purging a submission removes its row.
 */
import type { Migration } from './migration';

export const migration0005: Migration = {
  version: 5,
  name: 'submission-pushes',
  up(db) {
    db.exec(`
      CREATE TABLE submission_pushes (
        submission_id TEXT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('pushed', 'retry', 'rejected')),
        server TEXT NOT NULL,
        attempts INTEGER NOT NULL CHECK (attempts >= 1),
        last_attempt_at TEXT NOT NULL,
        pushed_at TEXT,
        http_status INTEGER,
        reason TEXT,
        detail_sealed BLOB,
        CHECK ((state = 'pushed') = (pushed_at IS NOT NULL)),
        CHECK (state = 'pushed' OR reason IS NOT NULL)
      ) STRICT;

      CREATE INDEX submission_pushes_state ON submission_pushes (state);
    `);
  },
};
