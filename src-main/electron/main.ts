/**
 * The Electron entry (built to out/main/index.js). Wires the parts together and nothing more:
 * the log, the failure handlers, one instance, the data and resources folders, the keychain,
 * the kiosk app, pack media, IPC, the locked-down window, crash recovery, the power blocker, the login item
 * and the daily restart. Each part lives in its own file beside this one.
 */
import { join } from 'node:path';
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import type { AuditEvent } from '../audit/audit-event';
import { writeCrashRecord } from '../health';
import { openKioskApp, type KioskApp } from '../kiosk-app';
import { ensureSodium, setSqliteNativeBinding } from '../vault';
import { scheduleDailyRestart } from './daily-restart';
import { exportFolderChooser } from './export-folder-dialog';
import { registerIpc } from './ipc';
import { KioskActivity, observedBy } from './kiosk-activity';
import { createKeychainWrapper } from './keychain';
import { handleAppProtocol } from './app-protocol';
import { developmentOverrides, type DevelopmentOverrides } from './dev-overrides';
import { windowModeFor, type WindowMode } from './lockdown';
import { installFatalHandlers, takeUnauditedCrash } from './main-failure';
import { handleMediaProtocol } from './media-protocol';
import { registerKioskSchemes } from './schemes';
import { keepDisplayAwake } from './power';
import { recoverCrashedRenderer } from './renderer-recovery';
import { EXIT_LEFT_KIOSK_MODE, restartApp, SUPERVISED_SWITCH } from './restart';
import { RotatingLog, routeConsoleTo } from './rotating-log';
import {
  CONTENT_SECURITY_POLICY,
  createKioskWindow,
  loadTarget,
  outOfOrderTarget,
  rendererTarget,
  type RendererTarget,
} from './window';

/** Where the kiosk keeps its vault: `KIOSK_DATA_DIR` (tests, staff scripts) or the app's own. */
export function dataDirFor(overrides: DevelopmentOverrides, userDataDir: string): string {
  return overrides.dataDir ?? join(userDataDir, 'data');
}

