import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Everything main.ts talks to, as fakes that outlive `vi.resetModules()`. */
const fakes = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Listener>();
  const window = {
    webContents: { id: 1 },
    isDestroyed: vi.fn(() => false),
    isMinimized: vi.fn(() => true),
    restore: vi.fn(),
    focus: vi.fn(),
  };
  const kiosk = { invoke: vi.fn(), close: vi.fn() };
  const keychain = { backend: 'gnome_libsecret', wrap: vi.fn(), unwrap: vi.fn() };
  return {
    listeners,
    window,
    kiosk,
    keychain,
    app: {
      isPackaged: false,
      requestSingleInstanceLock: vi.fn(() => true),
      quit: vi.fn(),
      exit: vi.fn(),
      enableSandbox: vi.fn(),
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
    openKioskApp: vi.fn<(options: unknown) => typeof kiosk>(() => kiosk),
    setSqliteNativeBinding: vi.fn(),
    createKeychainWrapper: vi.fn((): typeof keychain | undefined => keychain),
    unregisterIpc: vi.fn(),
    registerIpc: vi.fn(),
    createKioskWindow: vi.fn(() => window),
  };
});

vi.mock('electron', () => ({ app: fakes.app, dialog: fakes.dialog }));
vi.mock('../kiosk-app', () => ({ openKioskApp: fakes.openKioskApp }));
vi.mock('../vault', () => ({
  ensureSodium: () => Promise.resolve(),
  setSqliteNativeBinding: fakes.setSqliteNativeBinding,
}));
vi.mock('./keychain', () => ({ createKeychainWrapper: fakes.createKeychainWrapper }));
vi.mock('./ipc', () => ({ registerIpc: fakes.registerIpc }));
vi.mock('./window', () => ({
  createKioskWindow: fakes.createKioskWindow,
  rendererTarget: () => ({
    kind: 'file',
    path: '/repo/out/renderer/index.html',
    appUrl: 'file:///repo/out/renderer/index.html',
  }),
}));

/** Imports main.ts afresh (it starts itself on import) and lets `whenReady` settle. */
async function startMain(): Promise<typeof import('./main')> {
  vi.resetModules();
  const main = await import('./main');
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

beforeEach(() => {
  vi.clearAllMocks();
  fakes.listeners.clear();
  fakes.app.isPackaged = false;
  fakes.app.requestSingleInstanceLock.mockReturnValue(true);
  fakes.createKeychainWrapper.mockReturnValue(fakes.keychain);
  fakes.openKioskApp.mockReturnValue(fakes.kiosk);
  fakes.registerIpc.mockReturnValue(fakes.unregisterIpc);
  vi.stubEnv('KIOSK_DATA_DIR', '');
  vi.stubEnv('KIOSK_SQLITE_BINDING', '');
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
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
    vi.stubEnv('KIOSK_DATA_DIR', '/tmp/kiosk-test');
    await startMain();
    expect(fakes.app.enableSandbox).toHaveBeenCalled();
    expect(fakes.openKioskApp).toHaveBeenCalledWith({
      dataDir: '/tmp/kiosk-test',
      resourcesDir: join('/repo', 'resources'),
      keychain: fakes.keychain,
    });
    expect(fakes.registerIpc).toHaveBeenCalledWith(fakes.kiosk, {
      webContents: fakes.window.webContents,
      appUrl: 'file:///repo/out/renderer/index.html',
    });
  });

  it('defaults the data folder to <userData>/data and passes no keychain when there is none', async () => {
    fakes.createKeychainWrapper.mockReturnValue(undefined);
    await startMain();
    expect(fakes.openKioskApp).toHaveBeenCalledWith({
      dataDir: join('/home/clinic/.config/userData', 'data'),
      resourcesDir: join('/repo', 'resources'),
    });
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

describe('quitting', () => {
  it('removes the IPC handlers and closes the kiosk', async () => {
    await startMain();
    expect(fakes.kiosk.close).not.toHaveBeenCalled();
    listener('will-quit')();
    expect(fakes.unregisterIpc).toHaveBeenCalledTimes(1);
    expect(fakes.kiosk.close).toHaveBeenCalledTimes(1);
  });

  it('quits when the window is closed', async () => {
    await startMain();
    listener('window-all-closed')();
    expect(fakes.app.quit).toHaveBeenCalled();
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
