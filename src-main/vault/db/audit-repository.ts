/**
 * Owns the audit log's storage (`audit_log`). The hash chain is src-main/audit/'s: this file only
 * inserts and reads rows, with bound parameters.
 */
import type { SqliteDatabase } from './open-database';

/** One row of `audit_log`; src-main/audit/ chains these (see its entryHash). */
export interface AuditRow {
  seq: number;
  /** ISO 8601 UTC, as `Date.prototype.toISOString` writes it. */
  at: string;
  actor: string;
  action: string;
  /** A JSON object in RFC 8785 canonical form; the table refuses anything but JSON. */
  details: string;
  /** The previous entry's `hash`, or 64 zeros for seq 1. */
  prevHash: string;
  /** SHA-256 hex of this entry's canonical encoding. */
  hash: string;
}

export interface AuditRepository {
  /** A plain INSERT; throws if `seq` is taken (it is the primary key). */
  append(row: AuditRow): void;
  /** Every row, ordered by seq. */
  all(): AuditRow[];
  last(): AuditRow | undefined;
  /** The stored hash of entry `seq`, if there is one. */
  hashAt(seq: number): string | undefined;
}

const COLUMNS = `seq, at, actor, action, details, prev_hash AS prevHash, hash`;

export function createAuditRepository(db: SqliteDatabase): AuditRepository {
  const insert = db.prepare(`
    INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash)
    VALUES (@seq, @at, @actor, @action, @details, @prevHash, @hash)
  `);
  const all = db.prepare<[], AuditRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq`);
  const last = db.prepare<[], AuditRow>(
    `SELECT ${COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1`,
  );
  const hashAt = db.prepare<[number], string>('SELECT hash FROM audit_log WHERE seq = ?').pluck();

  return {
    append(row) {
      insert.run({
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        details: row.details,
        prevHash: row.prevHash,
        hash: row.hash,
      });
    },
    all: () => all.all(),
    last: () => last.get(),
    hashAt: (seq) => hashAt.get(seq),
  };
}
