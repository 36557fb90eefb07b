/**
 * Electron IPC as a transport for the API table: one `ipcMain.handle` per renderer channel.
 * Main trusts only the top frame of the kiosk window showing the kiosk page; the payload is
 * validated by the API table's `dispatch` (src-main/api/), never here.
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { TransportTarget } from '../api';
import { RENDERER_CHANNELS, type Result } from '../contract';
import { ipcChannelFor } from './ipc-channel';
import { isAppUrl } from './window';

/** The renderer main may trust: its web contents, and the URL its page must have. */
export interface TrustedRenderer {
  readonly webContents: WebContents;
  readonly appUrl: string;
}

/**
 * A call from any other frame is answered `UNKNOWN_CHANNEL`: to a page that is not the kiosk,
 * no channel exists. `INVALID_INPUT` would wrongly suggest a different payload could succeed,
 * and `INTERNAL` would report a fault where the guard worked as meant.
 */
const FOREIGN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'UNKNOWN_CHANNEL', message: 'This page may not call the kiosk.' },
};

const INTERNAL_ERROR: Result<never> = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message: 'Something went wrong in the kiosk. Please ask a member of staff.',
  },
};

/**
 * Whether an IPC call comes from the kiosk page itself: our web contents, its top frame (not an
 * iframe), and that frame still showing the app URL (not a page it was navigated to).
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  trusted: TrustedRenderer,
): boolean {
  try {
    const frame = event.senderFrame;
    return (
      !trusted.webContents.isDestroyed() &&
      event.sender.id === trusted.webContents.id &&
      frame !== null &&
      frame.parent === null &&
      isAppUrl(frame.url, trusted.appUrl)
    );
  } catch {
    // A frame disposed mid-call throws on access: it is not a sender we can vouch for.
    return false;
  }
}

/** Registers every renderer channel; returns the function that removes them all. */
export function registerIpc(target: TransportTarget, trusted: TrustedRenderer): () => void {
  const registered: string[] = [];
  for (const name of RENDERER_CHANNELS) {
    const channel = ipcChannelFor(name);
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, trusted)) {
        console.warn(`registerIpc: refused ${name} from a frame that is not the kiosk page`);
        return FOREIGN_SENDER;
      }
      try {
        return await target.dispatch(name, payload);
      } catch (error) {
        console.error(`registerIpc: ${name} threw: ${describeError(error)}`);
        return INTERNAL_ERROR;
      }
    });
    registered.push(channel);
  }
  return () => {
    for (const channel of registered.splice(0)) {
      ipcMain.removeHandler(channel);
    }
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
