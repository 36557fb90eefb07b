/**
 * The red-team list: every way of tampering with the audit log we know of, done to a real vault
 * on disk (SQL through the database key, files swapped in the data folder), each either caught
 * by `verifyVault` with the anchors the kiosk has (the head counter beside the database, an
 * export manifest's anchor) or named in the README's list of what cannot be detected.
 *
 * Every case starts from the same log: 12 entries, an export's anchor taken at entry 8, and a
 * copy of the data folder taken then (for the rollbacks).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { reportFigures } from '../../test/support/figures';
import { openRawDatabase, type SqliteDatabase } from '../vault/db/open-database';
import { auditHeadPath } from '../vault/data-folder';
import { openVaultWithSecret } from '../vault/open-existing-vault';
import {
  databaseKeyOf,
  initTestVault,
  PASSPHRASE,
  useTempRoot,
} from '../vault/vault-test-fixtures';
import type { Vault } from '../vault';
import { appendAudit } from './append-audit';
import type { AuditRow } from './audit-store';
import { minute, sampleEvent } from './audit-test-fixtures';
import { auditHead, type AuditAnchor } from './chain-anchor';
import { entryHash } from './entry-hash';
import { formatVerifyReport, verifyVault } from './verify-vault';

const ENTRIES = 12;
const ANCHORED_AT = 8;

interface Scene {
  dataDir: string;
  /** The data folder's files as they were when the export anchor was taken. */
  olderCopy: string;
  anchor: AuditAnchor;
}

type Expectation = 'detected' | 'documented-undetectable';

interface Tampering {
  name: string;
  expect: Expectation;
  tamper(scene: Scene): void;
}

function withRawDatabase(scene: Scene, work: (db: SqliteDatabase) => void): void {
  const key = databaseKeyOf(scene.dataDir);
  const db = openRawDatabase(scene.dataDir, key);
  try {
    work(db);
  } finally {
    db.close();
    key.fill(0);
  }
}

function sql(statement: string, ...params: unknown[]): (scene: Scene) => void {
  return (scene) => {
    withRawDatabase(scene, (db) => {
      db.prepare(statement).run(...params);
    });
  };
}

function rowsOf(db: SqliteDatabase): AuditRow[] {
  return db
    .prepare<[], AuditRow>(
      'SELECT seq, at, actor, action, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq',
    )
    .all();
}

/** Stores a forged entry whose hash is computed as the kiosk would. */
function insertForged(db: SqliteDatabase, entry: Omit<AuditRow, 'hash'>): void {
  db.prepare(
    'INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.details,
    entry.prevHash,
    entryHash(entry),
  );
}

/**
 * What someone holding the database key and our source can do: change entries from `fromSeq`
 * on and recompute every hash after them, so the chain is whole again.
 */
function rewriteFrom(fromSeq: number, db: SqliteDatabase): void {
  const rows = rowsOf(db);
  const update = db.prepare(
    'UPDATE audit_log SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?',
  );
  let prevHash = rows[fromSeq - 2]?.hash ?? '0'.repeat(64);
  for (const row of rows.slice(fromSeq - 1)) {
    const details = JSON.stringify({ forged: row.seq });
    const hash = entryHash({ ...row, details, prevHash });
    update.run(details, prevHash, hash, row.seq);
    prevHash = hash;
  }
}

function rewriteCounterToMatch(scene: Scene): void {
  withRawDatabase(scene, (db) => {
    const last = rowsOf(db).at(-1);
    fs.writeFileSync(
      auditHeadPath(scene.dataDir),
      JSON.stringify({
        format: 'clinic-kiosk-audit-head/1',
        seq: last?.seq ?? 0,
        hash: last?.hash,
        at: new Date().toISOString(),
      }),
    );
  });
}

function putBackOlderCopy(scene: Scene, files: readonly string[]): void {
  for (const name of files) {
    fs.copyFileSync(path.join(scene.olderCopy, name), path.join(scene.dataDir, name));
  }
}

/** The kiosk carrying on as usual after the tampering: one more entry. */
function kioskAppendsOnce(scene: Scene): void {
  const { vault, unlock } = openVaultWithSecret(scene.dataDir, { passphrase: PASSPHRASE });
  try {
    appendAudit(vault, { actor: 'kiosk', action: 'app_restarted' }, minute(99));
  } finally {
    unlock.wipe();
    vault.close();
  }
}

