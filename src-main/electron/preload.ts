/**
 * The sandboxed preload: gives the page `window.kiosk`, one method per renderer channel grouped
 * by domain (`kiosk.session.start(input)`), built from the contract so it cannot drift from
 * main. Nothing generic crosses the bridge: no raw invoke, no `ipcRenderer`, no events.
 * https://www.electronjs.org/docs/latest/tutorial/context-isolation
 *
 * Bundled as CommonJS with its imports inlined (electron.vite.config.ts): a sandboxed preload
 * can `require` only `electron` and a few Node built-ins.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { RENDERER_CHANNELS, splitChannel, type KioskApi, type RendererChannel } from '../contract';
import { ipcChannelFor } from './ipc-channel';

type Invoke = (channel: string, input: unknown) => Promise<unknown>;

export function buildKioskApi(names: readonly RendererChannel[], invoke: Invoke): KioskApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const name of names) {
    const [namespace, method] = splitChannel(name);
    const channel = ipcChannelFor(name);
    // Only the input crosses; `undefined` becomes `{}` as in the preview bridge, so a
    // no-argument call behaves the same on both transports.
    (api[namespace] ??= {})[method] = (input: unknown) =>
      invoke(channel, input === undefined ? {} : input);
  }
  for (const group of Object.values(api)) {
    Object.freeze(group);
  }
  // The shape is `KioskApi` by construction: one method per renderer channel, by namespace.
  return Object.freeze(api) as unknown as KioskApi;
}

contextBridge.exposeInMainWorld(
  'kiosk',
  buildKioskApi(RENDERER_CHANNELS, (channel, input) => ipcRenderer.invoke(channel, input)),
);
