/**
 * Owns the `Vault` object: the open database as the rest of the app sees it, with every
 * repository behind it and no SQL, no key, no connection showing. It can write submissions
 * (sealed to the clinic's public key) and list them, but not open them: that takes a
 * RecordKeys (keys/record-keys.ts).
 */
import { sealTo } from '../../seal';
import { advanceAuditHeadFile, readAuditHeadFile, type AuditHeadCounter } from '../audit-head-file';
import { databasePath } from '../data-folder';
import { VaultError } from '../errors';
import {
  createAlertsRepository,
  type AlertDeliveryAttempt,
  type AlertRow,
  type NewAlert,
} from './alerts-repository';
import { createAuditRepository, type AuditRow } from './audit-repository';
import {
  createContentSnapshotsRepository,
  type ContentSnapshot,
  type NewContentSnapshot,
} from './content-snapshots-repository';
import { readSchemaVersion, runMigrations } from './migrations/run-migrations';
import {
  cipherIntegrityCheckOf,
  integrityCheckOf,
  quickCheckOf,
  type SqliteDatabase,
} from './open-database';
import {
  createPushesRepository,
  type PushAttempt,
  type PushCounts,
  type PushRow,
} from './pushes-repository';
import { createSettingsRepository } from './settings-repository';
import type { SubmissionFilter } from './submission-filter';
import {
  createSubmissionsRepository,
  LAST_EXPORT_SETTING,
  type NewSubmission,
  type SubmissionCounts,
  type SubmissionRow,
} from './submissions-repository';

export interface Vault {
  readonly kioskId: string;
  readonly dataDir: string;
  schemaVersion(): number;
  /**
   * Seals the payload with the clinic's public key and stores it. Durable when it returns: one
   * transaction, WAL fsynced at commit (synchronous=FULL).
   */
  insertSubmission(s: NewSubmission): void;
  countSubmissions(): number;
  /** The newest stored submission's `submitted_at`, or null when none is stored. */
  lastSubmittedAt(): string | null;
  /**
   * Submissions, oldest first (`submitted_at`, then insertion order), filtered as
   * `SubmissionFilter` says (instants, never-exported, ids).
   */
  listSubmissions(filter?: SubmissionFilter): SubmissionRow[];
  /**
   * The same rows as `listSubmissions`, fetched a few at a time so that an export of 10,000
   * does not hold every sealed blob at once. The set is fixed when iteration starts; the
   * connection stays free between rows (new submissions can be stored meanwhile).
   */
  iterateSubmissions(filter?: SubmissionFilter): IterableIterator<SubmissionRow>;
  /** The ids `listSubmissions` would return, without reading any sealed blob. */
  submissionIds(filter?: SubmissionFilter): string[];
  /** `today`: when the clinic's day began and when it ends, as UTC instants. */
  submissionSummaryCounts(today: { since: string; before: string }): SubmissionCounts;
  /** Records these rows exported at `at` (an ISO instant; submission_exports), and `lastExportAt`; one transaction. */
  markExported(ids: readonly string[], at: string): void;
  /** Deletes exported rows submitted before `cutoffIso`; returns how many; one transaction. */
  purgeExportedBefore(cutoffIso: string): number;
  /** The latest `markExported` time, kept even once those rows are purged; null if none. */
  lastExportAt(): string | null;
  /** Records one try at pushing a submission to the FHIR server (pushes-repository.ts). */
  recordPush(attempt: PushAttempt): void;
  pushState(submissionId: string): PushRow | undefined;
  pushCounts(): PushCounts;
  /** Submission ids not yet pushed, oldest first; `rejected` ones only if asked. */
  notPushedIds(options?: { includeRejected?: boolean; limit?: number }): string[];
  /** Stores a pack's canonical content by hash; INSERT OR IGNORE (the first copy stays). */
  saveContentSnapshot(snapshot: NewContentSnapshot): void;
  contentSnapshot(hash: string): ContentSnapshot | undefined;
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
  deleteSetting(key: string): void;
  /**
   * Runs `action` in one transaction (a savepoint if one is open): everything it writes through
   * this vault is kept together or not at all, e.g. marking an export and auditing it.
   */
  atomically<T>(action: () => T): T;
  /**
   * Stores one audit entry. Once it is committed (at once, or when the outermost `atomically`
   * commits) the head counter outside the database moves to it (../audit-head-file.ts).
   */
  appendAuditRow(row: AuditRow): void;
  auditRows(): AuditRow[];
  /** The head counter kept outside the database, as read now. */
  auditHeadCounter(): AuditHeadCounter;
  /** Stores a new alert for this kiosk (src-main/alerts/ decides what it holds). */
  insertAlert(alert: NewAlert): void;
  alert(id: string): AlertRow | undefined;
  /** Alerts not yet acknowledged, oldest first. */
  openAlerts(): AlertRow[];
  countOpenAlerts(): number;
  /** Open alerts not yet delivered to the webhook, oldest first. */
  undeliveredAlerts(): AlertRow[];
  /** Acknowledges an open alert; false if it is unknown or already acknowledged. */
  acknowledgeAlert(id: string, by: string, at: string): boolean;
  /** Counts one delivery attempt, and its success time or its error. */
  recordAlertDelivery(id: string, attempt: AlertDeliveryAttempt): void;
  lastAuditRow(): AuditRow | undefined;
  /** 'ok', or SQLite's list of problems one per line. */
  integrityCheck(): string;
  /** 'ok', or `PRAGMA quick_check`'s problems one per line: the cheaper check for health. */
  quickCheck(): string;
  /** 'ok', or the pages the cipher could not authenticate (see `cipherIntegrityCheckOf`). */
  cipherIntegrityCheck(): string;
  close(): void;
}

