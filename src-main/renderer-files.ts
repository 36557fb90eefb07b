/**
 * The built renderer's files, looked up by URL path for whoever serves them: the preview server
 * over HTTP, and the Electron app on its `app://` scheme. One lookup, so both refuse the same
 * paths the same way: a malformed percent-encoding is 400, a path out of the folder 403, a
 * folder or a missing file 404.
 *
 * A text file (the bundle's scripts, styles, pages) goes out brotli- or gzip-encoded when the
 * request's Accept-Encoding takes one, compressed once per file and kept in memory, so the
 * client's download is the compressed size and no file is compressed twice.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

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

/** The types worth compressing: text. Images and fonts here are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

/** The encodings we send, best first. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export type RendererFile =
  | {
      ok: true;
      path: string;
      type: string;
      body: Buffer;
      /** The Content-Encoding of `body`, null for the file as it is on disk. */
      encoding: Encoding | null;
    }
  | { ok: false; status: 400 | 403 | 404; message: string };

/** The headers that say how a file's body is encoded, and that the answer varies with it. */
export function encodingHeaders(encoding: Encoding | null): Record<string, string> {
  return encoding === null
    ? { vary: 'accept-encoding' }
    : { 'content-encoding': encoding, vary: 'accept-encoding' };
}

/**
 * The best of our encodings that an Accept-Encoding header takes (RFC 9110, 12.5.3): a coding
 * named with a q above 0, or `*` with one for a coding not named. None: the file as it is.
 */
export function chooseEncoding(acceptEncoding: string | null | undefined): Encoding | null {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (name === '') {
      continue;
    }
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const encoding of ENCODINGS) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Compressed bodies by file, encoding, and the file's size and mtime (a rebuild replaces them). */
const compressed = new Map<string, Buffer | null>();

/** `body` in `encoding`, from the cache after the first time; null if that is no smaller. */
function compressedBody(
  path: string,
  version: string,
  body: Buffer,
  encoding: Encoding,
): Buffer | null {
  const key = `${encoding} ${version} ${path}`;
  if (!compressed.has(key)) {
    const encoded = encoding === 'br' ? brotliCompressSync(body) : gzipSync(body, { level: 9 });
    compressed.set(key, encoded.length < body.length ? encoded : null);
  }
  return compressed.get(key) ?? null;
}

/**
 * The file `urlPath` names under `root` (`/` is `/index.html`), or why there is none; encoded
 * as `acceptEncoding` (the request's Accept-Encoding header) allows, for a text file.
 */
export function rendererFile(
  root: string,
  urlPath: string,
  acceptEncoding?: string | null,
): RendererFile {
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
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats?.isFile()) {
    return { ok: false, status: 404, message: 'not found' };
  }
  const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
  const body = readFileSync(path);
  const encoding = COMPRESSIBLE.has(extname(path)) ? chooseEncoding(acceptEncoding) : null;
  const encoded =
    encoding === null
      ? null
      : compressedBody(path, `${stats.size}:${stats.mtimeMs}`, body, encoding);
  return encoded === null
    ? { ok: true, path, type, body, encoding: null }
    : { ok: true, path, type, body: encoded, encoding };
}
