/**
 * Owns `content_snapshots`: a pack's canonical content, keyed by its SHA-256, as evidence of the
 * text clients saw. Whether a stored text really hashes to its key is checked where it is used
 * (`verifySnapshot` in src-main/content/), not here: this file only stores and reads rows.
 */
import type { SqliteDatabase } from './open-database';

export interface NewContentSnapshot {
  /** SHA-256 hex of `content` (the pack's hash). */
  hash: string;
  packId: string;
  packVersion: string;
  content: string;
}

export interface ContentSnapshot extends NewContentSnapshot {
  savedAt: string;
}

export interface ContentSnapshotsRepository {
  /** INSERT OR IGNORE: a hash already stored keeps its first text and time. */
  save(snapshot: NewContentSnapshot, savedAt: string): void;
  get(hash: string): ContentSnapshot | undefined;
}

export function createContentSnapshotsRepository(db: SqliteDatabase): ContentSnapshotsRepository {
  const save = db.prepare(`
    INSERT OR IGNORE INTO content_snapshots (hash, pack_id, pack_version, content, saved_at)
    VALUES (@hash, @packId, @packVersion, @content, @savedAt)
  `);
  const get = db.prepare<[string], ContentSnapshot>(`
    SELECT hash, pack_id AS packId, pack_version AS packVersion, content, saved_at AS savedAt
    FROM content_snapshots WHERE hash = ?
  `);
  return {
    save(snapshot, savedAt) {
      // Named fields only: a caller's object may carry more than the table has.
      save.run({
        hash: snapshot.hash,
        packId: snapshot.packId,
        packVersion: snapshot.packVersion,
        content: snapshot.content,
        savedAt,
      });
    },
    get: (hash) => get.get(hash),
  };
}
