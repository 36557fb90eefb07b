import { describe, expect, it } from 'vitest';
import type { Vault } from '../index';
import {
  databaseKeyOf,
  initTestVault,
  sampleSubmission,
  useTempRoot,
} from '../vault-test-fixtures';
import { openRawDatabase } from './open-database';
import { ITERATE_BATCH } from './submissions-repository';

/** A submission at `submittedAt` whose sealed payload names it, so a row can be told apart. */
function insertAt(vault: Vault, submittedAt: string, name = submittedAt): string {
  const submission = { ...sampleSubmission({ name }), submittedAt, startedAt: submittedAt };
  vault.insertSubmission(submission);
  return submission.id;
}

describe('vault: selecting, counting, marking and purging submissions', () => {
  const temp = useTempRoot();

  function withVault(test: (vault: Vault) => void): void {
    const { vault } = initTestVault(temp.dataDir);
    try {
      test(vault);
    } finally {
      vault.close();
    }
  }

  it('lists oldest first, by instants (since inclusive, before exclusive), never exported, and ids', () => {
    withVault((vault) => {
      const late = insertAt(vault, '2025-03-02T00:00:00.000Z');
      const first = insertAt(vault, '2025-02-28T23:59:59.999Z');
      const midnight = insertAt(vault, '2025-03-01T00:00:00.000Z');
      const evening = insertAt(vault, '2025-03-01T23:59:59.999Z');
      const ids = (filter?: Parameters<Vault['listSubmissions']>[0]) =>
        vault.listSubmissions(filter).map((row) => row.id);
      const day = { since: '2025-03-01T00:00:00.000Z', before: '2025-03-02T00:00:00.000Z' };

      expect(ids()).toEqual([first, midnight, evening, late]);
      expect(ids(day)).toEqual([midnight, evening]);
      expect(ids({ since: day.since })).toEqual([midnight, evening, late]);
      expect(ids({ before: day.since })).toEqual([first]);
      expect(ids({ since: '2025-03-03T00:00:00.000Z' })).toEqual([]);
      expect(ids({ ids: [late, first] })).toEqual([first, late]);
      expect(ids({ ids: [late, first], since: day.since })).toEqual([late]);
      expect(ids({ ids: [] })).toEqual([]);
      expect(ids({ ids: ["' OR 1=1 --", 'x'] })).toEqual([]);
      vault.markExported([midnight, late], '2025-03-03T09:00:00.000Z');
      expect(ids({ notExported: true })).toEqual([first, evening]);
      expect(ids({ notExported: true, ...day })).toEqual([evening]);
      expect(ids({ notExported: false })).toEqual([first, midnight, evening, late]);
      for (const filter of [
        undefined,
        { since: day.since },
        { ids: [late, first] },
        { notExported: true },
      ]) {
        expect(vault.submissionIds(filter)).toEqual(ids(filter));
      }
    });
  });

  it('refuses bounds that are not UTC instants instead of guessing', () => {
    withVault((vault) => {
      for (const bad of [
        '2025-02-32T00:00:00.000Z',
        '2025-03-01',
        '2025-03-01T00:00:00Z',
        "' OR 1=1 --",
        '',
      ]) {
        expect(() => vault.listSubmissions({ since: bad }), bad).toThrow(RangeError);
        expect(() => [...vault.iterateSubmissions({ before: bad })], bad).toThrow(RangeError);
      }
    });
  });

  it('iterates the same rows as it lists, in batches, and leaves the connection free between rows', () => {
    withVault((vault) => {
      const count = ITERATE_BATCH * 2 + 5;
      for (let i = 0; i < count; i++) {
        insertAt(vault, new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString());
      }
      const listed = vault.listSubmissions().map((row) => row.id);
      const seen: string[] = [];
      const added: string[] = [];
      for (const row of vault.iterateSubmissions()) {
        seen.push(row.id);
        expect(row.sealed.length).toBeGreaterThan(0);
        if (seen.length === ITERATE_BATCH + 1) {
          // A kiosk storing a submission mid-export: a live `.iterate()` cursor would make this
          // throw "This database connection is busy executing a query".
          added.push(insertAt(vault, '2025-01-01T12:00:00.000Z'));
          vault.setSetting('touched', 'yes');
        }
      }
      expect(seen).toEqual(listed);
      // The set was fixed when iteration started.
      expect(seen).not.toContain(added[0]);
      expect(vault.countSubmissions()).toBe(count + 1);
    });
  });

  it('skips a row deleted while iterating', () => {
    withVault((vault) => {
      const ids = Array.from({ length: ITERATE_BATCH + 2 }, (_, i) =>
        insertAt(vault, new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString()),
      );
      const last = ids.at(-1) ?? '';
      vault.markExported([last], '2025-01-01T00:00:00.000Z');
      const seen: string[] = [];
      for (const row of vault.iterateSubmissions()) {
        seen.push(row.id);
        if (seen.length === 1) {
          expect(vault.purgeExportedBefore('2030-01-01T00:00:00.000Z')).toBe(1);
        }
      }
      expect(seen).toEqual(ids.slice(0, -1));
    });
  });

  it('counts total, today (between the given instants) and not exported', () => {
    withVault((vault) => {
      const today = { since: '2025-03-01T00:00:00.000Z', before: '2025-03-02T00:00:00.000Z' };
      expect(vault.submissionSummaryCounts(today)).toEqual({
        total: 0,
        today: 0,
        notExported: 0,
      });
      const a = insertAt(vault, '2025-02-28T23:59:59.999Z');
      insertAt(vault, '2025-03-01T00:00:00.000Z');
      insertAt(vault, '2025-03-01T23:59:59.999Z');
      insertAt(vault, '2025-03-02T00:00:00.000Z');
      vault.markExported([a], '2025-03-01T10:00:00.000Z');
      expect(vault.submissionSummaryCounts(today)).toEqual({
        total: 4,
        today: 2,
        notExported: 3,
      });
      expect(() => vault.submissionSummaryCounts({ since: 'today', before: today.before })).toThrow(
        RangeError,
      );
    });
  });

  it('marks exactly the given rows exported and remembers the latest export time', () => {
    withVault((vault) => {
      expect(vault.lastExportAt()).toBeNull();
      const a = insertAt(vault, '2025-01-01T00:00:00.000Z');
      const b = insertAt(vault, '2025-01-02T00:00:00.000Z');
      const c = insertAt(vault, '2025-01-03T00:00:00.000Z');
      vault.markExported([a, b, 'no-such-id'], '2025-02-01T00:00:00.000Z');
      const exported = () =>
        Object.fromEntries(vault.listSubmissions().map((row) => [row.id, row.exportedAt]));
      expect(exported()).toEqual({
        [a]: '2025-02-01T00:00:00.000Z',
        [b]: '2025-02-01T00:00:00.000Z',
        [c]: null,
      });
      expect(vault.lastExportAt()).toBe('2025-02-01T00:00:00.000Z');

      vault.markExported([b], '2025-03-01T00:00:00.000Z');
      expect(exported()[b]).toBe('2025-03-01T00:00:00.000Z');
      // A clock set back does not make the last export look older than it was.
      vault.markExported([c], '2025-01-15T00:00:00.000Z');
      expect(vault.lastExportAt()).toBe('2025-03-01T00:00:00.000Z');
      expect(() => {
        vault.markExported([c], 'yesterday');
      }).toThrow(RangeError);
    });
  });

  it('marks in one transaction: a failure part-way leaves every row as it was', () => {
    withVault((vault) => {
      const a = insertAt(vault, '2025-01-01T00:00:00.000Z');
      // A savepoint that throws after markExported rolls it back with the rest.
      expect(() =>
        vault.atomically(() => {
          vault.markExported([a], '2025-02-01T00:00:00.000Z');
          throw new Error('the audit append failed');
        }),
      ).toThrow('the audit append failed');
      expect(vault.listSubmissions()[0]?.exportedAt).toBeNull();
      expect(vault.lastExportAt()).toBeNull();
      expect(vault.atomically(() => 42)).toBe(42);
    });
  });

  it('marks exported in the narrow submission_exports: the wide rows and their blobs are not rewritten', () => {
    const { vault } = initTestVault(temp.dataDir);
    const [a, b, c] = ['01', '02', '03'].map((day) =>
      insertAt(vault, `2025-01-${day}T00:00:00.000Z`),
    );
    const rawRows = (): unknown[] => {
      const raw = openRawDatabase(temp.dataDir, databaseKeyOf(temp.dataDir));
      try {
        return raw.prepare('SELECT rowid, * FROM submissions ORDER BY rowid').all();
      } finally {
        raw.close();
      }
    };
    const exportRows = (): unknown[] => {
      const raw = openRawDatabase(temp.dataDir, databaseKeyOf(temp.dataDir));
      try {
        return raw
          .prepare('SELECT submission_id, exported_at FROM submission_exports ORDER BY 1')
          .all();
      } finally {
        raw.close();
      }
    };
    try {
      const before = rawRows();
      vault.markExported([a ?? '', c ?? ''], '2025-02-01T00:00:00.000Z');
      expect(rawRows()).toEqual(before);
      expect(exportRows()).toEqual(
        [a, c].sort().map((id) => ({ submission_id: id, exported_at: '2025-02-01T00:00:00.000Z' })),
      );
      // Purging a submission takes its export row with it.
      expect(vault.purgeExportedBefore('2025-01-02T00:00:00.000Z')).toBe(1);
      expect(exportRows()).toEqual([{ submission_id: c, exported_at: '2025-02-01T00:00:00.000Z' }]);
      expect(vault.submissionIds({ notExported: true })).toEqual([b]);
    } finally {
      vault.close();
    }
  });

  it('purges only exported rows submitted before the cutoff, and says how many', () => {
    withVault((vault) => {
      const oldExported = insertAt(vault, '2024-01-01T00:00:00.000Z');
      const oldNotExported = insertAt(vault, '2024-01-02T00:00:00.000Z');
      const newExported = insertAt(vault, '2025-06-01T00:00:00.000Z');
      vault.markExported([oldExported, newExported], '2025-06-02T00:00:00.000Z');

      expect(vault.purgeExportedBefore('2025-01-01T00:00:00.000Z')).toBe(1);
      expect(vault.listSubmissions().map((row) => row.id)).toEqual([oldNotExported, newExported]);
      expect(vault.purgeExportedBefore('2025-01-01T00:00:00.000Z')).toBe(0);
      // The cutoff is exclusive.
      expect(vault.purgeExportedBefore('2025-06-01T00:00:00.000Z')).toBe(0);
      expect(vault.purgeExportedBefore('2025-06-01T00:00:00.001Z')).toBe(1);
      expect(vault.lastExportAt()).toBe('2025-06-02T00:00:00.000Z');
      expect(() => vault.purgeExportedBefore('2025-06-01')).toThrow(RangeError);
      expect(vault.integrityCheck()).toBe('ok');
      expect(vault.cipherIntegrityCheck()).toBe('ok');
    });
  });
});

