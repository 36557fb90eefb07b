import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVaultWithSecret, VaultError } from '../index';
import { generateDatabaseKey } from '../keys/database-key';
import {
  databaseKeyOf,
  initTestVault,
  PASSPHRASE,
  sampleSubmission,
  snapshotFolder,
  useTempRoot,
} from '../vault-test-fixtures';
import {
  assertMigrationOrder,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  type Migration,
} from './migrations/index';
import { readSchemaVersion, runMigrations } from './migrations/run-migrations';
import { createEncryptedDatabase, openRawDatabase, type SqliteDatabase } from './open-database';

/** Every table of the latest schema, by name. */
const LATEST_TABLES = [
  'alerts',
  'audit_log',
  'content_snapshots',
  'meta',
  'settings',
  'submission_exports',
  'submission_pushes',
  'submissions',
];

/** Every submission row as stored, blobs included: a migration that rewrites none keeps them equal. */
function wideRows(db: SqliteDatabase): unknown[] {
  return db.prepare('SELECT rowid, * FROM submissions ORDER BY rowid').all();
}

function tableNames(db: SqliteDatabase): string[] {
  return db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all();
}

function isStrict(db: SqliteDatabase, table: string): boolean {
  return (
    db
      .prepare<[string], number>('SELECT strict FROM pragma_table_list WHERE name = ?')
      .pluck()
      .get(table) === 1
  );
}

const step = (version: number, name = `step-${String(version)}`): Migration => ({
  version,
  name,
  up(db) {
    db.exec(`CREATE TABLE ${name.replace(/-/g, '_')} (x TEXT) STRICT`);
  },
});

