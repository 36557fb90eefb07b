/**
 * The environment variables a developer sets to run the kiosk from a checkout: where the data
 * lives (`KIOSK_DATA_DIR`), which SQLite addon main loads (`KIOSK_SQLITE_BINDING`, the copy
 * `npm start` builds for Electron's ABI), which page the window loads (`ELECTRON_RENDERER_URL`,
 * electron-vite's dev server) and whether the window is a kiosk (`KIOSK_DEV=1`).
 *
 * A packaged app reads none of them, here in one place: at a clinic, whoever can set a variable
 * for the kiosk's process must not be able to load native code into main, point the vault at
 * another folder, load the renderer from a server or leave kiosk mode. The addon a packaged app
 * loads is the one electron-builder rebuilt into it, fixed when it was packaged; its data folder
 * is under Electron's userData. (The fuses already turn off NODE_OPTIONS and --inspect.)
 */
export interface DevelopmentOverrides {
  dataDir?: string;
  sqliteBinding?: string;
  rendererUrl?: string;
  development: boolean;
}

/** Names of the variables `developmentOverrides` reads, for documentation and tests. */
export const OVERRIDE_VARIABLES = [
  'KIOSK_DATA_DIR',
  'KIOSK_SQLITE_BINDING',
  'ELECTRON_RENDERER_URL',
  'KIOSK_DEV',
] as const;

export function developmentOverrides(options: {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
}): DevelopmentOverrides {
  if (options.isPackaged) {
    return { development: false };
  }
  const { env } = options;
  const dataDir = env.KIOSK_DATA_DIR;
  const sqliteBinding = env.KIOSK_SQLITE_BINDING;
  const rendererUrl = env.ELECTRON_RENDERER_URL;
  // An empty variable counts as unset.
  return {
    development: env.KIOSK_DEV === '1',
    ...(dataDir ? { dataDir } : {}),
    ...(sqliteBinding ? { sqliteBinding } : {}),
    ...(rendererUrl ? { rendererUrl } : {}),
  };
}
