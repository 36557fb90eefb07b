/**
 * Checking the chain. Rows are taken in the order given (the store returns them by seq) and
 * must be seq 1, 2, 3, ... with each entry's stored hash equal to `entryHash` of its fields and
 * each `prevHash` equal to the hash before it. The first entry that fails is named.
 *
 * What this proves, and what it cannot:
 * - It detects an entry edited, removed from the start or middle, moved, swapped with another,
 *   or inserted between two others, by anyone who did not then recompute every later hash.
 * - It cannot see entries cut off the END of the log: a log of n - k entries is a perfectly
 *   good chain. Nor can it tell a forged chain from a true one: the hash is unkeyed, so whoever
 *   holds the database key can rewrite every entry (or append forged ones) and recompute.
 * - What does catch those is an anchor outside the database: the head (seq and hash) written
 *   into something that leaves the kiosk, such as each export's manifest (the export feature
 *   records `auditHead()`), or a printed or emailed copy. `verifyAnchor` then shows the log
 *   still holds that entry unchanged, so nothing up to it was rewritten or truncated. A keyed
 *   MAC or a signature by a key the database does not hold would make forging need that key too.
 */
import type { AuditRow } from './audit-store';
import { canonicalDetails, entryHash, GENESIS_HASH, parseDetails } from './entry-hash';

export type ChainFailure = 'hash_mismatch' | 'broken_link' | 'sequence_gap' | 'bad_details';

export type ChainReport =
  | { ok: true; entries: number; head: string }
  | {
      ok: false;
      /** How many rows the log holds (all of them, not just those checked). */
      entries: number;
      /** 1-based position, in seq order, of the first bad entry. */
      position: number;
      /** That entry's seq as stored. */
      seq: number;
      reason: ChainFailure;
      message: string;
    };

export function verifyChain(rows: readonly AuditRow[]): ChainReport {
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const position = index + 1;
    const problem = checkEntry(row, position, prevHash);
    if (problem !== undefined) {
      return { ok: false, entries: rows.length, position, seq: row.seq, ...problem };
    }
    prevHash = row.hash;
  }
  return { ok: true, entries: rows.length, head: prevHash };
}

/**
 * The checks, in the order that names the most specific cause: a missing seq first (the row
 * itself may be intact), then unreadable details, then the entry's own hash (was it edited?),
 * then its link to the entry before (was something before it removed or replaced?).
 */
function checkEntry(
  row: AuditRow,
  position: number,
  prevHash: string,
): { reason: ChainFailure; message: string } | undefined {
  if (row.seq !== position) {
    return {
      reason: 'sequence_gap',
      message:
        Number.isSafeInteger(row.seq) && row.seq > position
          ? `seq ${String(row.seq)} where seq ${position} was expected: an entry is missing (sequence gap)`
          : `seq ${String(row.seq)} where seq ${position} was expected: the entries are out of order (sequence gap)`,
    };
  }
  const details = detailsProblem(row.details);
  if (details !== undefined) {
    return { reason: 'bad_details', message: details };
  }
  let computed: string;
  try {
    computed = entryHash(row);
  } catch (error) {
    return {
      reason: 'hash_mismatch',
      message: `the entry cannot be encoded, so it was edited (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  if (computed !== row.hash) {
    return { reason: 'hash_mismatch', message: 'the entry was edited (hash mismatch)' };
  }
  if (row.prevHash !== prevHash) {
    return {
      reason: 'broken_link',
      message:
        position === 1
          ? 'the first entry does not start the chain (broken link): entries before it were removed'
          : 'the entry does not follow the one before it (broken link): an entry was removed, replaced or moved',
    };
  }
  return undefined;
}

function detailsProblem(text: string): string | undefined {
  if (typeof text !== 'string') {
    return 'the details are not text (bad details)';
  }
  let canonical: string;
  try {
    canonical = canonicalDetails(parseDetails(text));
  } catch (error) {
    return `the details cannot be read (bad details): ${error instanceof Error ? error.message : String(error)}`;
  }
  if (canonical !== text) {
    // appendAudit only ever stores canonical text, and the vault stores text byte for byte.
    return 'the details are not in the canonical form they were written in, so they were rewritten (bad details)';
  }
  return undefined;
}