describe('migrations', () => {
  const temp = useTempRoot();

  function openRaw(): SqliteDatabase {
    return openRawDatabase(temp.dataDir, databaseKeyOf(temp.dataDir));
  }

  function freshDatabase(): SqliteDatabase {
    fs.mkdirSync(temp.dataDir);
    return createEncryptedDatabase(path.join(temp.dataDir, 'scratch.db'), generateDatabaseKey());
  }

  it('the app list goes 1, 2, 3, ... and LATEST is its last version', () => {
    expect(() => {
      assertMigrationOrder(MIGRATIONS);
    }).not.toThrow();
    expect(MIGRATIONS.map((m) => m.version)).toEqual(
      Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1),
    );
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)?.version);
  });

  it('rejects lists that do not start at 1 or do not go strictly up by one', () => {
    for (const list of [[step(2)], [step(1), step(1)], [step(2), step(1)], [step(1), step(3)]]) {
      expect(() => {
        assertMigrationOrder(list);
      }).toThrow(/assertMigrationOrder/);
    }
  });

  it('takes an empty database to the latest version with STRICT tables and a kiosk id', () => {
    const { vault } = initTestVault(temp.dataDir);
    expect(vault.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(vault.kioskId).toMatch(/^[0-9a-f-]{36}$/);
    vault.close();

    const db = openRaw();
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tableNames(db)).toEqual(LATEST_TABLES);
    for (const table of LATEST_TABLES) {
      expect(isStrict(db, table), table).toBe(true);
    }
    // What stays unsealed is only what the kiosk needs to operate: no payload column.
    const columns = db
      .prepare<[], string>("SELECT name FROM pragma_table_info('submissions') ORDER BY cid")
      .pluck()
      .all();
    expect(columns).toEqual([
      'id',
      'kiosk_id',
      'pack_id',
      'pack_version',
      'pack_hash',
      'locale',
      'started_at',
      'submitted_at',
      'exported_at',
      'sealed',
    ]);
    db.close();
  });

  it('applies only the missing versions, each with its user_version', () => {
    const db = freshDatabase();
    runMigrations(db, [step(1)]);
    expect(readSchemaVersion(db)).toBe(1);
    runMigrations(db, [step(1), step(2), step(3)]);
    expect(readSchemaVersion(db)).toBe(3);
    expect(tableNames(db)).toEqual(['step_1', 'step_2', 'step_3']);
    db.close();
  });

  it('rolls a failing migration back entirely, user_version included', () => {
    const db = freshDatabase();
    const failing: Migration = {
      version: 2,
      name: 'failing',
      up(d) {
        d.exec('CREATE TABLE half_done (x TEXT) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => {
      runMigrations(db, [step(1), failing]);
    }).toThrow('boom');
    expect(readSchemaVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(['step_1']);
    db.close();
  });

  it('takes a vault created at version 1 to version 2, keeping its submissions and audit log', () => {
    const { vault } = initTestVault(temp.dataDir);
    const submission = sampleSubmission({ identity: { fullName: 'Ada Lovelace' } });
    vault.insertSubmission(submission);
    vault.close();
    // Turn it back into what version 1 created: the same file, without version 2's (and later) objects.
    const raw = openRaw();
    raw.exec(`
      DROP TABLE submission_pushes;
      DROP TABLE submission_exports;
      DROP TABLE alerts;
      DROP INDEX submissions_submitted_at;
      DROP TABLE content_snapshots;
      DROP TABLE settings;
    `);
    raw.pragma('user_version = 1');
    expect(tableNames(raw)).toEqual(['audit_log', 'meta', 'submissions']);
    raw.close();

    const opened = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    try {
      expect(opened.vault.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      const [row] = opened.vault.listSubmissions();
      expect(row?.id).toBe(submission.id);
      expect(row && JSON.parse(opened.unlock.openSubmission(row.sealed))).toEqual({
        identity: { fullName: 'Ada Lovelace' },
      });
      opened.vault.setSetting('probe', 'yes');
      expect(opened.vault.getSetting('probe')).toBe('yes');
    } finally {
      opened.unlock.wipe();
      opened.vault.close();
    }
    const db = openRaw();
    expect(tableNames(db)).toEqual(LATEST_TABLES);
    for (const table of ['content_snapshots', 'settings']) {
      expect(isStrict(db, table), table).toBe(true);
    }
    expect(
      db
        .prepare<[], string>(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'submissions' AND sql IS NOT NULL",
        )
        .pluck()
        .all(),
    ).toEqual(['submissions_submitted_at']);
    // The planner uses it for a date range (what exports and the staff list ask).
    const plan = db
      .prepare<[string], { detail: string }>(
        'EXPLAIN QUERY PLAN SELECT id FROM submissions WHERE submitted_at >= ? ORDER BY submitted_at',
      )
      .all('2025-01-01')
      .map((step) => step.detail)
      .join('\n');
    expect(plan).toContain('submissions_submitted_at');
    db.close();
  });

  it('takes a version 2 vault to version 3: an empty STRICT alerts table, submissions kept', () => {
    const { vault } = initTestVault(temp.dataDir);
    vault.insertSubmission(sampleSubmission());
    vault.close();
    const raw = openRaw();
    raw.exec('DROP TABLE submission_pushes; DROP TABLE submission_exports; DROP TABLE alerts');
    raw.pragma('user_version = 2');
    raw.close();

    const opened = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    try {
      expect(opened.vault.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(opened.vault.countSubmissions()).toBe(1);
      expect(opened.vault.openAlerts()).toEqual([]);
    } finally {
      opened.unlock.wipe();
      opened.vault.close();
    }
    const db = openRaw();
    expect(isStrict(db, 'alerts')).toBe(true);
    // A kind the kiosk does not know is refused by the table itself.
    expect(() =>
      db
        .prepare(
          "INSERT INTO alerts (id, kiosk_id, kind, rule_id, raised_at) VALUES ('a', 'k', 'other', 'r', 't')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('takes a version 3 vault to version 4 with the same exported set, its rows not rewritten', () => {
    const { vault } = initTestVault(temp.dataDir);
    const ids = ['01', '02', '03', '04'].map((day) => {
      const submission = {
        ...sampleSubmission(),
        submittedAt: `2025-01-${day}T00:00:00.000Z`,
        startedAt: `2025-01-${day}T00:00:00.000Z`,
      };
      vault.insertSubmission(submission);
      return submission.id;
    });
    vault.close();
    // Version 3 kept the exported state in submissions.exported_at.
    const raw = openRaw();
    raw.exec('DROP TABLE submission_pushes; DROP TABLE submission_exports');
    raw.pragma('user_version = 3');
    const setExported = raw.prepare('UPDATE submissions SET exported_at = ? WHERE id = ?');
    setExported.run('2025-02-01T00:00:00.000Z', ids[0]);
    setExported.run('2025-02-03T00:00:00.000Z', ids[2]);
    const before = wideRows(raw);
    raw.close();

    const opened = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    try {
      expect(opened.vault.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(
        Object.fromEntries(opened.vault.listSubmissions().map((row) => [row.id, row.exportedAt])),
      ).toEqual({
        [ids[0] ?? '']: '2025-02-01T00:00:00.000Z',
        [ids[1] ?? '']: null,
        [ids[2] ?? '']: '2025-02-03T00:00:00.000Z',
        [ids[3] ?? '']: null,
      });
      expect(opened.vault.submissionIds({ notExported: true })).toEqual([ids[1], ids[3]]);
    } finally {
      opened.unlock.wipe();
      opened.vault.close();
    }
    const db = openRaw();
    expect(isStrict(db, 'submission_exports')).toBe(true);
    expect(wideRows(db)).toEqual(before);
    db.close();
  });

  it('takes a version 4 vault to version 5: every stored submission waits to be pushed, rows not rewritten', () => {
    const { vault } = initTestVault(temp.dataDir);
    const ids = ['01', '02'].map((day) => {
      const submission = {
        ...sampleSubmission(),
        submittedAt: `2025-01-${day}T00:00:00.000Z`,
        startedAt: `2025-01-${day}T00:00:00.000Z`,
      };
      vault.insertSubmission(submission);
      return submission.id;
    });
    vault.markExported([ids[0] ?? ''], '2025-02-01T00:00:00.000Z');
    vault.close();
    const raw = openRaw();
    raw.exec('DROP TABLE submission_pushes');
    raw.pragma('user_version = 4');
    const before = wideRows(raw);
    raw.close();

    const opened = openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    try {
      expect(opened.vault.schemaVersion()).toBe(5);
      expect(opened.vault.pushCounts()).toEqual({ notPushed: 2, rejected: 0, pushed: 0 });
      expect(opened.vault.notPushedIds()).toEqual(ids);
      expect(opened.vault.submissionIds({ notExported: true })).toEqual([ids[1]]);
    } finally {
      opened.unlock.wipe();
      opened.vault.close();
    }
    const db = openRaw();
    expect(isStrict(db, 'submission_pushes')).toBe(true);
    expect(wideRows(db)).toEqual(before);
    db.close();
  });

  it('applies version 2 in one transaction: a failure leaves version 1 as it was', () => {
    const db = freshDatabase();
    runMigrations(db, [MIGRATIONS[0] as Migration]);
    db.exec('CREATE TABLE settings (x TEXT) STRICT'); // makes version 2's CREATE TABLE fail
    expect(() => {
      runMigrations(db);
    }).toThrow(/settings/);
    expect(readSchemaVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(['audit_log', 'meta', 'settings', 'submissions']);
    db.close();
  });

  it('refuses a database newer than the app with NEWER_SCHEMA, naming both versions, unchanged', () => {
    initTestVault(temp.dataDir).vault.close();
    const db = openRaw();
    db.pragma(`user_version = ${String(LATEST_SCHEMA_VERSION + 1)}`);
    db.close();

    const before = snapshotFolder(temp.dataDir);
    let caught: unknown;
    try {
      openVaultWithSecret(temp.dataDir, { passphrase: PASSPHRASE });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(VaultError);
    expect((caught as VaultError).code).toBe('NEWER_SCHEMA');
    expect((caught as VaultError).message).toContain(
      `version ${String(LATEST_SCHEMA_VERSION + 1)}`,
    );
    expect((caught as VaultError).message).toContain(`version ${String(LATEST_SCHEMA_VERSION)}`);
    expect(snapshotFolder(temp.dataDir)).toEqual(before);
  });
});
