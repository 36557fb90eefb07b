/**
 * Exports of client records to a folder staff choose, for an unlocked administrator only. The
 * transport picks the folder (Electron: the system dialog; the CLI: --out); the export code
 * writes, marks and audits it.
 */
import type { ApiContext } from './api-context';
import type { ChannelHandlers } from '../contract';
import { ExportError, runExport } from '../export';
import { KioskFailure } from '../failure';
import { actorOf } from '../staff/staff-session';
import { assertDateRange } from './date-range';

type ExportChannel = Extract<keyof ChannelHandlers, `export.${string}`>;

export function exportChannels(ctx: ApiContext): ChannelHandlers<ExportChannel> {
  return {
    'export.run': async (request) => {
      const unlock = ctx.staff.require();
      assertDateRange(request.from, request.to);
      const folder = await ctx.options.chooseExportFolder();
      if (folder === undefined) {
        throw new KioskFailure('EXPORT_CANCELLED', 'No folder was chosen; nothing was exported.');
      }
      try {
        return await runExport({
          vault: ctx.openVault(),
          unlock,
          clinic: ctx.clinic,
          request: {
            format: request.format,
            ...(request.submissionIds ? { submissionIds: request.submissionIds } : {}),
            ...(request.from ? { from: request.from } : {}),
            ...(request.to ? { to: request.to } : {}),
            ...(request.onlyNew === true ? { onlyNew: true } : {}),
            ...(request.encrypted === true ? { encrypted: true } : {}),
          },
          folder,
          actor: actorOf(unlock),
          now: ctx.now(),
        });
      } catch (error) {
        if (error instanceof ExportError) {
          // The renderer never sees a path: the chosen folder is named only in the log (and a
          // CLI user's terminal). The renderer words the reason itself.
          const unplaced = error.message.split(folder).join('<chosen folder>');
          if (unplaced !== error.message) {
            console.error(`export.run: ${error.message}`);
          }
          throw new KioskFailure(
            error.code,
            unplaced,
            error.reason === undefined ? {} : { exportFailure: error.reason },
          );
        }
        throw error;
      }
    },
  };
}
