/**
 * The `submissions` table. Every value is a bound parameter; the statements are prepared once
 * per connection.
 */
import type { SqliteDatabase } from './open-database';

export interface NewSubmission {
  id: string;
  packId: string;
  packVersion: string;
  packHash: string;
  locale: string;
  startedAt: string;
  submittedAt: string;
  /** JSON of the client's record; the table refuses anything that is not valid JSON. */
  payload: string;
}

export interface SubmissionRow extends NewSubmission {
  kioskId: string;
}

export interface SubmissionsRepository {
  insert(submission: NewSubmission): void;
  count(): number;
  list(): SubmissionRow[];
}

export function createSubmissionsRepository(
  db: SqliteDatabase,
  kioskId: string,
): SubmissionsRepository {
  const insert = db.prepare(`
    INSERT INTO submissions
      (id, kiosk_id, pack_id, pack_version, pack_hash, locale, started_at, submitted_at, payload)
    VALUES
      (@id, @kioskId, @packId, @packVersion, @packHash, @locale, @startedAt, @submittedAt, @payload)
  `);
  const count = db.prepare<[], number>('SELECT count(*) FROM submissions').pluck();
  const list = db.prepare<[], SubmissionRow>(`
    SELECT id, kiosk_id AS kioskId, pack_id AS packId, pack_version AS packVersion,
           pack_hash AS packHash, locale, started_at AS startedAt,
           submitted_at AS submittedAt, payload
    FROM submissions
    ORDER BY rowid
  `);

  return {
    insert(s) {
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
        payload: s.payload,
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
