/**
 * The audit log for an administrator: read in the console with a filter, or exported as CSV to a
 * folder staff choose. Reading the log is itself audited, after the read, so the entry never
 * shows in the page it describes.
 */
import type { ApiContext } from './api-context';
import {
  AUDIT_LOG_PAGE,
  type AuditLogEntry,
  type ChannelHandlers,
  type StaffMember,
} from '../contract';
import {
  AUDIT_ACTIONS,
  describeFilter,
  isAuditAction,
  queryAuditLog,
  type AuditLogFilter,
} from '../audit';
import { ExportError, writeAuditLogCsv } from '../export';
import { KioskFailure } from '../failure';
import { actorOf } from '../staff';
import { listStaff } from '../vault';
import { assertDateRange } from './date-range';
import { chooseFolder, exportFailureOf } from './export-channels';

type AuditLogChannel = 'admin.auditLog' | 'admin.exportAuditLog';

const STAFF_ACTOR = /^staff:(.+)$/;

function checkedFilter(input: AuditLogFilter): AuditLogFilter {
  assertDateRange(input.from, input.to);
  if (input.action !== undefined && !isAuditAction(input.action)) {
    throw new KioskFailure('INVALID_INPUT', `"${input.action}" is not an audit action.`);
  }
  return input;
}

function namesOf(roster: readonly StaffMember[]): (actor: string) => string | null {
  const byId = new Map(roster.map((member) => [member.staffId, member.name]));
  return (actor) => {
    const id = STAFF_ACTOR.exec(actor)?.[1];
    return id === undefined ? null : (byId.get(id) ?? null);
  };
}

export function auditLogChannels(ctx: ApiContext): ChannelHandlers<AuditLogChannel> {
  return {
    'admin.auditLog': (input) => {
      const unlock = ctx.staff.require();
      const filter = checkedFilter(input);
      const rows = ctx.openVault().auditRows();
      const nameOf = namesOf(listStaff(ctx.dataDir));
      const matching = queryAuditLog(rows, filter, ctx.clinic.timeZone);
      const entries: AuditLogEntry[] = matching.slice(0, AUDIT_LOG_PAGE).map((row) => ({
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        actorName: nameOf(row.actor),
        action: row.action,
        details: row.details,
      }));
      const actors = [...new Set(rows.map((row) => row.actor))]
        .sort()
        .map((actor) => ({ actor, name: nameOf(actor) }));
      ctx.audit({
        actor: actorOf(unlock),
        action: 'audit_log_viewed',
        details: { ...describeFilter(filter), matching: matching.length },
      });
      return { entries, matching: matching.length, actions: [...AUDIT_ACTIONS], actors };
    },
    'admin.exportAuditLog': async (input) => {
      const unlock = ctx.staff.require();
      const filter = checkedFilter(input);
      const folder = await chooseFolder(ctx);
      const vault = ctx.openVault();
      const rows = queryAuditLog(vault.auditRows(), filter, ctx.clinic.timeZone);
      let written;
      try {
        written = await writeAuditLogCsv({
          rows,
          nameOf: namesOf(listStaff(ctx.dataDir)),
          folder,
          now: ctx.now(),
          timeZone: ctx.clinic.timeZone,
        });
      } catch (error) {
        if (error instanceof ExportError) {
          throw exportFailureOf(error, folder, 'admin.exportAuditLog');
        }
        throw error;
      }
      ctx.audit({
        actor: actorOf(unlock),
        action: 'audit_log_exported',
        details: {
          ...describeFilter(filter),
          entries: written.entries,
          folder: written.folderName,
        },
      });
      return written;
    },
  };
}
