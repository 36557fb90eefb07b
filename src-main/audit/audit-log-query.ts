/**
 * Reading the log for an administrator: the entries that match a filter (action, actor, a range
 * of the clinic's days), newest first. The log is read as stored; `kiosk verify` is what proves it.
 */
import { localDay } from '../../src-shared/clinic-time';
import type { AuditRow } from './audit-store';

export interface AuditLogFilter {
  action?: string | undefined;
  /** The actor as stored: `staff:<uuid>`, `kiosk`, `front-desk`, `cli`, `recovery-key`… */
  actor?: string | undefined;
  /** The clinic's calendar days, `YYYY-MM-DD`, both included, compared on the entry's time. */
  from?: string | undefined;
  to?: string | undefined;
}

/** `timeZone`: the clinic's (its profile), whose days `from` and `to` name. */
export function queryAuditLog(
  rows: readonly AuditRow[],
  filter: AuditLogFilter,
  timeZone: string,
): AuditRow[] {
  return rows
    .filter((row) => {
      const day = localDay(row.at, timeZone);
      return (
        (filter.action === undefined || row.action === filter.action) &&
        (filter.actor === undefined || row.actor === filter.actor) &&
        (filter.from === undefined || day >= filter.from) &&
        (filter.to === undefined || day <= filter.to)
      );
    })
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