export const SEAL_PUBLIC_KEY_META = 'seal_public_key';

/**
 * Migrates `db` to the latest schema and wraps it. Takes ownership of `db` (closes it if it
 * cannot finish, so callers never leak a keyed connection) and of a copy of `databaseKey`, kept
 * for `cipherIntegrityCheck`'s second connection and zeroed at close. `sealPublicKey` is the one
 * in keys.json; it must equal the one the database recorded when it was created.
 */
export function createVaultDatabase(
  db: SqliteDatabase,
  dataDir: string,
  databaseKey: Buffer,
  sealPublicKey: Uint8Array,
): Vault {
  let kioskId: string;
  try {
    runMigrations(db);
    kioskId = readKioskId(db);
    assertSealPublicKey(db, sealPublicKey);
  } catch (error) {
    db.close();
    throw error;
  }
  const key = Buffer.from(databaseKey);
  const publicKey = Uint8Array.from(sealPublicKey);
  const submissions = createSubmissionsRepository(db, kioskId, (plaintext) =>
    sealTo(publicKey, plaintext),
  );
  const audit = createAuditRepository(db);
  const snapshots = createContentSnapshotsRepository(db);
  const settings = createSettingsRepository(db);
  const alerts = createAlertsRepository(db, kioskId);
  const pushes = createPushesRepository(db, (plaintext) => sealTo(publicKey, plaintext));

  // Only a committed head may be counted: a transaction that rolls back would otherwise leave a
  // counter beyond the log, which verify would take for entries cut off.
  const recordAuditHead = (): void => {
    const head = audit.last();
    if (head === undefined || db.inTransaction) {
      return;
    }
    try {
      const held = advanceAuditHeadFile(dataDir, head, (seq) => audit.hashAt(seq));
      if (held !== undefined) {
        console.warn(`recordAuditHead: the head counter did not move: ${held}`);
      }
    } catch (error) {
      // The entry is committed; failing the action now would misreport it as not done. The lag
      // shows in kiosk verify ("not vouched for by the head counter").
      console.warn(`recordAuditHead: the head counter could not be written: ${String(error)}`);
    }
  };

  return {
    kioskId,
    dataDir,
    schemaVersion: () => readSchemaVersion(db),
    insertSubmission: (s) => {
      submissions.insert(s);
    },
    countSubmissions: () => submissions.count(),
    lastSubmittedAt: () => submissions.lastSubmittedAt(),
    listSubmissions: (filter) => submissions.list(filter),
    iterateSubmissions: (filter) => submissions.iterate(filter),
    submissionIds: (filter) => submissions.ids(filter),
    submissionSummaryCounts: (today) => submissions.counts(today),
    markExported: (ids, at) => {
      submissions.markExported(ids, at);
    },
    purgeExportedBefore: (cutoffIso) => submissions.purgeExportedBefore(cutoffIso),
    lastExportAt: () => settings.get(LAST_EXPORT_SETTING) ?? null,
    recordPush: (attempt) => {
      pushes.record(attempt);
    },
    pushState: (submissionId) => pushes.get(submissionId),
    pushCounts: () => pushes.counts(),
    notPushedIds: (options) => pushes.notPushedIds(options),
    saveContentSnapshot: (snapshot) => {
      snapshots.save(snapshot, new Date().toISOString());
    },
    contentSnapshot: (hash) => snapshots.get(hash),
    getSetting: (key) => settings.get(key),
    setSetting: (key, value) => {
      settings.set(key, value);
    },
    deleteSetting: (key) => {
      settings.delete(key);
    },
    atomically: (action) => {
      const result = db.transaction(action)();
      recordAuditHead();
      return result;
    },
    appendAuditRow: (row) => {
      audit.append(row);
      recordAuditHead();
    },
    auditRows: () => audit.all(),
    auditHeadCounter: () => readAuditHeadFile(dataDir),
    insertAlert: (alert) => {
      alerts.insert(alert);
    },
    alert: (id) => alerts.get(id),
    openAlerts: () => alerts.listOpen(),
    countOpenAlerts: () => alerts.countOpen(),
    undeliveredAlerts: () => alerts.listUndelivered(),
    acknowledgeAlert: (id, by, at) => alerts.acknowledge(id, by, at),
    recordAlertDelivery: (id, attempt) => {
      alerts.recordDelivery(id, attempt);
    },
    lastAuditRow: () => audit.last(),
    integrityCheck: () => integrityCheckOf(db),
    quickCheck: () => quickCheckOf(db),
    cipherIntegrityCheck: () => {
      if (!db.open) {
        throw new TypeError('cipherIntegrityCheck: the vault is closed');
      }
      return cipherIntegrityCheckOf(databasePath(dataDir), key);
    },
    close: () => {
      if (db.open) {
        db.close();
      }
      key.fill(0);
    },
  };
}