const TAMPERINGS: readonly Tampering[] = [
  {
    name: 'edit a field of one entry',
    expect: 'detected',
    tamper: sql(`UPDATE audit_log SET details = '{"index":99}' WHERE seq = 5`),
  },
  {
    name: 'edit the hash of one entry',
    expect: 'detected',
    tamper: sql(`UPDATE audit_log SET hash = ? WHERE seq = 5`, 'e'.repeat(64)),
  },
  {
    name: 'delete the first entry',
    expect: 'detected',
    tamper: sql('DELETE FROM audit_log WHERE seq = 1'),
  },
  {
    name: 'delete a middle entry',
    expect: 'detected',
    tamper: sql('DELETE FROM audit_log WHERE seq = 6'),
  },
  {
    name: 'delete the last entry',
    expect: 'detected',
    tamper: sql('DELETE FROM audit_log WHERE seq = ?', ENTRIES),
  },
  {
    name: 'delete the last 5 entries',
    expect: 'detected',
    tamper: sql('DELETE FROM audit_log WHERE seq > ?', ENTRIES - 5),
  },
  {
    name: 'delete every entry after an export anchor',
    expect: 'detected',
    tamper: sql('DELETE FROM audit_log WHERE seq > ?', ANCHORED_AT),
  },
  { name: 'empty the log', expect: 'detected', tamper: sql('DELETE FROM audit_log') },
  {
    name: 'reorder two entries',
    expect: 'detected',
    tamper: (scene) => {
      withRawDatabase(scene, (db) => {
        db.transaction(() => {
          db.prepare('UPDATE audit_log SET seq = -4 WHERE seq = 4').run();
          db.prepare('UPDATE audit_log SET seq = 4 WHERE seq = 5').run();
          db.prepare('UPDATE audit_log SET seq = 5 WHERE seq = -4').run();
        })();
      });
    },
  },
  {
    name: "swap two entries' payloads",
    expect: 'detected',
    tamper: (scene) => {
      withRawDatabase(scene, (db) => {
        const [a, b] = rowsOf(db).filter((row) => row.seq === 4 || row.seq === 5);
        const set = db.prepare(
          'UPDATE audit_log SET actor = ?, action = ?, details = ? WHERE seq = ?',
        );
        if (a && b) {
          set.run(b.actor, b.action, b.details, a.seq);
          set.run(a.actor, a.action, a.details, b.seq);
        }
      });
    },
  },
  {
    name: 'insert a forged entry mid-chain',
    expect: 'detected',
    tamper: (scene) => {
      withRawDatabase(scene, (db) => {
        db.transaction(() => {
          db.prepare('UPDATE audit_log SET seq = -seq WHERE seq > 6').run();
          db.prepare('UPDATE audit_log SET seq = 1 - seq WHERE seq < 0').run();
          const before = rowsOf(db).find((row) => row.seq === 6);
          insertForged(db, {
            seq: 7,
            at: minute(6).toISOString(),
            actor: 'cli',
            action: 'unlock',
            details: '{}',
            prevHash: before?.hash ?? '',
          });
        })();
      });
    },
  },
  {
    name: 'append a forged entry with a recomputed hash',
    expect: 'detected',
    tamper: (scene) => {
      withRawDatabase(scene, (db) => {
        const last = rowsOf(db).at(-1);
        insertForged(db, {
          seq: ENTRIES + 1,
          at: minute(ENTRIES).toISOString(),
          actor: 'cli',
          action: 'export',
          details: '{}',
          prevHash: last?.hash ?? '',
        });
      });
    },
  },
  {
    name: 'rewrite the tail from the last anchor with recomputed hashes',
    expect: 'detected',
    tamper: (scene) => {
      withRawDatabase(scene, (db) => {
        rewriteFrom(ANCHORED_AT + 1, db);
      });
    },
  },
  {
    name: 'rewrite the whole log from the start with recomputed hashes',
    expect: 'detected',
    tamper: (scene) => {
      withRawDatabase(scene, (db) => {
        rewriteFrom(1, db);
      });
    },
  },
  {
    name: 'truncate, then rewrite the rest with recomputed hashes',
    expect: 'detected',
    tamper: (scene) => {
      withRawDatabase(scene, (db) => {
        db.prepare('DELETE FROM audit_log WHERE seq > 10').run();
        rewriteFrom(ANCHORED_AT + 1, db);
      });
    },
  },
  {
    name: 'rewrite with recomputed hashes, the head rolled back inside the database only',
    expect: 'detected',
    tamper: (scene) => {
      withRawDatabase(scene, (db) => {
        db.prepare('DELETE FROM audit_log WHERE seq > 10').run();
        rewriteFrom(1, db);
        // Every copy of a head the database holds: the last export time goes back too.
        db.prepare(`DELETE FROM settings`).run();
      });
    },
  },
  {
    name: 'replace the database with an older copy (rollback)',
    expect: 'detected',
    tamper: (scene) => {
      putBackOlderCopy(scene, ['kiosk.db']);
    },
  },
  {
    name: 'change the timestamp of an entry',
    expect: 'detected',
    tamper: sql(`UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 3`),
  },
  {
    name: 'change the actor of an entry',
    expect: 'detected',
    tamper: sql(`UPDATE audit_log SET actor = 'front-desk' WHERE seq = 3`),
  },
  {
    name: 'duplicate an entry',
    expect: 'detected',
    tamper: sql(
      `INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash)
       SELECT ?, at, actor, action, details, prev_hash, hash FROM audit_log WHERE seq = 3`,
      ENTRIES + 1,
    ),
  },
  {
    name: 'truncate the log to its first entry',
    expect: 'detected',
    tamper: sql('DELETE FROM audit_log WHERE seq > 1'),
  },
  {
    name: 'change the sequence numbers',
    expect: 'detected',
    tamper: sql('UPDATE audit_log SET seq = seq + 100'),
  },
  // Beyond the list of 22: what the kiosk's own keys and write access to its data folder allow.
  // Named in the README ("What verify cannot detect").
  {
    name: 'rewrite after the last anchor and rewrite the head counter to match',
    expect: 'documented-undetectable',
    tamper: (scene) => {
      withRawDatabase(scene, (db) => {
        rewriteFrom(ANCHORED_AT + 1, db);
      });
      rewriteCounterToMatch(scene);
    },
  },
  {
    name: 'put back an older copy of the database and of the head counter, no older than the last anchor',
    expect: 'documented-undetectable',
    tamper: (scene) => {
      putBackOlderCopy(scene, ['kiosk.db', 'audit-head.json']);
    },
  },
  {
    name: 'delete entries after the last anchor and the head counter, then let the kiosk write on',
    expect: 'documented-undetectable',
    tamper: (scene) => {
      sql('DELETE FROM audit_log WHERE seq > ?', ANCHORED_AT)(scene);
      fs.rmSync(auditHeadPath(scene.dataDir));
      kioskAppendsOnce(scene);
    },
  },
];

