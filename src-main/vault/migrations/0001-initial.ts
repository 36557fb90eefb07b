/**
 * Version 1: client submissions and the kiosk's own metadata.
 * STRICT tables make SQLite refuse a value of the wrong type instead of storing it
 * (https://www.sqlite.org/stricttables.html).
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

      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        pack_id TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        pack_hash TEXT NOT NULL,
        locale TEXT NOT NULL,
        started_at TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload))
      ) STRICT;
    `);
    // The kiosk's identity is created with the schema, in the same transaction, so a vault can
    // never exist without one.
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('kiosk_id', randomUUID());
  },
};
