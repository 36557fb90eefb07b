/**
 * The kiosk's one window and the rules around it: a sandboxed, context-isolated renderer that
 * can reach nothing but its own page. Follows Electron's security checklist:
 * https://www.electronjs.org/docs/latest/tutorial/security
 *
 * The pure parts (`isAppUrl`, `rendererTarget`, `outOfOrderTarget`, `withContentSecurityPolicy`)
 * are exported so they unit-test without Electron.
 */
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { MEDIA_SCHEME } from '../content';
import { appPageUrl } from './app-protocol';
import { lockDownWindow, windowChromeFor, type WindowMode } from './lockdown';

/**
 * The same policy as the `<meta>` in `src-renderer/index.html` (and out-of-order.html), sent as
 * a header too.
 *
 * Electronegativity (scripts/electronegativity.mjs) reports it LOW, three times:
 * - CSP_GLOBAL_CHECK "vulnerable directive" on index.html and out-of-order.html:
 *   `style-src 'unsafe-inline'`. It admits styles, never script: `script-src 'self'` with no
 *   inline script and no eval, `default-src 'none'`, no network, and content-pack Markdown is
 *   sanitised in main (src-main/content) with no `style` attribute allowed, so an injected
 *   style cannot run code or send data anywhere. out-of-order.html needs it for its one
 *   `<style>` block. The renderer's own build currently sets styles only through the CSSOM
 *   (Svelte's `style:` directive), which CSP does not govern, so `style-src 'self'` may well
 *   suffice there: tightening it is a change to src-renderer/index.html and this constant
 *   together, to be proven by the end-to-end suite in Chromium.
 * - CSP_GLOBAL_CHECK "failed to parse" on the header below: the scanner reads header values
 *   only as string literals, and this one is an array built from this constant, which
 *   window.test.ts checks equals the meta policy the scanner did parse.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // Pack pictures and posters, video and captions: only the kiosk's own media scheme
  // (media-protocol.ts), which serves only the files a pack declares.
  `img-src 'self' data: ${MEDIA_SCHEME}:`,
  `media-src ${MEDIA_SCHEME}:`,
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

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

/** Where the renderer is loaded from: its URL. */
export interface RendererTarget {
  appUrl: string;
}

/**
 * The built `index.html` on the app's own scheme (app-protocol.ts), or electron-vite's dev
 * server where dev-overrides.ts found one (never in a packaged app).
 */
export function rendererTarget(devServerUrl: string | undefined): RendererTarget {
  return { appUrl: devServerUrl ? new URL(devServerUrl).href : appPageUrl('index.html') };
}

/** The static "out of order" page, beside the app's index.html (vite copies `public/`). */
export const OUT_OF_ORDER_PAGE = 'out-of-order.html';

/** Where the "out of order" page is, for the same build as `target`. */
export function outOfOrderTarget(target: RendererTarget): RendererTarget {
  return { appUrl: new URL(OUT_OF_ORDER_PAGE, target.appUrl).href };
}

/** Loads `target` into `window`; a failure is logged, as there is nobody to tell on screen. */
export function loadTarget(window: BrowserWindow, target: RendererTarget): void {
  window.loadURL(target.appUrl).catch((error: unknown) => {
    console.error(`loadTarget: ${target.appUrl} did not load: ${String(error)}`);
  });
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
  mode: WindowMode;
  /** Whether the app is quitting (the only time a kiosk window may close). */
  isQuitting: () => boolean;
}

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const { preloadPath, target, mode } = options;
  // The web preferences stay one literal, here, so that Electronegativity can read them in the
  // build (it cannot follow a function call) and the test reads what the window really got.
  const window = new BrowserWindow({
    ...windowChromeFor(mode),
    webPreferences: {
      // Electronegativity: PRELOAD_JS_CHECK (MEDIUM, "review the use of preload scripts").
      // Reviewed: preload.ts runs sandboxed and context-isolated and gives the page only
      // `window.kiosk`, one frozen method per renderer channel of the contract; no
      // `ipcRenderer`, no generic invoke, no events (preload.test.ts, test/electron).
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click opens links in new windows; a touch kiosk has no use for `auxclick`.
      disableBlinkFeatures: 'Auxclick',
      devTools: mode === 'development',
    },
  });
  hardenSession(window.webContents.session);
  hardenWebContents(window.webContents, target.appUrl);
  lockDownWindow(window, { mode, isQuitting: options.isQuitting });
  window.once('ready-to-show', () => {
    window.show();
  });
  loadTarget(window, target);
  return window;
}
