import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../contract';

/** Everything main.ts talks to, as fakes that outlive `vi.resetModules()`. */
const fakes = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Listener>();
  const contentsListeners = new Map<string, Listener>();
  const switches = new Set<string>();
  const window = {
    webContents: {
      id: 1,
      on: (name: string, listener: Listener) => {
        contentsListeners.set(name, listener);
      },
      off: (name: string) => {
        contentsListeners.delete(name);
      },
      forcefullyCrashRenderer: vi.fn(),
    },
    isDestroyed: () => false,
    isMinimized: () => true,
    restore: vi.fn(),
    focus: vi.fn(),
  };
  return {
    listeners,
    contentsListeners,
    switches,
    window,
    app: {
      isPackaged: false,
      commandLine: { hasSwitch: (name: string) => switches.has(name) },
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      exit: vi.fn(),
      relaunch: vi.fn(),
      enableSandbox: vi.fn(),
      setLoginItemSettings: vi.fn(),
      whenReady: vi.fn(() => Promise.resolve()),
      getPath: vi.fn((name: string) => `/home/clinic/.config/${name}`),
      getAppPath: vi.fn(() => '/repo'),
      on: vi.fn((name: string, listener: Listener) => {
        listeners.set(name, listener);
      }),
      once: vi.fn((name: string, listener: Listener) => {
        listeners.set(name, listener);
      }),
    },
    dialog: { showErrorBox: vi.fn() },
    menu: { setApplicationMenu: vi.fn() },
    powerSaveBlocker: {
      start: vi.fn(() => 42),
      stop: vi.fn(() => true),
      isStarted: vi.fn(() => true),
    },
    loadTarget: vi.fn<(window: unknown, target: { appUrl: string }) => void>(),
    createKioskWindow: vi.fn<(options: unknown) => typeof window>(() => window),
    registerIpc: vi.fn<(target: unknown, trusted: unknown) => () => void>(() => vi.fn()),
    openKioskApp: vi.fn<(options: unknown) => unknown>(),
    setSqliteNativeBinding: vi.fn(),
    createKeychainWrapper: vi.fn((): unknown => undefined),
    registerKioskSchemes: vi.fn(),
    handleMediaProtocol: vi.fn<(library: unknown) => () => void>(),
    handleAppProtocol: vi.fn<(rendererDir: string, policy: string) => () => void>(),
    rendererTarget: vi.fn((devServerUrl: string | undefined) => ({
      appUrl: devServerUrl ?? 'app://kiosk/index.html',
    })),
  };
});

vi.mock('electron', () => ({
  app: fakes.app,
  dialog: fakes.dialog,
  Menu: fakes.menu,
  powerSaveBlocker: fakes.powerSaveBlocker,
}));
vi.mock('../kiosk-app', () => ({ openKioskApp: fakes.openKioskApp }));
vi.mock('../vault', () => ({
  ensureSodium: () => Promise.resolve(),
  setSqliteNativeBinding: fakes.setSqliteNativeBinding,
}));
vi.mock('./keychain', () => ({ createKeychainWrapper: fakes.createKeychainWrapper }));
vi.mock('./ipc', () => ({ registerIpc: fakes.registerIpc }));
vi.mock('./media-protocol', () => ({ handleMediaProtocol: fakes.handleMediaProtocol }));
vi.mock('./app-protocol', () => ({ handleAppProtocol: fakes.handleAppProtocol }));
vi.mock('./schemes', () => ({ registerKioskSchemes: fakes.registerKioskSchemes }));
vi.mock('./export-folder-dialog', () => ({ exportFolderChooser: () => () => Promise.resolve() }));
vi.mock('./window', () => ({
  CONTENT_SECURITY_POLICY: "default-src 'none'",
  createKioskWindow: fakes.createKioskWindow,
  loadTarget: fakes.loadTarget,
  outOfOrderTarget: () => ({ appUrl: 'app://kiosk/out-of-order.html' }),
  rendererTarget: fakes.rendererTarget,
}));

