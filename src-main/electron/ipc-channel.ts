/**
 * The IPC channel names shared by the preload and the main-process binding. Kept apart from
 * `ipc.ts` so the sandboxed preload bundle pulls in no main-process code.
 */
import type { RendererChannel } from '../contract';

/** Every kiosk channel travels as `kiosk:<contract name>`, e.g. `kiosk:session.start`. */
export const IPC_CHANNEL_PREFIX = 'kiosk:';

export function ipcChannelFor(name: RendererChannel): string {
  return IPC_CHANNEL_PREFIX + name;
}
