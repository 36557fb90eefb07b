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
      const folder = await chooseFolder(ctx);
      try {
        return await runExport({
          vault: ctx.openVault(),
          unlock,
          clinic: ctx.clinic,
          readingWordsPerMinute: ctx.options.readingWordsPerMinute,
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
          throw exportFailureOf(error, folder, 'export.run');
        }
        throw error;
      }
    },
  };
}

/**
 * An export's failure as the renderer may see it: never a path. The chosen folder is named only
 * in the log (and a CLI user's terminal); the renderer words the reason itself.
 */
export function exportFailureOf(error: ExportError, folder: string, channel: string): KioskFailure {
  const unplaced = error.message.split(folder).join('<chosen folder>');
  if (unplaced !== error.message) {
    console.error(`${channel}: ${error.message}`);
  }
  return new KioskFailure(
    error.code,
    unplaced,
    error.reason === undefined ? {} : { exportFailure: error.reason },
  );
}

/** The folder staff chose with the transport's picker, or EXPORT_CANCELLED. */
export async function chooseFolder(ctx: ApiContext): Promise<string> {
  const folder = await ctx.options.chooseExportFolder();
  if (folder === undefined) {
    throw new KioskFailure('EXPORT_CANCELLED', 'No folder was chosen; nothing was exported.');
  }
  return folder;
}