function appendEntries(vault: Vault, from: number, to: number): void {
  for (let index = from; index < to; index += 1) {
    appendAudit(vault, sampleEvent(index), minute(index));
  }
}

function buildScene(root: string, dataDir: string): Scene {
  const { vault } = initTestVault(dataDir);
  let anchor: AuditAnchor;
  try {
    appendEntries(vault, 0, ANCHORED_AT);
    anchor = auditHead(vault);
  } finally {
    vault.close();
  }
  const olderCopy = path.join(root, 'older-copy');
  fs.mkdirSync(olderCopy);
  for (const name of ['kiosk.db', 'audit-head.json']) {
    fs.copyFileSync(path.join(dataDir, name), path.join(olderCopy, name));
  }
  const reopened = openVaultWithSecret(dataDir, { passphrase: PASSPHRASE });
  try {
    appendEntries(reopened.vault, ANCHORED_AT, ENTRIES);
  } finally {
    reopened.unlock.wipe();
    reopened.vault.close();
  }
  return { dataDir, olderCopy, anchor };
}

function verifyScene(scene: Scene): { ok: boolean; text: string } {
  const { vault, unlock } = openVaultWithSecret(scene.dataDir, { passphrase: PASSPHRASE });
  try {
    const report = verifyVault(vault, [{ source: 'manifest.json', anchor: scene.anchor }]);
    return { ok: report.ok, text: formatVerifyReport(report) };
  } finally {
    unlock.wipe();
    vault.close();
  }
}

/** The README's section on what verify cannot detect, up to the next heading. */
function undetectableSection(): string {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf('### What verify cannot detect');
  expect(start, 'README.md has a "What verify cannot detect" section').toBeGreaterThan(-1);
  const end = readme.indexOf('\n#', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('tampering with a real vault’s audit log', () => {
  const temp = useTempRoot();
  let scene: Scene;
  beforeEach(() => {
    scene = buildScene(temp.root, temp.dataDir);
  });
  // For the CI log: how many of the list were tried here, and how many verify caught.
  const tally = { tried: 0, caught: 0, undetectable: 0 };
  afterAll(() => {
    reportFigures('audit tamper list', {
      'tamperings tried': tally.tried,
      'tamperings caught': tally.caught,
      'documented undetectable, checked in the README': tally.undetectable,
    });
  });

  it('starts from a log that verifies, anchors and counter included', () => {
    const result = verifyScene(scene);
    expect(result.text).toContain(`audit chain: ok (${ENTRIES} entries`);
    expect(result.text).toContain('audit head counter: ok');
    expect(result.text).toContain(`anchor manifest.json (seq ${ANCHORED_AT}): ok`);
    expect(result.ok).toBe(true);
  });

  it('lists 22 tamperings from the red-team list, and the undetectable ones beyond it', () => {
    expect(TAMPERINGS.filter((t) => t.expect === 'detected')).toHaveLength(22);
    expect(new Set(TAMPERINGS.map((t) => t.name)).size).toBe(TAMPERINGS.length);
  });

  it.each(TAMPERINGS.filter((t) => t.expect === 'detected'))('detects: $name', (tampering) => {
    tampering.tamper(scene);
    const result = verifyScene(scene);
    tally.tried += 1;
    tally.caught += result.ok ? 0 : 1;
    expect(result.ok, result.text).toBe(false);
    expect(result.text).toMatch(/BROKEN|FAILED/);
  });

  it.each(TAMPERINGS.filter((t) => t.expect === 'documented-undetectable'))(
    'cannot detect, and the README says so: $name',
    (tampering) => {
      tampering.tamper(scene);
      // What the README claims: verify passes, so the kiosk's anchors cannot show it.
      expect(verifyScene(scene).ok).toBe(true);
      expect(undetectableSection()).toContain(tampering.name);
      tally.undetectable += 1;
    },
  );
});
