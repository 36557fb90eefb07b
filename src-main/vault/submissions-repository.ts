/**
 * The `submissions` table. Every value is a bound parameter; the statements are prepared once
 * per connection. The client's record is sealed here, on the way in, so no caller can store it
 * unsealed by mistake.
 */
import { VaultError } from './errors';
import type { SqliteDatabase } from './open-database';

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
  /** Set by a later export feature; null until then. */
  exportedAt: string | null;
  /** The sealed box of the payload: `MasterUnlock.openSubmission` opens it. */
  sealed: Uint8Array;
}

export interface SubmissionsRepository {
  insert(submission: NewSubmission): void;
  count(): number;
  list(): SubmissionRow[];
}

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
  const list = db.prepare<[], SubmissionRow>(`
    SELECT id, kiosk_id AS kioskId, pack_id AS packId, pack_version AS packVersion,
           pack_hash AS packHash, locale, started_at AS startedAt,
           submitted_at AS submittedAt, exported_at AS exportedAt, sealed
    FROM submissions
    ORDER BY rowid
  `);

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
    count() {
      return count.get() ?? 0;
    },
    list() {
      return list.all();
    },
  };
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
    throw new VaultError('INVALID_PAYLOAD', 'insertSubmission: the payload is not JSON', {
      cause: error,
    });
  }
}