describe('vault: content snapshots and settings', () => {
  const temp = useTempRoot();

  it('keeps the first snapshot of a hash and reads it back', () => {
    const { vault } = initTestVault(temp.dataDir);
    try {
      expect(vault.contentSnapshot('a'.repeat(64))).toBeUndefined();
      const snapshot = {
        hash: 'a'.repeat(64),
        packId: 'general-consent',
        packVersion: '1.0.0',
        content: '{"format":"clinic-kiosk-pack/1"}',
      };
      vault.saveContentSnapshot({ ...snapshot, extra: 'ignored' } as typeof snapshot);
      vault.saveContentSnapshot({ ...snapshot, content: 'a later, different text' });
      const stored = vault.contentSnapshot(snapshot.hash);
      expect(stored).toMatchObject(snapshot);
      expect(Object.keys(stored ?? {}).sort()).toEqual([
        'content',
        'hash',
        'packId',
        'packVersion',
        'savedAt',
      ]);
      expect(Number.isNaN(Date.parse(stored?.savedAt ?? ''))).toBe(false);
    } finally {
      vault.close();
    }
  });

  it('gets, sets, replaces and deletes settings', () => {
    const { vault } = initTestVault(temp.dataDir);
    try {
      expect(vault.getSetting('retention.days')).toBeUndefined();
      vault.setSetting('retention.days', '30');
      vault.setSetting('retention.days', '90');
      vault.setSetting("'; DROP TABLE settings; --", 'x');
      expect(vault.getSetting('retention.days')).toBe('90');
      expect(vault.getSetting("'; DROP TABLE settings; --")).toBe('x');
      vault.deleteSetting('retention.days');
      vault.deleteSetting('retention.days');
      expect(vault.getSetting('retention.days')).toBeUndefined();
    } finally {
      vault.close();
    }
  });
});
