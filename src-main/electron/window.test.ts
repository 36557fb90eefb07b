import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WindowMode } from './lockdown';

/** A stand-in for the parts of BrowserWindow, WebContents and Session the window code uses. */
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const state = {
    windowOptions: undefined as unknown,
    contentsListeners: new Map<string, Listener[]>(),
    windowListeners: new Map<string, Listener[]>(),
    windowOpenHandler: undefined as Listener | undefined,
    permissionRequestHandler: undefined as Listener | undefined,
    permissionCheckHandler: undefined as Listener | undefined,
    headersReceived: undefined as Listener | undefined,
    loadFile: undefined as unknown as ReturnType<typeof vi.fn>,
    loadURL: undefined as unknown as ReturnType<typeof vi.fn>,
  };
  function add(map: Map<string, Listener[]>, name: string, listener: Listener): void {
    map.set(name, [...(map.get(name) ?? []), listener]);
  }
  class FakeBrowserWindow {
    readonly webContents = {
      on: (name: string, listener: Listener) => {
        add(state.contentsListeners, name, listener);
      },
      setWindowOpenHandler: (handler: Listener) => {
        state.windowOpenHandler = handler;
      },
      setZoomFactor: vi.fn(),
      setVisualZoomLevelLimits: vi.fn(() => Promise.resolve()),
      closeDevTools: vi.fn(),
      session: {
        setPermissionRequestHandler: (handler: Listener) => {
          state.permissionRequestHandler = handler;
        },
        setPermissionCheckHandler: (handler: Listener) => {
          state.permissionCheckHandler = handler;
        },
        webRequest: {
          onHeadersReceived: (handler: Listener) => {
            state.headersReceived = handler;
          },
        },
      },
    };
    readonly loadFile = state.loadFile;
    readonly loadURL = state.loadURL;
    constructor(options: unknown) {
      state.windowOptions = options;
    }
    on(name: string, listener: Listener): void {
      add(state.windowListeners, name, listener);
    }
    once(): void {
      // ready-to-show never fires in these tests
    }
  }
  return { state, FakeBrowserWindow };
});

vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow }));

const {
  CONTENT_SECURITY_POLICY,
  createKioskWindow,
  isAppUrl,
  outOfOrderTarget,
  rendererTarget,
  withContentSecurityPolicy,
} = await import('./window');

const APP_URL = 'app://kiosk/index.html';
const DEV_APP_URL = 'http://127.0.0.1:5173/';

function navigationEvent(url: string): { url: string; preventDefault: ReturnType<typeof vi.fn> } {
  return { url, preventDefault: vi.fn() };
}

function listener(name: string): (...args: unknown[]) => unknown {
  const found = fake.state.contentsListeners.get(name)?.[0];
  if (!found) {
    throw new Error(`no ${name} listener was registered`);
  }
  return found;
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  fake.state.contentsListeners.clear();
  fake.state.windowListeners.clear();
  fake.state.windowOpenHandler = undefined;
  fake.state.permissionRequestHandler = undefined;
  fake.state.permissionCheckHandler = undefined;
  fake.state.headersReceived = undefined;
  fake.state.loadFile = vi.fn(() => Promise.resolve());
  fake.state.loadURL = vi.fn(() => Promise.resolve());
});

/** Opens the kiosk window on the built page, in `mode`. */
function openWindow(mode: WindowMode = 'kiosk', appUrl = APP_URL): void {
  createKioskWindow({
    preloadPath: '/app/out/preload/index.cjs',
    target: { appUrl },
    mode,
    isQuitting: () => false,
  });
}

function windowOptions(): Record<string, unknown> {
  return fake.state.windowOptions as Record<string, unknown>;
}

describe('the web preferences', () => {
  it('are exactly the hardened set, with our preload and no DevTools, in kiosk mode', () => {
    openWindow('kiosk');
    expect(windowOptions().webPreferences).toStrictEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('stay hardened in development, where only DevTools are allowed', () => {
    openWindow('kiosk');
    const kiosk = windowOptions().webPreferences as Record<string, unknown>;
    openWindow('development');
    expect(windowOptions().webPreferences).toStrictEqual({ ...kiosk, devTools: true });
  });
});

describe('the window in each mode', () => {
  it('fills the screen as a frameless kiosk in production', () => {
    openWindow('kiosk');
    expect(windowOptions()).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      autoHideMenuBar: true,
      resizable: false,
      minimizable: false,
      show: false,
    });
  });

  it('is an ordinary framed window in development', () => {
    openWindow('development');
    const options = windowOptions();
    expect(options).toMatchObject({ width: 1280, height: 800, autoHideMenuBar: true });
    expect(options.kiosk).toBeUndefined();
    expect(options.fullscreen).toBeUndefined();
    expect(options.frame).toBeUndefined();
  });

  it('is locked down as it is created: shortcuts, context menu, zoom', () => {
    openWindow('kiosk');
    for (const name of ['before-input-event', 'context-menu', 'zoom-changed', 'devtools-opened']) {
      expect(fake.state.contentsListeners.get(name), name).toHaveLength(1);
    }
    expect(fake.state.windowListeners.get('close')).toHaveLength(1);
  });
});