export function readKioskId(db: SqliteDatabase): string {
  const value = readMeta(db, 'kiosk_id');
  if (value === undefined) {
    throw new Error('readKioskId: the vault has no kiosk_id in its meta table');
  }
  return value;
}

/** Records the clinic's public key in the new database (init only). */
export function writeSealPublicKey(db: SqliteDatabase, publicKey: Uint8Array): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(
    SEAL_PUBLIC_KEY_META,
    Buffer.from(publicKey).toString('base64'),
  );
}

/**
 * keys.json is outside the database cipher: without this check, replacing its public key would
 * make the kiosk seal new submissions to someone else's key.
 */
function assertSealPublicKey(db: SqliteDatabase, expected: Uint8Array): void {
  const recorded = readMeta(db, SEAL_PUBLIC_KEY_META);
  if (recorded !== Buffer.from(expected).toString('base64')) {
    throw new VaultError(
      'SEAL_KEY_MISMATCH',
      `assertSealPublicKey: the clinic public key in keys.json is ${recorded === undefined ? 'not recorded in' : 'not the one recorded in'} the database; refusing to seal to it`,
    );
  }
}

function readMeta(db: SqliteDatabase, key: string): string | undefined {
  const value: unknown = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
  return typeof value === 'string' ? value : undefined;
}
