/**
 * Owns the `submissions` table. Every value is a bound parameter; the statements are prepared once
 * per connection. The client's record is sealed here, on the way in, so no caller can store it
 * unsealed by mistake.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { VaultError } from '../errors';
import type { SqliteDatabase } from './open-database';
import {
  checkedInstant,
  filterSql,
  NOT_EXPORTED,
  type SubmissionFilter,
} from './submission-filter';

export interface NewSubmission {
  id: string;
  packId: string;
  packVersion: string;
  packHash: string;
  locale: string;
  startedAt: string;
  submittedAt: string;
  /** JSON of the client's record; sealed inside insertSubmission, never stored as it is. */
  payload: string;
}

export interface SubmissionRow {
  id: string;
  kioskId: string;
  packId: string;
  packVersion: string;
  packHash: string;
  locale: string;
  startedAt: string;
  submittedAt: string;
  /** When an export last included it (`markExported`); null until then. */
  exportedAt: string | null;
  /** The sealed box of the payload: `RecordKeys.openSubmission` opens it. */
  sealed: Uint8Array;
}

export interface SubmissionCounts {
  total: number;
  /** Submitted on the given UTC calendar day. */
  today: number;
  notExported: number;
}

export interface SubmissionsRepository {
  insert(submission: NewSubmission): void;
  count(): number;
  lastSubmittedAt(): string | null;
  list(filter?: SubmissionFilter): SubmissionRow[];
  ids(filter?: SubmissionFilter): string[];
  iterate(filter?: SubmissionFilter): IterableIterator<SubmissionRow>;
  /** `today`: the instants the clinic's day starts and ends (src-shared/clinic-time.ts). */
  counts(today: { since: string; before: string }): SubmissionCounts;
  markExported(ids: readonly string[], at: string): void;
  purgeExportedBefore(cutoffIso: string): number;
}

/** Rows fetched per query while iterating: enough to amortise a query, few blobs in memory. */
export const ITERATE_BATCH = 64;

/** Every timestamp the vault stores is `Date.prototype.toISOString` text, so it sorts as time. */

/**
 * When a row was exported is in the narrow `submission_exports` (migration 0004), never in the
 * retired `submissions.exported_at`.
 */
const ROW_COLUMNS = `id, kiosk_id AS kioskId, pack_id AS packId, pack_version AS packVersion,
           pack_hash AS packHash, locale, started_at AS startedAt,
           submitted_at AS submittedAt,
           (SELECT e.exported_at FROM submission_exports e WHERE e.submission_id = submissions.id)
             AS exportedAt,
           sealed`;

/** Oldest first; rowid breaks ties so the order is total and stable. */
const ORDER = 'ORDER BY submitted_at, rowid';

