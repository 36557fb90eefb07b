import { describe, expect, it } from 'vitest';
import type { AuditRow } from './audit-store';
import { buildChain } from './audit-test-fixtures';
import { entryHash, GENESIS_HASH } from './entry-hash';
import { verifyChain, type ChainReport } from './verify-chain';

const N = 8;

/** A fresh valid log of N entries, as the store returns it. */
function chain(): AuditRow[] {
  return buildChain(N).rows;
}

/** Rows as the store would return them after a tamper: ordered by seq. */
function bySeq(rows: AuditRow[]): AuditRow[] {
  return [...rows].sort((a, b) => a.seq - b.seq);
}

/** Recomputes a row's hash, as a forger with the database key could. */
function rehash(row: AuditRow): AuditRow {
  return { ...row, hash: entryHash(row) };
}

function failure(report: ChainReport): { position: number; seq: number; reason: string } {
  if (report.ok) {
    throw new Error('expected the chain to be reported broken');
  }
  return { position: report.position, seq: report.seq, reason: report.reason };
}

function at(rows: AuditRow[], position: number): AuditRow {
  const row = rows[position - 1];
  if (row === undefined) {
    throw new Error(`no row at position ${position}`);
  }
  return row;
}

describe('verifyChain on intact logs', () => {
  it('accepts an empty log, whose head is the genesis hash', () => {
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
  });

  it('accepts a log built by appendAudit and reports its head', () => {
    const rows = chain();
    expect(verifyChain(rows)).toEqual({ ok: true, entries: N, head: at(rows, N).hash });
  });
});

describe('verifyChain on an edited entry', () => {
  it.each<[keyof AuditRow, (row: AuditRow) => Partial<AuditRow>, string]>([
    ['at', () => ({ at: '2030-01-01T00:00:00.000Z' }), 'hash_mismatch'],
    ['actor', () => ({ actor: 'staff:someone-else' }), 'hash_mismatch'],
    ['action', (row) => ({ action: row.action === 'purge' ? 'export' : 'purge' }), 'hash_mismatch'],
    ['details', (row) => ({ details: row.details.replace('"entry ', '"ENTRY ') }), 'hash_mismatch'],
    ['prevHash', () => ({ prevHash: 'f'.repeat(64) }), 'hash_mismatch'],
    ['hash', () => ({ hash: 'f'.repeat(64) }), 'hash_mismatch'],
  ])('names the entry whose %s was changed', (_field, change, reason) => {
    for (const position of [1, 4, N]) {
      const rows = chain();
      rows[position - 1] = { ...at(rows, position), ...change(at(rows, position)) };
      expect(failure(verifyChain(rows))).toEqual({ position, seq: position, reason });
    }
  });

  it('names the entry whose seq was changed, where its place is now empty', () => {
    const rows = chain();
    rows[3] = { ...at(rows, 4), seq: 99 };
    expect(failure(verifyChain(bySeq(rows)))).toEqual({
      position: 4,
      seq: 5,
      reason: 'sequence_gap',
    });
  });

  it('names an edited entry even when its hash was recomputed: the next link breaks', () => {
    const rows = chain();
    rows[3] = rehash({ ...at(rows, 4), actor: 'staff:someone-else' });
    expect(failure(verifyChain(rows))).toEqual({ position: 5, seq: 5, reason: 'broken_link' });
  });

  it('names details rewritten to the same meaning but not the canonical text', () => {
    // The hash covers what details mean, so only the canonical-form check sees these rewrites.
    const reversed = (text: string): string =>
      JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse()));
    const indented = (text: string): string => JSON.stringify(JSON.parse(text), null, 2);
    for (const rewrite of [reversed, indented]) {
      const rows = chain();
      const row = at(rows, 3);
      rows[2] = { ...row, details: rewrite(row.details) };
      expect(entryHash(at(rows, 3))).toBe(row.hash);
      expect(failure(verifyChain(rows))).toEqual({ position: 3, seq: 3, reason: 'bad_details' });
    }
  });

  it.each([
    ['not JSON', '{"index":'],
    ['empty', ''],
    ['an array', '[]'],
    ['a number', '5'],
    ['JSON whose number overflows', '{"n":1e999}'],
  ])('names an entry whose details are %s', (_what, details) => {
    const rows = chain();
    rows[5] = { ...at(rows, 6), details };
    expect(failure(verifyChain(rows))).toEqual({ position: 6, seq: 6, reason: 'bad_details' });
  });
});

