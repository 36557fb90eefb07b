/**
 * Reading the log for an administrator: the entries that match a filter (action, actor, a range
 * of UTC days), newest first. The log is read as stored; `kiosk verify` is what proves it.
 */
import type { AuditRow } from './audit-store';

export interface AuditLogFilter {
  action?: string | undefined;
  /** The actor as stored: `staff:<uuid>`, `kiosk`, `front-desk`, `cli`, `recovery-key`… */
  actor?: string | undefined;
  /** UTC calendar days, `YYYY-MM-DD`, both included, compared on the entry's time. */
  from?: string | undefined;
  to?: string | undefined;
}

export function queryAuditLog(rows: readonly AuditRow[], filter: AuditLogFilter): AuditRow[] {
  return rows
    .filter(
      (row) =>
        (filter.action === undefined || row.action === filter.action) &&
        (filter.actor === undefined || row.actor === filter.actor) &&
        (filter.from === undefined || row.at.slice(0, 10) >= filter.from) &&
        (filter.to === undefined || row.at.slice(0, 10) <= filter.to),
    )
    .sort((a, b) => b.seq - a.seq);
}

/** What a log entry of a read or export records about the filter that chose it. */
export function describeFilter(filter: AuditLogFilter): Record<string, string | null> {
  return {
    action: filter.action ?? null,
    actor: filter.actor ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
  };
}