/** `seal` turns the payload's UTF-8 bytes into the sealed box stored in the row. */
export function createSubmissionsRepository(
  db: SqliteDatabase,
  kioskId: string,
  seal: (plaintext: Uint8Array) => Uint8Array,
): SubmissionsRepository {
  const insert = db.prepare(`
    INSERT INTO submissions
      (id, kiosk_id, pack_id, pack_version, pack_hash, locale, started_at, submitted_at, sealed)
    VALUES
      (@id, @kioskId, @packId, @packVersion, @packHash, @locale, @startedAt, @submittedAt, @sealed)
  `);
  const count = db.prepare<[], number>('SELECT count(*) FROM submissions').pluck();
  const lastSubmittedAt = db
    .prepare<[], string | null>('SELECT max(submitted_at) FROM submissions')
    .pluck();
  // One statement per combination of filter fragments, prepared when first needed.
  const rowStatements = new Map<
    string,
    Database.Statement<[Record<string, string>], SubmissionRow>
  >();
  const idStatements = new Map<string, Database.Statement<[Record<string, string>], string>>();
  const rowsWhere = (filter: SubmissionFilter | undefined) => {
    const sql = filterSql(filter);
    let statement = rowStatements.get(sql.key);
    if (!statement) {
      statement = db.prepare(`SELECT ${ROW_COLUMNS} FROM submissions ${sql.where} ${ORDER}`);
      rowStatements.set(sql.key, statement);
    }
    return statement.all(sql.params);
  };
  const idsWhere = (filter: SubmissionFilter | undefined): string[] => {
    const sql = filterSql(filter);
    let statement = idStatements.get(sql.key);
    if (!statement) {
      statement = db
        .prepare<[Record<string, string>], string>(
          `SELECT id FROM submissions ${sql.where} ${ORDER}`,
        )
        .pluck();
      idStatements.set(sql.key, statement);
    }
    return statement.all(sql.params);
  };
  const byIds = db.prepare<[{ ids: string }], SubmissionRow>(
    `SELECT ${ROW_COLUMNS} FROM submissions WHERE id IN (SELECT value FROM json_each(@ids)) ${ORDER}`,
  );
  const counts = db.prepare<[{ since: string; before: string }], SubmissionCounts>(`
    SELECT count(*) AS total,
           count(*) FILTER (WHERE submitted_at >= @since AND submitted_at < @before) AS today,
           count(*) FILTER (WHERE ${NOT_EXPORTED}) AS notExported
    FROM submissions
  `);
  // Narrow rows only: the wide submission rows and their blobs are not rewritten. Ids no longer
  // stored (purged meanwhile) are skipped, as the UPDATE this replaces skipped them.
  const markExported = db.prepare<[{ ids: string; at: string }]>(`
    INSERT INTO submission_exports (submission_id, exported_at)
      SELECT value, @at FROM json_each(@ids) WHERE value IN (SELECT id FROM submissions)
    ON CONFLICT (submission_id) DO UPDATE SET exported_at = excluded.exported_at
  `);
  const recordLastExport = db.prepare<[{ key: string; at: string }]>(`
    INSERT INTO settings (key, value) VALUES (@key, @at)
    ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)
  `);
  const purge = db.prepare<[{ cutoff: string }]>(
    // Their submission_exports rows go with them (ON DELETE CASCADE).
    `DELETE FROM submissions WHERE submitted_at < @cutoff AND NOT (${NOT_EXPORTED})`,
  );

  return {
    insert(s) {
      assertJson(s.payload);
      const plaintext = Buffer.from(s.payload, 'utf8');
      let sealed: Uint8Array;
      try {
        sealed = seal(plaintext);
      } finally {
        plaintext.fill(0);
      }
      // Copy the named fields: a caller's object may carry more properties than the table has.
      insert.run({
        id: s.id,
        kioskId,
        packId: s.packId,
        packVersion: s.packVersion,
        packHash: s.packHash,
        locale: s.locale,
        startedAt: s.startedAt,
        submittedAt: s.submittedAt,
        sealed,
      });
    },
    lastSubmittedAt() {
      return lastSubmittedAt.get() ?? null;
    },
    count() {
      return count.get() ?? 0;
    },
    list(filter) {
      return rowsWhere(filter);
    },
    ids(filter) {
      return idsWhere(filter);
    },
    iterate(filter) {
      // The matching ids are read first, in one query; the rows then come in small batches,
      // each its own finished query. A better-sqlite3 `.iterate()` cursor would hold the
      // connection busy ("This database connection is busy executing a query") for as long as
      // an export awaits its file writes, and the kiosk shares this connection to store new
      // submissions meanwhile. Rows deleted in between are skipped; rows added are not seen.
      return batches(idsWhere(filter), (ids) => byIds.all({ ids: JSON.stringify(ids) }));
    },
    counts(today) {
      const bounds = { since: checkedInstant(today.since), before: checkedInstant(today.before) };
      return counts.get(bounds) ?? { total: 0, today: 0, notExported: 0 };
    },
    markExported(ids, at) {
      checkedInstant(at);
      db.transaction(() => {
        markExported.run({ ids: JSON.stringify([...ids]), at });
        recordLastExport.run({ key: LAST_EXPORT_SETTING, at });
      })();
    },
    purgeExportedBefore(cutoffIso) {
      const cutoff = checkedInstant(cutoffIso);
      return db.transaction(() => purge.run({ cutoff }).changes)();
    },
  };
}

/** The settings key `markExported` keeps the latest export time in (see `lastExportAt`). */
export const LAST_EXPORT_SETTING = 'export.last_at';

function* batches(
  ids: readonly string[],
  fetch: (ids: readonly string[]) => SubmissionRow[],
): Generator<SubmissionRow, void, undefined> {
  for (let start = 0; start < ids.length; start += ITERATE_BATCH) {
    yield* fetch(ids.slice(start, start + ITERATE_BATCH));
  }
}

/**
 * The sealed column cannot be checked by SQLite any more (it was `CHECK (json_valid(payload))`),
 * so the check happens before sealing: a record that staff could not parse is refused now, not
 * discovered at export.
 */
function assertJson(payload: string): void {
  try {
    JSON.parse(payload);
  } catch (error) {
    throw new VaultError('INVALID_PAYLOAD', 'assertJson: the payload is not JSON', {
      cause: error,
    });
  }
}
