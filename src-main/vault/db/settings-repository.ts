/** Owns `settings`: the kiosk's own key/value settings. Names belong to their callers. */
import type { SqliteDatabase } from './open-database';

export interface SettingsRepository {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export function createSettingsRepository(db: SqliteDatabase): SettingsRepository {
  const get = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const set = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  return {
    get: (key) => get.get(key),
    set(key, value) {
      set.run(key, value);
    },
    delete(key) {
      remove.run(key);
    },
  };
}
