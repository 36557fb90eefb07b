/**
 * Owns `submission_pushes` (migration 0005): the pushed state of each submission. What a push
 * sends and when it is tried is src-main/push/'s; this file only records attempts and reads
 * them back, with bound parameters. The server's own words about a failure are sealed before
 * they are stored (`sealDetail`), as they may echo a client's data.
 */
import type { SqliteDatabase } from './open-database';
import { checkedInstant } from './submission-filter';

/** How one try ended. `retry`: worth trying again (network, 5xx, 429); `rejected`: a 4xx the server will refuse again. */
export type PushOutcome =
  | { state: 'pushed' }
  | {
      state: 'retry' | 'rejected';
      /** The HTTP status, or null when no answer came (unreachable, timeout, TLS). */
      httpStatus: number | null;
      /** Our own short words, never the server's and never client data: `unreachable`, `server error`… */
      reason: string;
      /** The server's OperationOutcome text or similar; sealed to the clinic's key before it is stored. */
      detail?: string;
    };

export interface PushAttempt {
  submissionId: string;
  /** The FHIR server's base URL. */
  server: string;
  /** ISO instant of the try. */
  at: string;
  outcome: PushOutcome;
}

export interface PushRow {
  submissionId: string;
  state: 'pushed' | 'retry' | 'rejected';
  server: string;
  attempts: number;
  lastAttemptAt: string;
  pushedAt: string | null;
  httpStatus: number | null;
  reason: string | null;
  /** The sealed server detail (`RecordKeys.openSubmission` opens it, as it opens a record). */
  detailSealed: Uint8Array | null;
}

export interface PushCounts {
  /** Submissions not yet pushed: never tried, or last try `retry` or `rejected`. */
  notPushed: number;
  /** Of those, how many the server refused (`rejected`); they wait for staff. */
  rejected: number;
  pushed: number;
}

export interface PushesRepository {
  /** Records one try: inserts the row or updates it, counting the attempt; a pushed row is kept as it is. */
  record(attempt: PushAttempt): void;
  get(submissionId: string): PushRow | undefined;
  counts(): PushCounts;
  /** Ids not yet pushed, oldest submission first; `rejected` ones only if asked. */
  notPushedIds(options?: { includeRejected?: boolean; limit?: number }): string[];
}

const ROW_COLUMNS = `submission_id AS submissionId, state, server, attempts,
  last_attempt_at AS lastAttemptAt, pushed_at AS pushedAt, http_status AS httpStatus, reason,
  detail_sealed AS detailSealed`;

export function createPushesRepository(
  db: SqliteDatabase,
  sealDetail: (plaintext: Uint8Array) => Uint8Array,
): PushesRepository {
  const upsert = db.prepare<
    [
      {
        id: string;
        state: string;
        server: string;
        at: string;
        pushedAt: string | null;
        httpStatus: number | null;
        reason: string | null;
        detail: Uint8Array | null;
      },
    ]
  >(`
    INSERT INTO submission_pushes
      (submission_id, state, server, attempts, last_attempt_at, pushed_at, http_status, reason,
       detail_sealed)
      SELECT @id, @state, @server, 1, @at, @pushedAt, @httpStatus, @reason, @detail
      WHERE EXISTS (SELECT 1 FROM submissions WHERE id = @id)
    ON CONFLICT (submission_id) DO UPDATE SET
      state = excluded.state, server = excluded.server, attempts = attempts + 1,
      last_attempt_at = excluded.last_attempt_at, pushed_at = excluded.pushed_at,
      http_status = excluded.http_status, reason = excluded.reason,
      detail_sealed = excluded.detail_sealed
      -- A pushed record stays pushed: a late outcome of an overlapping try changes nothing.
      WHERE submission_pushes.state <> 'pushed'
  `);
  const get = db.prepare<[string], PushRow>(
    `SELECT ${ROW_COLUMNS} FROM submission_pushes WHERE submission_id = ?`,
  );
  const counts = db.prepare<[], PushCounts>(`
    SELECT
      (SELECT count(*) FROM submissions s WHERE NOT EXISTS
         (SELECT 1 FROM submission_pushes p WHERE p.submission_id = s.id AND p.state = 'pushed'))
        AS notPushed,
      (SELECT count(*) FROM submission_pushes WHERE state = 'rejected') AS rejected,
      (SELECT count(*) FROM submission_pushes WHERE state = 'pushed') AS pushed
  `);
  const notPushed = db
    .prepare<[{ includeRejected: number; limit: number }], string>(
      `SELECT s.id FROM submissions s
         LEFT JOIN submission_pushes p ON p.submission_id = s.id
       WHERE p.state IS NULL OR p.state = 'retry' OR (@includeRejected = 1 AND p.state = 'rejected')
       ORDER BY s.submitted_at, s.rowid
       LIMIT @limit`,
    )
    .pluck();

  return {
    record({ submissionId, server, at, outcome }) {
      checkedInstant(at);
      let detail: Uint8Array | null = null;
      if (outcome.state !== 'pushed' && outcome.detail !== undefined && outcome.detail !== '') {
        const plaintext = Buffer.from(outcome.detail, 'utf8');
        try {
          detail = sealDetail(plaintext);
        } finally {
          plaintext.fill(0);
        }
      }
      upsert.run({
        id: submissionId,
        state: outcome.state,
        server,
        at,
        pushedAt: outcome.state === 'pushed' ? at : null,
        httpStatus: outcome.state === 'pushed' ? null : outcome.httpStatus,
        reason: outcome.state === 'pushed' ? null : outcome.reason,
        detail,
      });
    },
    get(submissionId) {
      return get.get(submissionId);
    },
    counts() {
      return counts.get() ?? { notPushed: 0, rejected: 0, pushed: 0 };
    },
    notPushedIds(options = {}) {
      return notPushed.all({
        includeRejected: options.includeRejected === true ? 1 : 0,
        limit: options.limit ?? -1,
      });
    },
  };
}
