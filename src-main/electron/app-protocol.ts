/**
 * The renderer in Electron: `app://kiosk/<path>`, the built renderer folder served on a custom
 * scheme instead of `file://` (Electron's security checklist, item 18), by the same lookup as the
 * preview server's (src-main/renderer-files.ts). The page then has an origin of its own, so
 * `'self'` in its policy means that folder and nothing else on the disk, and the window needs no
 * file:// privileges (the `grantFileProtocolExtraPrivileges` fuse is off: electron-builder.yml).
 * Every answer carries the window's Content-Security-Policy as a header, as well as the page's
 * `<meta>`. Only this file and main.ts know it is Electron.
 * https://www.electronjs.org/docs/latest/api/protocol#protocolhandlescheme-handler
 */
import { protocol, type CustomScheme } from 'electron';
import { encodingHeaders, rendererFile } from '../renderer-files';

export const APP_SCHEME = 'app';
/** The one host: a standard scheme needs one, and the page's origin is `app://kiosk`. */
export const APP_HOST = 'kiosk';

/** The URL of a page in the built renderer folder (`index.html`, `out-of-order.html`). */
export function appPageUrl(page: string): string {
  return new URL(page, `${APP_SCHEME}://${APP_HOST}/`).href;
}

/**
 * `standard`: parsed like http, so relative URLs and the origin work; `secure`: a secure
 * context, as the page's ES modules and `crypto.randomUUID` need; `supportFetchAPI`: the page's
 * module scripts and assets are fetched. No `bypassCSP`, no `corsEnabled`: nothing else may read
 * from it.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The answer to one request on the scheme, `policy` its Content-Security-Policy header. */
export function appResponse(rendererDir: string, policy: string, request: Request): Response {
  const url = new URL(request.url);
  const headers = {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
  const plain = { ...headers, 'content-type': 'text/plain; charset=utf-8' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('use GET', { status: 405, headers: { ...plain, allow: 'GET, HEAD' } });
  }
  if (url.host !== APP_HOST) {
    return new Response('not found', { status: 404, headers: plain });
  }
  const file = rendererFile(rendererDir, url.pathname, request.headers.get('accept-encoding'));
  if (!file.ok) {
    return new Response(file.message, { status: file.status, headers: plain });
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: { ...headers, ...encodingHeaders(file.encoding), 'content-type': file.type },
  });
}

/** Serves `rendererDir` on the scheme (after `ready`); returns the function that stops it. */
export function handleAppProtocol(rendererDir: string, policy: string): () => void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, policy, request));
  return () => {
    protocol.unhandle(APP_SCHEME);
  };
}
