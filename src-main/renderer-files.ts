/**
 * The built renderer's files, looked up by URL path for whoever serves them: the preview server
 * over HTTP, and the Electron app on its `app://` scheme. One lookup, so both refuse the same
 * paths the same way: a malformed percent-encoding is 400, a path out of the folder 403, a
 * folder or a missing file 404.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export type RendererFile =
  | { ok: true; path: string; type: string; body: Buffer }
  | { ok: false; status: 400 | 403 | 404; message: string };

/** The file `urlPath` names under `root` (`/` is `/index.html`), or why there is none. */
export function rendererFile(root: string, urlPath: string): RendererFile {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400, message: 'malformed percent-encoding in the path' };
  }
  const path = resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`);
  if (path !== root && !path.startsWith(root + sep)) {
    return { ok: false, status: 403, message: 'outside the renderer folder' };
  }
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
    return { ok: false, status: 404, message: 'not found' };
  }
  return {
    ok: true,
    path,
    type: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    body: readFileSync(path),
  };
}