describe('verifyChain on removed entries', () => {
  it('names the first entry when the first was deleted', () => {
    const rows = chain().slice(1);
    expect(failure(verifyChain(rows))).toEqual({ position: 1, seq: 2, reason: 'sequence_gap' });
  });

  it('names the entry after the gap when a middle one was deleted', () => {
    const rows = chain();
    rows.splice(4, 1);
    expect(failure(verifyChain(rows))).toEqual({ position: 5, seq: 6, reason: 'sequence_gap' });
  });

  it('still names it when later seqs were renumbered to close the gap', () => {
    const rows = chain();
    rows.splice(4, 1);
    const renumbered = rows.map((row, index) => ({ ...row, seq: index + 1 }));
    expect(failure(verifyChain(renumbered))).toEqual({
      position: 5,
      seq: 5,
      reason: 'hash_mismatch',
    });
  });

  it('still names it when the renumbered entry was rehashed: its link is broken', () => {
    const rows = chain();
    rows.splice(4, 1);
    const renumbered = rows.map((row, index) => rehash({ ...row, seq: index + 1 }));
    expect(failure(verifyChain(renumbered))).toEqual({
      position: 5,
      seq: 5,
      reason: 'broken_link',
    });
  });

  it('names the first entry when the log was cut from the front and restarted', () => {
    const rows = chain().slice(2);
    const restarted = rows.map((row, index) => rehash({ ...row, seq: index + 1 }));
    expect(failure(verifyChain(restarted))).toEqual({
      position: 1,
      seq: 1,
      reason: 'broken_link',
    });
  });

  it('cannot see entries cut off the end (the documented limit; anchors catch it)', () => {
    const rows = chain().slice(0, N - 2);
    expect(verifyChain(rows)).toEqual({ ok: true, entries: N - 2, head: at(rows, N - 2).hash });
  });
});

describe('verifyChain on moved entries', () => {
  it('names the first of two entries whose contents were swapped, seqs kept', () => {
    for (const [i, j] of [
      [2, 6],
      [3, 4],
      [1, N],
    ] as const) {
      const rows = chain();
      const a = at(rows, i);
      const b = at(rows, j);
      rows[i - 1] = { ...b, seq: a.seq };
      rows[j - 1] = { ...a, seq: b.seq };
      expect(failure(verifyChain(rows))).toEqual({ position: i, seq: i, reason: 'hash_mismatch' });
    }
  });

  it('names the first entry out of place when rows are handed over out of order', () => {
    const rows = chain();
    const [moved] = rows.splice(2, 1);
    rows.push(moved as AuditRow);
    expect(failure(verifyChain(rows))).toEqual({ position: 3, seq: 4, reason: 'sequence_gap' });
    expect(failure(verifyChain(chain().reverse()))).toMatchObject({ position: 1, seq: N });
  });

  it('names the first entry out of place when an entry was moved and seqs renumbered', () => {
    const rows = chain();
    const [moved] = rows.splice(2, 1);
    rows.push(moved as AuditRow);
    const renumbered = rows.map((row, index) => ({ ...row, seq: index + 1 }));
    expect(failure(verifyChain(renumbered))).toEqual({
      position: 3,
      seq: 3,
      reason: 'hash_mismatch',
    });
  });
});

describe('verifyChain on an inserted forged entry', () => {
  function forged(rows: AuditRow[], position: number, hash?: string): AuditRow {
    const entry = {
      seq: position,
      at: '2025-01-02T09:03:30.000Z',
      actor: 'staff:forger',
      action: 'settings_changed',
      details: '{}',
      prevHash: at(rows, position - 1).hash,
    };
    return { ...entry, hash: hash ?? entryHash(entry) };
  }

  /** Inserts `row` at `position`, moving later rows one seq up, as the table would need. */
  function insert(rows: AuditRow[], position: number, row: AuditRow): AuditRow[] {
    const shifted = rows.map((r) => (r.seq >= position ? { ...r, seq: r.seq + 1 } : r));
    return bySeq([...shifted, row]);
  }

  it('names a forged entry with a made-up hash', () => {
    const rows = chain();
    const tampered = insert(rows, 4, forged(rows, 4, 'a'.repeat(64)));
    expect(failure(verifyChain(tampered))).toEqual({
      position: 4,
      seq: 4,
      reason: 'hash_mismatch',
    });
  });

  it('names the entry after a forged one whose hash and link were computed correctly', () => {
    const rows = chain();
    const tampered = insert(rows, 4, forged(rows, 4));
    expect(failure(verifyChain(tampered))).toEqual({
      position: 5,
      seq: 5,
      reason: 'hash_mismatch',
    });
  });

  it('names the entry after it even when that entry was rehashed for its new seq', () => {
    const rows = chain();
    const tampered = insert(rows, 4, forged(rows, 4)).map((row) =>
      row.seq === 5 ? rehash(row) : row,
    );
    expect(failure(verifyChain(tampered))).toEqual({ position: 5, seq: 5, reason: 'broken_link' });
  });

  it('cannot tell a forged entry appended at the end with a correct hash (the documented limit)', () => {
    const rows = chain();
    const entry = { ...forged(rows, N), seq: N + 1, prevHash: at(rows, N).hash };
    expect(verifyChain([...rows, rehash(entry)]).ok).toBe(true);
  });
});

describe('verifyChain and the genesis link', () => {
  it('names a first entry that does not link to the genesis hash', () => {
    const rows = chain();
    rows[0] = rehash({ ...at(rows, 1), prevHash: '1'.repeat(64) });
    expect(failure(verifyChain(rows))).toEqual({ position: 1, seq: 1, reason: 'broken_link' });
  });

  it('reports how many entries the log holds, not how many were checked', () => {
    const rows = chain();
    rows[1] = { ...at(rows, 2), hash: '0'.repeat(64) };
    expect(verifyChain(rows)).toMatchObject({ ok: false, entries: N, position: 2 });
  });
});
