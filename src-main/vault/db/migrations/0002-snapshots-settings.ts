/**
 * Version 2: what exports and the staff area need.
 * - `content_snapshots`: the exact canonical content of each pack a client saw, keyed by its
 *   SHA-256, so a PDF made years later shows the text as it was, even after the pack is edited.
 *   Content packs are the clinic's own text, not client data: stored as they are (the database
 *   cipher covers them at rest), never sealed.
 * - `settings`: the kiosk's own key/value settings (pause, retention, last export time).
 * - An index on `submissions(submitted_at)`: exports and the staff list select by date range.
 *
 * STRICT tables (https://www.sqlite.org/stricttables.html), as in version 1.
 */
import type { Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'snapshots-settings',
  up(db) {
    db.exec(`
      CREATE TABLE content_snapshots (
        hash TEXT PRIMARY KEY,
        pack_id TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        content TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE INDEX submissions_submitted_at ON submissions (submitted_at);
    `);
  },
};
