/**
 * Version 3: `alerts`, the safety and front-desk alerts a questionnaire rule raises.
 * Unsealed on purpose (ARCHITECTURE.md, "Data and keys"): a row holds only what the kiosk needs
 * to raise, deliver and acknowledge an alert (ids, kind, rule id, times, delivery state), never
 * a client's name, answer or score, so it can be listed without a staff passphrase.
 * `acknowledged_at` NULL means the alert is still open.
 *
 * STRICT tables (https://www.sqlite.org/stricttables.html), as in versions 1 and 2.
 */
import type { Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'alerts',
  up(db) {
    db.exec(`
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('clinician-now', 'front-desk')),
        rule_id TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        acknowledged_at TEXT,
        acknowledged_by TEXT,
        delivered_at TEXT,
        delivery_attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
      ) STRICT;

      CREATE INDEX alerts_open ON alerts (raised_at) WHERE acknowledged_at IS NULL;
    `);
  },
};
