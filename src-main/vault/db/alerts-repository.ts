/**
 * Owns `alerts`: safety and front-desk alerts, stored unsealed because they hold no client data.
 * What an alert means, and who may acknowledge it, is src-main/alerts/'s: this file only inserts,
 * updates and reads rows, with bound parameters.
 */
import type { SqliteDatabase } from './open-database';

/** What raising an alert stores; the table's CHECK refuses a kind it does not know. */
export interface NewAlert {
  id: string;
  kind: string;
  ruleId: string;
  /** ISO 8601 UTC. */
  raisedAt: string;
}

export interface AlertRow extends NewAlert {
  kioskId: string;
  acknowledgedAt: string | null;
  /** The audit actor who acknowledged it (`front-desk`, `staff:<uuid>`…), or null while open. */
  acknowledgedBy: string | null;
  deliveredAt: string | null;
  deliveryAttempts: number;
  lastError: string | null;
}

/** One try at delivering an alert: when it succeeded, or why it failed. */
export type AlertDeliveryAttempt = { deliveredAt: string } | { error: string };

export interface AlertsRepository {
  insert(alert: NewAlert): void;
  get(id: string): AlertRow | undefined;
  /** Alerts not yet acknowledged, oldest first. */
  listOpen(): AlertRow[];
  countOpen(): number;
  /** Open alerts the webhook has not yet acknowledged receiving, oldest first. */
  listUndelivered(): AlertRow[];
  /** Marks an open alert acknowledged; false if it is unknown or already acknowledged. */
  acknowledge(id: string, by: string, at: string): boolean;
  recordDelivery(id: string, attempt: AlertDeliveryAttempt): void;
}

const COLUMNS = `id, kiosk_id AS kioskId, kind, rule_id AS ruleId, raised_at AS raisedAt,
  acknowledged_at AS acknowledgedAt, acknowledged_by AS acknowledgedBy,
  delivered_at AS deliveredAt, delivery_attempts AS deliveryAttempts, last_error AS lastError`;

export function createAlertsRepository(db: SqliteDatabase, kioskId: string): AlertsRepository {
  const insert = db.prepare(`
    INSERT INTO alerts (id, kiosk_id, kind, rule_id, raised_at)
    VALUES (@id, @kioskId, @kind, @ruleId, @raisedAt)
  `);
  const get = db.prepare<[string], AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE id = ?`);
  const listOpen = db.prepare<[], AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE acknowledged_at IS NULL ORDER BY raised_at, rowid`,
  );
  const listUndelivered = db.prepare<[], AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE acknowledged_at IS NULL AND delivered_at IS NULL ORDER BY raised_at, rowid`,
  );
  const countOpen = db
    .prepare<[], number>('SELECT count(*) FROM alerts WHERE acknowledged_at IS NULL')
    .pluck();
  const acknowledge = db.prepare<[string, string, string]>(
    'UPDATE alerts SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL',
  );
  const delivered = db.prepare<[string, string]>(
    'UPDATE alerts SET delivered_at = ?, delivery_attempts = delivery_attempts + 1, last_error = NULL WHERE id = ?',
  );
  const failed = db.prepare<[string, string]>(
    'UPDATE alerts SET delivery_attempts = delivery_attempts + 1, last_error = ? WHERE id = ?',
  );
  return {
    insert(alert) {
      // Named fields only: a caller's object may carry more than the table has.
      insert.run({
        id: alert.id,
        kioskId,
        kind: alert.kind,
        ruleId: alert.ruleId,
        raisedAt: alert.raisedAt,
      });
    },
    get: (id) => get.get(id),
    listOpen: () => listOpen.all(),
    countOpen: () => countOpen.get() ?? 0,
    listUndelivered: () => listUndelivered.all(),
    acknowledge: (id, by, at) => acknowledge.run(by, at, id).changes === 1,
    recordDelivery(id, attempt) {
      if ('deliveredAt' in attempt) {
        delivered.run(attempt.deliveredAt, id);
      } else {
        failed.run(attempt.error, id);
      }
    },
  };
}