describe('isAppUrl', () => {
  it.each([
    [APP_URL, APP_URL],
    [`${APP_URL}#/welcome`, APP_URL],
    [`${APP_URL}?locale=es`, APP_URL],
    [DEV_APP_URL, 'http://127.0.0.1:5173'],
  ])('accepts its own page %s', (target, appUrl) => {
    expect(isAppUrl(target, appUrl)).toBe(true);
  });

  it.each([
    ['https://example.com/', DEV_APP_URL],
    ['https://127.0.0.1:5173/', DEV_APP_URL],
    ['http://127.0.0.1:5174/', DEV_APP_URL],
    ['http://127.0.0.1:5173.evil.com/', DEV_APP_URL],
    ['http://evil.com/?http://127.0.0.1:5173/', DEV_APP_URL],
    ['http://127.0.0.1:5173@evil.com/', DEV_APP_URL],
    ['file:///etc/passwd', APP_URL],
    ['file:///opt/kiosk/out/renderer/index.html', APP_URL],
    ['app://kiosk/other.html', APP_URL],
    ['app://evil/index.html', APP_URL],
    ['not a url', APP_URL],
  ])('refuses %s', (target, appUrl) => {
    expect(isAppUrl(target, appUrl)).toBe(false);
  });
});

describe('rendererTarget', () => {
  it('is the built index.html on the app scheme, not a file:// page', () => {
    expect(rendererTarget(undefined)).toEqual({ appUrl: APP_URL });
  });

  it('is the dev server where one was found (never in a packaged app: dev-overrides.ts)', () => {
    expect(rendererTarget('http://localhost:5173')).toEqual({ appUrl: 'http://localhost:5173/' });
  });
});

describe('outOfOrderTarget', () => {
  it('is the page beside the built index.html', () => {
    expect(outOfOrderTarget({ appUrl: APP_URL })).toEqual({
      appUrl: 'app://kiosk/out-of-order.html',
    });
  });

  it('is the page beside the dev server root', () => {
    expect(outOfOrderTarget({ appUrl: DEV_APP_URL })).toEqual({
      appUrl: 'http://127.0.0.1:5173/out-of-order.html',
    });
  });

  it('is not the app page, so the IPC sender check refuses it', () => {
    const page = outOfOrderTarget({ appUrl: APP_URL });
    expect(isAppUrl(page.appUrl, APP_URL)).toBe(false);
  });
});

describe('the kiosk window', () => {
  function open(appUrl = APP_URL): void {
    openWindow('kiosk', appUrl);
  }

  it('loads the page from the app scheme with loadURL, never a file', () => {
    open();
    expect(fake.state.loadURL).toHaveBeenCalledWith(APP_URL);
    expect(fake.state.loadFile).not.toHaveBeenCalled();
  });

  it('loads the dev server with loadURL', () => {
    createKioskWindow({
      preloadPath: '/app/out/preload/index.cjs',
      target: { appUrl: DEV_APP_URL },
      mode: 'kiosk',
      isQuitting: () => false,
    });
    expect(fake.state.loadURL).toHaveBeenCalledWith(DEV_APP_URL);
  });

  it('denies every new window', () => {
    open();
    expect(fake.state.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(fake.state.windowOpenHandler?.({ url: APP_URL })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect'])('%s: blocks other pages', (name) => {
    open(DEV_APP_URL);
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'http://127.0.0.1:5173.evil.com/',
      'http://localhost:5173/',
    ]) {
      const event = navigationEvent(url);
      listener(name)(event);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
  });

  it.each(['will-navigate', 'will-redirect'])('%s: allows its own page', (name) => {
    open(DEV_APP_URL);
    const event = navigationEvent(`${DEV_APP_URL}#/review`);
    listener(name)(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('blocks webviews', () => {
    open();
    const event = navigationEvent('');
    listener('will-attach-webview')(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    open();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      fake.state.permissionRequestHandler?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(callback).not.toHaveBeenCalledWith(true);
      expect(fake.state.permissionCheckHandler?.({}, permission, 'file://', {})).toBe(false);
    }
  });

  it('sends the CSP header on responses, replacing any other', () => {
    open();
    const callback = vi.fn();
    fake.state.headersReceived?.(
      {
        url: DEV_APP_URL,
        responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('matches the renderer page’s own meta policy', () => {
    const html = readFileSync(
      join(import.meta.dirname, '..', '..', 'src-renderer', 'index.html'),
      'utf8',
    );
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('is the out-of-order page’s meta policy too', () => {
    const html = readFileSync(
      join(import.meta.dirname, '..', '..', 'src-renderer', 'public', 'out-of-order.html'),
      'utf8',
    );
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    // A static page: nothing for that policy to let run.
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
  });

  it('is added to responses without one', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });
});
