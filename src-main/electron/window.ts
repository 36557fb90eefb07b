/**
 * The kiosk's one window and the rules around it: a sandboxed, context-isolated renderer that
 * can reach nothing but its own page. Follows Electron's security checklist:
 * https://www.electronjs.org/docs/latest/tutorial/security
 *
 * The pure parts (`webPreferencesFor`, `isAppUrl`, `rendererTarget`,
 * `withContentSecurityPolicy`) are exported so they unit-test without Electron.
 */
import { pathToFileURL } from 'node:url';
import { BrowserWindow, type Session, type WebContents, type WebPreferences } from 'electron';

/** The same policy as the `<meta>` in `src-renderer/index.html`, sent as a header too. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function webPreferencesFor(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/**
 * Whether `target` is the app's own page: same protocol, host (with port) and path, compared
 * on parsed URLs. Query and fragment may differ. Anything unparsable is not the app.
 */
export function isAppUrl(target: string, appUrl: string): boolean {
  let parsedTarget: URL;
  let parsedApp: URL;
  try {
    parsedTarget = new URL(target);
    parsedApp = new URL(appUrl);
  } catch {
    return false;
  }
  return (
    parsedTarget.protocol === parsedApp.protocol &&
    parsedTarget.host === parsedApp.host &&
    parsedTarget.pathname === parsedApp.pathname
  );
}

/** Where the renderer is loaded from, and the URL it will then have. */
export type RendererTarget =
  { kind: 'file'; path: string; appUrl: string } | { kind: 'url'; appUrl: string };

/**
 * The built `index.html`, or electron-vite's dev server when it set `ELECTRON_RENDERER_URL`.
 * A packaged app never honours the dev URL: an environment variable must not be able to point
 * the kiosk at another page.
 */
export function rendererTarget(options: {
  isPackaged: boolean;
  devServerUrl: string | undefined;
  indexHtmlPath: string;
}): RendererTarget {
  const { isPackaged, devServerUrl, indexHtmlPath } = options;
  if (!isPackaged && devServerUrl) {
    return { kind: 'url', appUrl: new URL(devServerUrl).href };
  }
  return { kind: 'file', path: indexHtmlPath, appUrl: pathToFileURL(indexHtmlPath).href };
}

/** Response headers with our CSP in place of any the response carried. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') {
      result[name] = value;
    }
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/** No permission (camera, notifications, geolocation, …) is ever granted to the page. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    console.warn(`hardenSession: denied a request for the "${permission}" permission`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

/**
 * The page may not open windows, attach webviews, or navigate or be redirected anywhere but its
 * own URL. External links are not opened in a browser either: on a waiting-room kiosk that
 * would hand a client a way out of the app.
 */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`hardenWebContents: denied opening a window for ${describeUrl(url)}`);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, appUrl)) {
      event.preventDefault();
      console.warn(`hardenWebContents: blocked navigation to ${describeUrl(event.url)}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appUrl)) {
      event.preventDefault();
      console.warn(`hardenWebContents: blocked a redirect to ${describeUrl(event.url)}`);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    console.warn('hardenWebContents: blocked a webview');
  });
}

/** Logs say where a blocked URL pointed without copying its query (which could hold data). */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

export interface KioskWindowOptions {
  preloadPath: string;
  target: RendererTarget;
}

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const { preloadPath, target } = options;
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'Clinic Kiosk',
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: webPreferencesFor(preloadPath),
  });
  hardenSession(window.webContents.session);
  hardenWebContents(window.webContents, target.appUrl);
  window.once('ready-to-show', () => {
    window.show();
  });
  const loading =
    target.kind === 'file' ? window.loadFile(target.path) : window.loadURL(target.appUrl);
  loading.catch((error: unknown) => {
    console.error(`createKioskWindow: the kiosk page did not load: ${String(error)}`);
  });
  return window;
}