const APP_URL = 'app://kiosk/index.html';
const OUT_OF_ORDER_URL = 'app://kiosk/out-of-order.html';
const OK: Result<unknown> = { ok: true, value: {} };

let dataDir: string;
let fatalHandlers: Map<string, (...args: unknown[]) => void>;
let stopMain: (() => void) | undefined;

function fakeKiosk(dailyRestart: string | null = null) {
  return {
    media: { find: vi.fn() },
    dispatch: vi.fn(() => Promise.resolve(OK)),
    recordEvent: vi.fn(),
    clearSessions: vi.fn(),
    close: vi.fn(),
    config: { dailyRestart },
  };
}
let kiosk: ReturnType<typeof fakeKiosk>;

/** Imports main.ts afresh (it starts itself on import) and lets `whenReady` settle. */
async function startMain(): Promise<typeof import('./main')> {
  vi.resetModules();
  const main = await import('./main');
  stopMain = main.stopMain;
  await new Promise((resolve) => setImmediate(resolve));
  return main;
}

function listener(name: string): (...args: unknown[]) => void {
  const found = fakes.listeners.get(name);
  if (!found) {
    throw new Error(`main.ts registered no ${name} listener`);
  }
  return found;
}

function contentsListener(name: string): (...args: unknown[]) => void {
  const found = fakes.contentsListeners.get(name);
  if (!found) {
    throw new Error(`nothing listens for ${name} on the kiosk window`);
  }
  return found;
}

/** What main registered as the IPC target: the kiosk, observed for the daily restart. */
function ipcTarget(): { dispatch(channel: string, input: unknown): Promise<Result<unknown>> } {
  const call = fakes.registerIpc.mock.calls[0];
  if (!call) {
    throw new Error('main.ts registered no IPC');
  }
  return call[0] as { dispatch(channel: string, input: unknown): Promise<Result<unknown>> };
}

function loadedUrls(): string[] {
  return fakes.loadTarget.mock.calls.map(([, target]) => target.appUrl);
}

function logText(): string {
  return readFileSync(join(dataDir, 'logs', 'kiosk.log'), 'utf8');
}