/** What the environment may change: nothing in a packaged app (dev-overrides.ts). */
function overrides(): DevelopmentOverrides {
  return developmentOverrides({ isPackaged: app.isPackaged, env: process.env });
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

export const LOG_FILE = 'kiosk.log';
export const CRASH_HISTORY_FILE = 'crash-history.json';

/** What one run of main holds; filled in as the kiosk opens. */
interface Run {
  readonly logDir: string;
  readonly supervised: boolean;
  readonly mode: WindowMode;
  quitting: boolean;
  window?: BrowserWindow;
  target?: RendererTarget;
  kiosk?: KioskApp;
  /** Undoes what `openKiosk` set up; runs once, on whichever way out comes first. */
  close?: (() => void) | undefined;
}

/**
 * Starts the kiosk. Returns the function that removes its process-wide hooks (the console
 * routing and the failure handlers), which only tests need.
 */
export function startMain(): () => void {
  const dataDir = dataDirFor(overrides(), app.getPath('userData'));
  const logDir = join(dataDir, 'logs');
  const stopLogging = startLogging(join(logDir, LOG_FILE));
  const run: Run = {
    logDir,
    supervised: app.commandLine.hasSwitch(SUPERVISED_SWITCH),
    mode: windowModeFor(overrides()),
    quitting: false,
  };
  const removeFatalHandlers = installFatalHandlers({
    historyFile: join(logDir, CRASH_HISTORY_FILE),
    recordCrash: (crash) => {
      writeCrashRecord(dataDir, crash);
    },
    restart: () => {
      restartApp(app, { supervised: run.supervised, graceful: false });
    },
    giveUp: () => {
      giveUp(run);
    },
  });
  const stop = (): void => {
    removeFatalHandlers();
    stopLogging();
  };

  // A second kiosk process would open the same vault: hand over to the first and leave.
  if (!app.requestSingleInstanceLock()) {
    console.info('startMain: the kiosk is already running; focusing it and quitting.');
    app.quit();
    return stop;
  }
  // Every renderer sandboxed, whatever a window's own options say.
  app.enableSandbox();
  // The renderer's `app://` and pack media's `kiosk-media://`: privileges only before `ready`.
  registerKioskSchemes();
  console.info(
    `startMain: starting in ${run.mode} mode${run.supervised ? ', supervised' : ''}, data in ${dataDir}.`,
  );

  app.on('before-quit', () => {
    run.quitting = true;
  });
  app.on('second-instance', () => {
    const window = run.window;
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
      openKiosk(run);
    })
    .catch((error: unknown) => {
      failToStart(error);
    });
  return stop;
}

/** `console.*` of main also to `<dataDir>/logs/kiosk.log`; without a writable folder, not. */
function startLogging(file: string): () => void {
  try {
    return routeConsoleTo(new RotatingLog(file));
  } catch (error) {
    console.warn(`startLogging: no log file at ${file}: ${String(error)}`);
    return () => undefined;
  }
}

function openKiosk(run: Run): void {
  const development = overrides();
  const dataDir = dataDirFor(development, app.getPath('userData'));
  const resourcesDir = resourcesDirFor({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });
  // `npm start` passes a copy of the SQLite addon built for Electron's ABI (the one in
  // node_modules is built for Node, for the tests); a packaged app has its own, rebuilt copy.
  if (development.sqliteBinding) {
    setSqliteNativeBinding(development.sqliteBinding);
  }
  // Only after `ready`: before it, Linux reports every keychain backend as `unknown`.
  const keychain = createKeychainWrapper();
  const kiosk: KioskApp = openKioskApp({
    dataDir,
    resourcesDir,
    ...(keychain ? { keychain } : {}),
    chooseExportFolder: exportFolderChooser(() => run.window),
    // Leaving kiosk mode is quitting, with a status the kiosk session reads as "stay down"
    // (build/linux: RestartPreventExitStatus; build/windows: a Shell Launcher return code).
    // After this call returns, so that its reply and its audit entry go out first.
    exitKiosk: () => {
      setImmediate(() => {
        shutDown(run, EXIT_LEFT_KIOSK_MODE);
      });
    },
  });
  run.kiosk = kiosk;
  auditRestartAfterFailure(run);
  const stopMedia = handleMediaProtocol(kiosk.media);
  const stopApp = handleAppProtocol(
    join(import.meta.dirname, '..', 'renderer'),
    CONTENT_SECURITY_POLICY,
  );

  if (run.mode === 'kiosk') {
    // No menu, so none of its accelerators (reload, zoom, DevTools) either.
    Menu.setApplicationMenu(null);
  }
  const target = rendererTarget(development.rendererUrl);
  const window = createKioskWindow({
    preloadPath: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
    target,
    mode: run.mode,
    isQuitting: () => run.quitting,
  });
  run.window = window;
  run.target = target;

  const activity = new KioskActivity();
  const unregisterIpc = registerIpc(observedBy(kiosk, activity), {
    webContents: window.webContents,
    appUrl: target.appUrl,
  });
  const stopRecovery = recoverCrashedRenderer({
    window,
    target,
    kiosk,
    isQuitting: () => run.quitting,
    onSessionsCleared: () => {
      activity.sessionsCleared();
    },
  });
  const allowDisplaySleep = keepDisplayAwake();
  openAtLogin(run);
  const cancelDailyRestart = armDailyRestart(run, kiosk, activity);

  run.close = (): void => {
    run.close = undefined;
    cancelDailyRestart();
    allowDisplaySleep();
    stopRecovery();
    unregisterIpc();
    stopMedia();
    stopApp();
    kiosk.close();
    console.info('startMain: the kiosk closed cleanly.');
  };
  app.on('window-all-closed', () => {
    app.quit();
  });
  app.once('will-quit', () => {
    run.close?.();
  });
}

/** Closes the kiosk in order, then exits with `status` (which `app.quit()` cannot carry). */
function shutDown(run: Run, status: number): void {
  run.quitting = true;
  run.close?.();
  app.exit(status);
}

/** The daily restart, if kiosk.json asks for one: when nobody is using the kiosk. */
function armDailyRestart(run: Run, kiosk: KioskApp, activity: KioskActivity): () => void {
  const time = kiosk.config.dailyRestart;
  if (time === null) {
    return () => undefined;
  }
  return scheduleDailyRestart({
    time,
    isIdle: () => activity.isIdle(),
    restart: () => {
      record(kiosk, { actor: 'kiosk', action: 'app_restarted', details: { reason: 'daily' } });
      restartApp(app, { supervised: run.supervised, graceful: true });
    },
  });
}

/** If the last run died of a main-process failure, the audit log says so now. */
function auditRestartAfterFailure(run: Run): void {
  const crash = takeUnauditedCrash(join(run.logDir, CRASH_HISTORY_FILE));
  if (crash && run.kiosk) {
    record(run.kiosk, {
      actor: 'kiosk',
      action: 'app_restarted',
      details: { reason: 'crash', crashedAt: crash.at, kind: crash.kind, error: crash.error },
    });
  }
}

/**
 * Windows: start with the session when no Shell Launcher does it. Linux has no login items;
 * the systemd unit in build/linux starts the kiosk there.
 * https://www.electronjs.org/docs/latest/api/app#appsetloginitemsettingssettings-macos-windows
 */
function openAtLogin(run: Run): void {
  if (app.isPackaged && process.platform === 'win32' && !run.supervised) {
    app.setLoginItemSettings({ openAtLogin: true });
  }
}

/** Main keeps failing: stop restarting, and show the calm page instead of a flapping screen. */
function giveUp(run: Run): void {
  if (run.kiosk) {
    record(run.kiosk, { actor: 'kiosk', action: 'crash_loop', details: { process: 'main' } });
  }
  const { window, target } = run;
  if (window && target && !window.isDestroyed()) {
    loadTarget(window, outOfOrderTarget(target));
    return;
  }
  dialog.showErrorBox(
    'Clinic Kiosk has stopped',
    'This kiosk is out of order. Please see the front desk.',
  );
  app.exit(1);
}

/** Audits a kiosk event; a failure to audit is logged, never thrown at a recovery path. */
function record(kiosk: Pick<KioskApp, 'recordEvent'>, event: AuditEvent): void {
  try {
    kiosk.recordEvent(event);
  } catch (error) {
    console.error(`startMain: could not audit ${event.action}: ${String(error)}`);
  }
}

/** A kiosk that cannot start says so on screen and in the log, then exits non-zero. */
function failToStart(error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`startMain: the kiosk could not start: ${reason}`);
  dialog.showErrorBox('Clinic Kiosk cannot start', `${reason}\n\nPlease ask a member of staff.`);
  app.exit(1);
}

/** Process-wide hooks of this run, for tests to remove (main starts itself on import). */
export const stopMain = startMain();
