/**
 * Version 1: the kiosk's metadata, client submissions (sealed) and the audit log's storage.
 * STRICT tables make SQLite refuse a value of the wrong type instead of storing it
 * (https://www.sqlite.org/stricttables.html).
 *
 * Changed in place for the write-only vault (the `payload` column became `sealed`, `exported_at`
 * and `audit_log` were added) instead of adding migration 0002: no vault had been deployed with
 * the earlier version 1, so there is nothing to upgrade. From the first deployment on, every
 * change is a new numbered migration.
 */
import { randomUUID } from 'node:crypto';
import type { Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- Only what the kiosk needs to operate is in clear (to a holder of the database key);
      -- the client's record (identity, answers, signature, acknowledgements) is in sealed,
      -- a libsodium sealed box for the clinic's public key, which the kiosk cannot open.
      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        pack_hash TEXT NOT NULL,
        locale TEXT NOT NULL,
        started_at TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        exported_at TEXT,
        sealed BLOB NOT NULL
      ) STRICT;

      -- Storage only: the hash chain is computed and verified in src-main/audit/.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        details TEXT NOT NULL CHECK (json_valid(details)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
    `);
    // The kiosk's identity is created with the schema, in the same transaction, so a vault can
    // never exist without one.
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('kiosk_id', randomUUID());
  },
};