beforeEach(() => {
  // Back to each fake's own implementation, calls forgotten.
  vi.resetAllMocks();
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-main-'));
  kiosk = fakeKiosk();
  fakes.openKioskApp.mockImplementation(() => kiosk);
  fakes.handleMediaProtocol.mockReturnValue(vi.fn());
  fakes.handleAppProtocol.mockReturnValue(vi.fn());
  fakes.rendererTarget.mockImplementation((devServerUrl: string | undefined) => ({
    appUrl: devServerUrl ?? APP_URL,
  }));
  fakes.listeners.clear();
  fakes.contentsListeners.clear();
  fakes.switches.clear();
  fakes.app.isPackaged = false;
  vi.stubEnv('KIOSK_DATA_DIR', dataDir);
  vi.stubEnv('KIOSK_SQLITE_BINDING', '');
  vi.stubEnv('KIOSK_DEV', '');
  // Electron's own; packaged builds read their resources from beside it.
  Object.defineProperty(process, 'resourcesPath', {
    value: '/opt/Clinic Kiosk/resources',
    configurable: true,
  });
  for (const level of ['debug', 'log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation(() => undefined);
  }
  // Main's failure handlers are caught here rather than installed on the test runner's process.
  fatalHandlers = new Map();
  const realOn = process.on.bind(process);
  const realOff = process.off.bind(process);
  const isFatal = (event: string | symbol): event is string =>
    event === 'uncaughtException' || event === 'unhandledRejection';
  vi.spyOn(process, 'on').mockImplementation(((
    event: string | symbol,
    handler: (...args: unknown[]) => void,
  ) => {
    if (isFatal(event)) {
      fatalHandlers.set(event, handler);
      return process;
    }
    return realOn(event, handler);
  }) as typeof process.on);
  vi.spyOn(process, 'off').mockImplementation(((
    event: string | symbol,
    handler: (...args: unknown[]) => void,
  ) => {
    if (isFatal(event)) {
      fatalHandlers.delete(event);
      return process;
    }
    return realOff(event, handler);
  }) as typeof process.off);
});

afterEach(() => {
  stopMain?.();
  stopMain = undefined;
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  Reflect.deleteProperty(process, 'resourcesPath');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the single-instance lock', () => {
  it('quits a second instance before it opens anything', async () => {
    fakes.app.requestSingleInstanceLock.mockReturnValue(false);
    await startMain();
    expect(fakes.app.quit).toHaveBeenCalledTimes(1);
    expect(fakes.app.whenReady).not.toHaveBeenCalled();
    expect(fakes.openKioskApp).not.toHaveBeenCalled();
    expect(fakes.createKioskWindow).not.toHaveBeenCalled();
  });

  it('lets the first instance run, and brings its window forward when another starts', async () => {
    await startMain();
    expect(fakes.app.quit).not.toHaveBeenCalled();
    expect(fakes.createKioskWindow).toHaveBeenCalledTimes(1);
    listener('second-instance')();
    expect(fakes.window.restore).toHaveBeenCalled();
    expect(fakes.window.focus).toHaveBeenCalled();
  });
});

describe('startup', () => {
  it('opens the kiosk on KIOSK_DATA_DIR with the repo resources and the keychain', async () => {
    const keychain = { backend: 'gnome_libsecret', wrap: vi.fn(), unwrap: vi.fn() };
    fakes.createKeychainWrapper.mockReturnValue(keychain);
    await startMain();
    expect(fakes.app.enableSandbox).toHaveBeenCalled();
    expect(fakes.openKioskApp).toHaveBeenCalledWith(
      expect.objectContaining({
        dataDir,
        resourcesDir: join('/repo', 'resources'),
        keychain,
      }),
    );
    expect(fakes.registerIpc).toHaveBeenCalledWith(expect.anything(), {
      webContents: fakes.window.webContents,
      appUrl: APP_URL,
    });
    // IPC reaches the kiosk itself (observed on the way).
    await ipcTarget().dispatch('app.info', {});
    expect(kiosk.dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it('serves the renderer on app:// with the policy as a header, before the window loads it', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await startMain();
    expect(fakes.handleAppProtocol).toHaveBeenCalledWith(
      expect.stringMatching(/[/\\]renderer$/),
      "default-src 'none'",
    );
    expect(fakes.handleAppProtocol.mock.invocationCallOrder[0]).toBeLessThan(
      fakes.createKioskWindow.mock.invocationCallOrder[0] ?? 0,
    );
    expect(fakes.rendererTarget).toHaveBeenCalledWith(undefined);
    expect(fakes.createKioskWindow).toHaveBeenCalledWith(
      expect.objectContaining({ target: { appUrl: APP_URL } }),
    );
  });

  it('never loads a dev server URL when packaged', async () => {
    fakes.app.isPackaged = true;
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://127.0.0.1:5173/');
    await startMain();
    expect(fakes.rendererTarget).toHaveBeenCalledWith(undefined);
    expect(fakes.createKioskWindow).toHaveBeenCalledWith(
      expect.objectContaining({ target: { appUrl: APP_URL } }),
    );
  });

  it('gives the media scheme its privileges before ready, and serves the kiosk’s media on it', async () => {
    await startMain();
    expect(fakes.registerKioskSchemes).toHaveBeenCalledTimes(1);
    expect(fakes.registerKioskSchemes.mock.invocationCallOrder[0]).toBeLessThan(
      fakes.app.whenReady.mock.invocationCallOrder[0] ?? 0,
    );
    expect(fakes.handleMediaProtocol).toHaveBeenCalledWith(kiosk.media);
    expect(fakes.handleMediaProtocol.mock.invocationCallOrder[0]).toBeLessThan(
      fakes.createKioskWindow.mock.invocationCallOrder[0] ?? 0,
    );
  });

  it('defaults the data folder to <userData>/data and passes no keychain when there is none', async () => {
    vi.stubEnv('KIOSK_DATA_DIR', '');
    fakes.app.getPath.mockReturnValue(dataDir);
    await startMain();
    const options = fakes.openKioskApp.mock.calls[0]?.[0] as Record<string, unknown>;
    expect(options.dataDir).toBe(join(dataDir, 'data'));
    expect(options).not.toHaveProperty('keychain');
  });

  it('hands KIOSK_SQLITE_BINDING to the vault before opening it', async () => {
    vi.stubEnv('KIOSK_SQLITE_BINDING', '/repo/.cache/electron-native/45.5.0/better_sqlite3.node');
    await startMain();
    expect(fakes.setSqliteNativeBinding).toHaveBeenCalledWith(
      '/repo/.cache/electron-native/45.5.0/better_sqlite3.node',
    );
    expect(fakes.setSqliteNativeBinding.mock.invocationCallOrder[0]).toBeLessThan(
      fakes.openKioskApp.mock.invocationCallOrder[0] ?? 0,
    );
  });

  it('ignores KIOSK_DATA_DIR and KIOSK_SQLITE_BINDING when packaged: its data under userData, its own addon', async () => {
    fakes.app.isPackaged = true;
    vi.stubEnv('KIOSK_SQLITE_BINDING', '/tmp/not-ours/better_sqlite3.node');
    const userData = mkdtempSync(join(tmpdir(), 'kiosk-userdata-'));
    fakes.app.getPath.mockReturnValue(userData);
    await startMain();
    expect(fakes.setSqliteNativeBinding).not.toHaveBeenCalled();
    const options = fakes.openKioskApp.mock.calls[0]?.[0] as Record<string, unknown>;
    expect(options.dataDir).toBe(join(userData, 'data'));
    expect(options.dataDir).not.toBe(dataDir);
    rmSync(userData, { recursive: true, force: true });
  });

  it('leaves the default SQLite binding alone without KIOSK_SQLITE_BINDING', async () => {
    await startMain();
    expect(fakes.setSqliteNativeBinding).not.toHaveBeenCalled();
  });

  it('says on screen when the kiosk cannot open, and exits non-zero', async () => {
    fakes.openKioskApp.mockImplementation(() => {
      throw new Error('The content pack is invalid');
    });
    await startMain();
    expect(fakes.dialog.showErrorBox).toHaveBeenCalledWith(
      'Clinic Kiosk cannot start',
      expect.stringContaining('The content pack is invalid'),
    );
    expect(fakes.app.exit).toHaveBeenCalledWith(1);
    expect(fakes.createKioskWindow).not.toHaveBeenCalled();
  });
});

describe('kiosk and development modes', () => {
  it('removes the menu and opens a kiosk window when not in development', async () => {
    await startMain();
    expect(fakes.menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(fakes.createKioskWindow).toHaveBeenCalledWith(
      expect.objectContaining({ mode: 'kiosk' }),
    );
  });

  it('keeps the menu and opens a development window with KIOSK_DEV=1, unpackaged', async () => {
    vi.stubEnv('KIOSK_DEV', '1');
    await startMain();
    expect(fakes.menu.setApplicationMenu).not.toHaveBeenCalled();
    expect(fakes.createKioskWindow).toHaveBeenCalledWith(
      expect.objectContaining({ mode: 'development' }),
    );
  });

  it('is a kiosk when packaged, whatever KIOSK_DEV says', async () => {
    vi.stubEnv('KIOSK_DEV', '1');
    fakes.app.isPackaged = true;
    await startMain();
    expect(fakes.createKioskWindow).toHaveBeenCalledWith(
      expect.objectContaining({ mode: 'kiosk' }),
    );
    expect(fakes.openKioskApp).toHaveBeenCalledWith(
      expect.objectContaining({ resourcesDir: join('/opt/Clinic Kiosk/resources', 'resources') }),
    );
  });

  it('lets the kiosk window close only once the app is quitting', async () => {
    await startMain();
    const options = fakes.createKioskWindow.mock.calls[0]?.[0] as {
      isQuitting: () => boolean;
    };
    expect(options.isQuitting()).toBe(false);
    listener('before-quit')();
    expect(options.isQuitting()).toBe(true);
  });
});

describe('a renderer crash in the running kiosk', () => {
  it('reloads the app page, clears the sessions and audits it', async () => {
    await startMain();
    contentsListener('render-process-gone')({}, { reason: 'crashed', exitCode: 11 });
    expect(kiosk.clearSessions).toHaveBeenCalledTimes(1);
    expect(kiosk.recordEvent).toHaveBeenCalledWith({
      actor: 'kiosk',
      action: 'renderer_crashed',
      details: { reason: 'crashed', exitCode: 11 },
    });
    expect(loadedUrls()).toEqual([APP_URL]);
  });

  it('shows the out-of-order page on the fifth crash in two minutes', async () => {
    await startMain();
    for (let crash = 1; crash <= 5; crash += 1) {
      contentsListener('render-process-gone')({}, { reason: 'crashed', exitCode: 11 });
    }
    expect(loadedUrls()).toEqual([APP_URL, APP_URL, APP_URL, APP_URL, OUT_OF_ORDER_URL]);
    expect(kiosk.recordEvent).toHaveBeenCalledWith(
      expect.objectContaining({ actor: 'kiosk', action: 'crash_loop' }),
    );
  });
});

describe('a failure in main', () => {
  it('writes it to the log, then relaunches and exits', async () => {
    await startMain();
    const onException = fatalHandlers.get('uncaughtException');
    expect(onException).toBeDefined();
    onException?.(new Error('main broke'), 'uncaughtException');
    expect(logText()).toMatch(/ERROR .*uncaughtException: Error: main broke/);
    expect(fakes.app.relaunch).toHaveBeenCalledTimes(1);
    expect(fakes.app.exit).toHaveBeenCalledWith(1);
  });

  it('only exits under a supervisor (--supervised), which restarts it', async () => {
    fakes.switches.add('supervised');
    await startMain();
    fatalHandlers.get('unhandledRejection')?.(new Error('no catch'), Promise.resolve());
    expect(fakes.app.relaunch).not.toHaveBeenCalled();
    expect(fakes.app.exit).toHaveBeenCalledWith(1);
  });

  it('is audited as app_restarted when the next run opens the kiosk', async () => {
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    writeFileSync(
      join(dataDir, 'logs', 'crash-history.json'),
      JSON.stringify({
        recent: [1],
        unaudited: { at: '2026-11-27T10:00:00.000Z', kind: 'uncaughtException', error: 'Error' },
      }),
    );
    await startMain();
    expect(kiosk.recordEvent).toHaveBeenCalledWith({
      actor: 'kiosk',
      action: 'app_restarted',
      details: {
        reason: 'crash',
        crashedAt: '2026-11-27T10:00:00.000Z',
        kind: 'uncaughtException',
        error: 'Error',
      },
    });
  });

  it('sends main’s console to <dataDir>/logs/kiosk.log', async () => {
    await startMain();
    console.warn('a line for the log');
    expect(logText()).toContain('WARN  a line for the log');
  });
});

describe('the display and the login item', () => {
  it('keeps the display awake until the app quits', async () => {
    await startMain();
    expect(fakes.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(fakes.powerSaveBlocker.stop).not.toHaveBeenCalled();
    listener('will-quit')();
    expect(fakes.powerSaveBlocker.stop).toHaveBeenCalledWith(42);
  });

  it('opens at login when packaged on Windows, unless a Shell Launcher supervises it', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'win32' });
    try {
      fakes.app.isPackaged = true;
      await startMain();
      expect(fakes.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });

      stopMain?.();
      fakes.app.setLoginItemSettings.mockClear();
      fakes.switches.add('supervised');
      await startMain();
      expect(fakes.app.setLoginItemSettings).not.toHaveBeenCalled();
    } finally {
      if (platform) {
        Object.defineProperty(process, 'platform', platform);
      }
    }
  });

  it('adds no login item in development', async () => {
    await startMain();
    expect(fakes.app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});

describe('the daily restart', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.stubEnv('TZ', 'UTC');
    vi.setSystemTime(new Date('2026-06-01T02:00:00Z'));
  });

  it('is not armed without dailyRestart', async () => {
    await startMain();
    vi.advanceTimersByTime(48 * 3_600_000);
    expect(fakes.app.relaunch).not.toHaveBeenCalled();
    expect(fakes.app.quit).not.toHaveBeenCalled();
  });

  it('audits and restarts at the configured time when nobody is using the kiosk', async () => {
    kiosk = fakeKiosk('03:00');
    await startMain();
    vi.advanceTimersByTime(3_600_000);
    expect(kiosk.recordEvent).toHaveBeenCalledWith({
      actor: 'kiosk',
      action: 'app_restarted',
      details: { reason: 'daily' },
    });
    expect(fakes.app.relaunch).toHaveBeenCalledTimes(1);
    expect(fakes.app.quit).toHaveBeenCalledTimes(1);
  });

  it('waits for a client’s session to end', async () => {
    kiosk = fakeKiosk('03:00');
    await startMain();
    vi.advanceTimersByTime(50 * 60_000);
    await ipcTarget().dispatch('session.start', { locale: 'en' }); // 02:50
    vi.advanceTimersByTime(20 * 60_000); // 03:10, the session still open
    expect(fakes.app.quit).not.toHaveBeenCalled();
    await ipcTarget().dispatch('session.submit', {});
    vi.advanceTimersByTime(60_000);
    expect(fakes.app.quit).not.toHaveBeenCalled(); // someone is still at the screen
    vi.advanceTimersByTime(2 * 60_000);
    expect(fakes.app.quit).toHaveBeenCalledTimes(1);
  });
});

describe('quitting', () => {
  it('closes everything in order when the app quits', async () => {
    const unregisterIpc = vi.fn();
    const stopMedia = vi.fn();
    fakes.registerIpc.mockReturnValue(unregisterIpc);
    fakes.handleMediaProtocol.mockReturnValue(stopMedia);
    await startMain();
    expect(kiosk.close).not.toHaveBeenCalled();
    listener('will-quit')();
    expect(unregisterIpc).toHaveBeenCalledTimes(1);
    expect(stopMedia).toHaveBeenCalledTimes(1);
    expect(kiosk.close).toHaveBeenCalledTimes(1);
  });

  it('quits when the window is closed', async () => {
    await startMain();
    listener('window-all-closed')();
    expect(fakes.app.quit).toHaveBeenCalled();
  });

  it('leaves kiosk mode for staff with the status the kiosk session will not restart', async () => {
    await startMain();
    const options = fakes.openKioskApp.mock.calls[0]?.[0] as { exitKiosk: () => void };
    options.exitKiosk();
    // After the handler's reply has gone out.
    expect(fakes.app.exit).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(kiosk.close).toHaveBeenCalledTimes(1);
    expect(fakes.app.exit).toHaveBeenCalledWith(64);
  });
});

describe('resourcesDirFor', () => {
  it('uses the packaged copy when packaged', async () => {
    const { resourcesDirFor } = await startMain();
    expect(resourcesDirFor({ isPackaged: true, appPath: '/x/app.asar', resourcesPath: '/x' })).toBe(
      join('/x', 'resources'),
    );
  });
});
