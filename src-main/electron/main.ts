/**
 * The Electron entry (built to out/main/index.js). Wires the parts together and nothing more:
 * one instance, the data and resources folders, the keychain, the kiosk app, IPC, the window.
 */
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { openKioskApp, type KioskApp } from '../kiosk-app';
import { ensureSodium, setSqliteNativeBinding } from '../vault';
import { registerIpc } from './ipc';
import { createKeychainWrapper } from './keychain';
import { createKioskWindow, rendererTarget } from './window';

/** Where the kiosk keeps its vault: `KIOSK_DATA_DIR` (tests, staff scripts) or the app's own. */
export function dataDirFor(env: NodeJS.ProcessEnv, userDataDir: string): string {
  return env.KIOSK_DATA_DIR || join(userDataDir, 'data');
}

/** Content packs and the clinic profile: the repo's folder in development, a copy when packaged. */
export function resourcesDirFor(options: {
  isPackaged: boolean;
  appPath: string;
  resourcesPath: string;
}): string {
  return options.isPackaged
    ? join(options.resourcesPath, 'resources')
    : join(options.appPath, 'resources');
}

export function startMain(): void {
  // A second kiosk process would open the same vault: hand over to the first and leave.
  if (!app.requestSingleInstanceLock()) {
    console.info('startMain: the kiosk is already running; focusing it and quitting.');
    app.quit();
    return;
  }
  // Every renderer sandboxed, whatever a window's own options say.
  app.enableSandbox();

  let window: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) {
        window.restore();
      }
      window.focus();
    }
  });

  app
    .whenReady()
    // libsodium initialises asynchronously; the vault's sealing needs it before anything opens.
    .then(ensureSodium)
    .then(() => {
      window = openKiosk();
    })
    .catch((error: unknown) => {
      failToStart(error);
    });
}

function openKiosk(): BrowserWindow {
  const dataDir = dataDirFor(process.env, app.getPath('userData'));
  const resourcesDir = resourcesDirFor({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });
  // `npm start` passes a copy of the SQLite addon built for Electron's ABI (the one in
  // node_modules is built for Node, for the tests); a packaged app has its own, rebuilt copy.
  const sqliteBinding = process.env.KIOSK_SQLITE_BINDING;
  if (sqliteBinding) {
    setSqliteNativeBinding(sqliteBinding);
  }
  // Only after `ready`: before it, Linux reports every keychain backend as `unknown`.
  const keychain = createKeychainWrapper();
  const kiosk: KioskApp = openKioskApp({
    dataDir,
    resourcesDir,
    ...(keychain ? { keychain } : {}),
  });

  const target = rendererTarget({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    indexHtmlPath: join(import.meta.dirname, '..', 'renderer', 'index.html'),
  });
  const window = createKioskWindow({
    preloadPath: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
    target,
  });
  const unregisterIpc = registerIpc(kiosk, {
    webContents: window.webContents,
    appUrl: target.appUrl,
  });

  app.on('window-all-closed', () => {
    app.quit();
  });
  app.once('will-quit', () => {
    unregisterIpc();
    kiosk.close();
    console.info('startMain: the kiosk closed cleanly.');
  });
  return window;
}

/** A kiosk that cannot start says so on screen and in the log, then exits non-zero. */
function failToStart(error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`startMain: the kiosk could not start: ${reason}`);
  dialog.showErrorBox('Clinic Kiosk cannot start', `${reason}\n\nPlease ask a member of staff.`);
  app.exit(1);
}

startMain();
