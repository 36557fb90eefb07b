/**
 * A property-style check: many random logs, one random tamper each, and the verifier must call
 * every one broken and name the position where the tamper first shows. Seeded, so a failure
 * names the case that reproduces it.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from './audit-event';
import type { AuditRow } from './audit-store';
import { buildChain, seededRandom } from './audit-test-fixtures';
import { entryHash } from './entry-hash';
import { verifyChain } from './verify-chain';

type Random = ReturnType<typeof seededRandom>;

/** A tamper applied to a log, and the 1-based position where it must be detected. */
interface Tampered {
  what: string;
  rows: AuditRow[];
  position: number;
}

const EDITABLE = ['at', 'actor', 'action', 'details', 'prevHash', 'hash'] as const;

function editField(rows: AuditRow[], random: Random): Tampered {
  const position = 1 + random.int(rows.length);
  const row = rows[position - 1] as AuditRow;
  const field = random.pick(EDITABLE);
  const changed: AuditRow = { ...row };
  switch (field) {
    case 'at':
      changed.at = new Date(Date.parse(row.at) + 1 + random.int(1e9)).toISOString();
      break;
    case 'actor':
      changed.actor = `${row.actor}${String(random.int(10))}`;
      break;
    case 'action':
      changed.action = random.pick(AUDIT_ACTIONS.filter((action) => action !== row.action));
      break;
    case 'details':
      changed.details = JSON.stringify({ ...(JSON.parse(row.details) as object), index: -1 });
      break;
    case 'prevHash':
    case 'hash':
      changed[field] = flipHexDigit(row[field], random);
      break;
  }
  const tampered = [...rows];
  tampered[position - 1] = changed;
  return { what: `edit ${field} at ${position}`, rows: tampered, position };
}

function flipHexDigit(hex: string, random: Random): string {
  const index = random.int(hex.length);
  const digit = (parseInt(hex.charAt(index), 16) + 1 + random.int(15)) % 16;
  return `${hex.slice(0, index)}${digit.toString(16)}${hex.slice(index + 1)}`;
}

/** Removes any entry but the last (cutting the end is the documented blind spot). */
function remove(rows: AuditRow[], random: Random): Tampered {
  const position = 1 + random.int(rows.length - 1);
  const tampered = rows.filter((_, index) => index !== position - 1);
  return { what: `remove ${position}`, rows: tampered, position };
}

/** Exchanges two entries' contents, keeping each seq where it was. */
function swap(rows: AuditRow[], random: Random): Tampered {
  const i = 1 + random.int(rows.length - 1);
  const j = i + 1 + random.int(rows.length - i);
  const tampered = [...rows];
  const a = rows[i - 1] as AuditRow;
  const b = rows[j - 1] as AuditRow;
  tampered[i - 1] = { ...b, seq: a.seq };
  tampered[j - 1] = { ...a, seq: b.seq };
  return { what: `swap ${i} and ${j}`, rows: tampered, position: i };
}

/** Moves one entry elsewhere and renumbers, as a rewrite of the table's seqs would. */
function move(rows: AuditRow[], random: Random): Tampered {
  const from = random.int(rows.length);
  let to = random.int(rows.length - 1);
  if (to >= from) {
    to += 1;
  }
  const tampered = [...rows];
  const [row] = tampered.splice(from, 1);
  tampered.splice(to, 0, row as AuditRow);
  const renumbered = tampered.map((r, index) => ({ ...r, seq: index + 1 }));
  return {
    what: `move ${from + 1} to ${to + 1}`,
    rows: renumbered,
    position: Math.min(from, to) + 1,
  };
}

/** Inserts a self-consistent forged entry before the last: the entry after it breaks. */
function insertForged(rows: AuditRow[], random: Random): Tampered {
  const position = 1 + random.int(rows.length);
  const prevHash = position === 1 ? '0'.repeat(64) : (rows[position - 2] as AuditRow).hash;
  const entry = {
    seq: position,
    at: '2025-06-01T00:00:00.000Z',
    actor: 'staff:forger',
    action: 'purge',
    details: '{}',
    prevHash,
  };
  const honest = random.int(2) === 0;
  const forged = {
    ...entry,
    hash: honest ? entryHash(entry) : flipHexDigit(entryHash(entry), random),
  };
  const tampered = [...rows.slice(0, position - 1), forged, ...rows.slice(position - 1)].map(
    (row, index) => ({ ...row, seq: index + 1 }),
  );
  return {
    what: `insert ${honest ? 'well-formed' : 'made-up'} forged entry at ${position}`,
    rows: tampered,
    position: honest ? position + 1 : position,
  };
}

function breakDetails(rows: AuditRow[], random: Random): Tampered {
  const position = 1 + random.int(rows.length);
  const tampered = [...rows];
  const row = rows[position - 1] as AuditRow;
  tampered[position - 1] = {
    ...row,
    details: row.details.slice(0, random.int(row.details.length)),
  };
  return { what: `truncate details at ${position}`, rows: tampered, position };
}

const TAMPERS = [editField, remove, swap, move, insertForged, breakDetails];

describe('verifyChain on random logs with one random tamper', () => {
  it('reports every tamper, at the position it first shows', () => {
    const cases = 400;
    for (let seed = 1; seed <= cases; seed += 1) {
      const random = seededRandom(seed);
      const { rows } = buildChain(2 + random.int(19));
      expect(verifyChain(rows).ok, `seed ${seed}: the untouched log`).toBe(true);
      const tamper = random.pick(TAMPERS);
      const tampered = tamper(rows, random);
      const report = verifyChain(tampered.rows);
      expect(report, `seed ${seed}: ${tampered.what} of ${rows.length}`).toMatchObject({
        ok: false,
        position: tampered.position,
      });
    }
  });
});
