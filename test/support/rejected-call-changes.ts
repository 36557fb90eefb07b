/**
 * What a rejected API call may leave in the database: only what the code documents that a
 * failure records. Anything else a refused call writes, changes or deletes is a bug.
 *
 * - Audit entries (appended, never changing an earlier one) whose action records a failure:
 *   `unlock_failed` (api/vault-channels.ts, api/admin-channels.ts; whether each failure is one
 *   entry or several are coalesced, and whether the entry is held until later, is the auditing
 *   code's choice), `pin_failed` and `pin_disabled` (api/front-desk-channels.ts), a failed
 *   export's `export` entries with outcome `started` or `failed` (export/run-export.ts), and a
 *   failed print's `copy_print_requested` and `copy_print_failed` (print/print-copy.ts).
 * - The front-desk PIN's failure count, its time and the lockout flag, kept in the settings so a
 *   restart does not reset them (staff/front-desk-pin.ts), and the record of an export that
 *   failed part-way (export/unfinished-exports.ts).
 */
import type { RowChange } from './db-fingerprint';

export const FAILURE_AUDIT_ACTIONS: readonly string[] = [
  'unlock_failed',
  'pin_failed',
  'pin_disabled',
  'export',
  'copy_print_requested',
  'copy_print_failed',
];

/** Outcomes of an `export` entry that a failed export writes (a success writes `completed`). */
const FAILED_EXPORT_OUTCOMES: readonly string[] = ['started', 'failed'];

export const FAILURE_SETTINGS: readonly string[] = [
  'frontdesk.pin.failures',
  'frontdesk.pin.lastFailureAt',
  'frontdesk.pin.disabled',
  'export.unfinished',
];

function isFailureAudit(row: Record<string, unknown> | undefined): boolean {
  const action = row?.action;
  if (typeof action !== 'string' || !FAILURE_AUDIT_ACTIONS.includes(action)) {
    return false;
  }
  if (action !== 'export') {
    return true;
  }
  const details = (typeof row?.details === 'string' ? JSON.parse(row.details) : {}) as {
    outcome?: unknown;
  };
  return typeof details.outcome === 'string' && FAILED_EXPORT_OUTCOMES.includes(details.outcome);
}

/** Whether `change` is one a rejected call may make (see above). */
export function failureMayChange(change: RowChange): boolean {
  if (change.table === 'audit_log') {
    return change.kind === 'added' && isFailureAudit(change.row);
  }
  if (change.table === 'settings') {
    return change.key !== undefined && FAILURE_SETTINGS.includes(change.key);
  }
  return false;
}
