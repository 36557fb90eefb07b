/**
 * Anchors: the log's head copied somewhere the database cannot reach (an export's manifest, a
 * printout). The chain alone cannot show that its newest entries were cut off or that the whole
 * log was recomputed by someone holding the database key; an anchor taken earlier can.
 */
import type { AuditHeadCounter, AuditRow, AuditStore } from './audit-store';
import { GENESIS_HASH } from './entry-hash';
import { verifyChain } from './verify-chain';

/** The log's newest entry at some moment: seq 0 and `GENESIS_HASH` for an empty log. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/** The head to record in an export manifest. */
export function auditHead(store: Pick<AuditStore, 'lastAuditRow'>): AuditAnchor {
  const last = store.lastAuditRow();
  return last === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: last.seq, hash: last.hash };
}

export type AnchorReport = { ok: true } | { ok: false; message: string };

/**
 * Whether the log still holds, unchanged, the entry an anchor recorded. With an intact chain that
 * means every entry up to it is the one that was there when the anchor was taken. Entries after
 * the anchor are only as good as the chain (see `verifyChain`).
 */
export function verifyAnchor(rows: readonly AuditRow[], anchor: AuditAnchor): AnchorReport {
  const chain = verifyChain(rows);
  if (!chain.ok) {
    return {
      ok: false,
      message: `the chain is broken at entry ${chain.position}, so no anchor holds`,
    };
  }
  if (anchor.seq === 0) {
    return anchor.hash === GENESIS_HASH
      ? { ok: true }
      : {
          ok: false,
          message: 'the anchor is for an empty log but its hash is not the genesis hash',
        };
  }
  const row = rows[anchor.seq - 1];
  if (row === undefined) {
    return {
      ok: false,
      message: `the log ends at seq ${rows.length} but the anchor recorded seq ${anchor.seq}: entries were cut off the end`,
    };
  }
  if (row.hash !== anchor.hash) {
    return {
      ok: false,
      message: `entry ${anchor.seq} is not the one the anchor recorded: the log was rewritten up to it`,
    };
  }
  return { ok: true };
}

/**
 * The head counter kept beside the database (`audit-head.json`): an anchor the kiosk moves on
 * after every entry. Besides holding as an anchor does, the log must not run past it: entries
 * after the counter were written by something that did not move it (SQL with the database key),
 * or the kiosk stopped between committing an entry and writing the counter (rare; the next entry
 * the kiosk writes moves it on).
 */
export function verifyHeadCounter(
  rows: readonly AuditRow[],
  counter: AuditHeadCounter,
): AnchorReport {
  switch (counter.state) {
    case 'missing':
      return {
        ok: false,
        message:
          'there is no head counter (audit-head.json): it was deleted, or the vault was made before head counters (the next audit entry writes one)',
      };
    case 'unreadable':
      return { ok: false, message: counter.message };
    case 'present': {
      const held = verifyAnchor(rows, counter);
      if (!held.ok || rows.length <= counter.seq) {
        return held;
      }
      const extra = rows.length - counter.seq;
      return {
        ok: false,
        message: `${extra === 1 ? '1 entry' : `${extra} entries`} after seq ${counter.seq} ${extra === 1 ? 'is' : 'are'} not vouched for by the head counter: written without the kiosk, or the kiosk stopped between storing an entry and counting it`,
      };
    }
    default:
      return counter satisfies never;
  }
}
