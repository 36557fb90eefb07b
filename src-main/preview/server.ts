/**
 * The loopback preview server: serves the built renderer and the same API table over HTTP on
 * 127.0.0.1 only, so the real UI runs in any browser for content review and end-to-end tests.
 * The kiosk app itself never starts it.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { RENDERER_CHANNELS } from '../contract';
import type { TransportTarget } from '../api';
import { answerMediaRequest, MEDIA_BASES, type MediaLibrary } from '../content';
import { CONTENT_TYPES, encodingHeaders, rendererFile, type RendererFile } from '../renderer-files';
import { bridgeScript } from './bridge-script';

/**
 * The Electron window's policy (src-main/electron/window.ts) for this origin: pack media comes
 * from this server's own `/media/` ('self'), not from Electron's `kiosk-media:` scheme. It
 * replaces the page's meta policy, which names that scheme; the header adds `frame-ancestors`,
 * which a meta policy cannot carry.
 */
const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "media-src 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";
export const CONTENT_SECURITY_POLICY = `${PAGE_POLICY}; frame-ancestors 'none'`;

const META_POLICY = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/;

const MAX_BODY_BYTES = 1024 * 1024;
const BRIDGE_PATH = '/kiosk-bridge.js';
const API_PREFIX = '/api/';

export interface PreviewServerOptions {
  api: TransportTarget;
  /** The programmes' declared media, served under `/media/<pack-id>/<path>`. */
  media: MediaLibrary;
  rendererDir: string;
  port: number;
}

export interface PreviewServer {
  readonly url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...headers,
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, 'request body too large');
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
}

/** Serves a file under `root` (renderer-files.ts), encoded as the request takes, or says why not. */
function staticFile(
  root: string,
  urlPath: string,
  acceptEncoding: string | undefined,
): Extract<RendererFile, { ok: true }> {
  const file = rendererFile(root, urlPath, acceptEncoding);
  if (!file.ok) {
    throw new HttpError(file.status, file.message);
  }
  return file;
}

/** `/media/<pack-id>/<path>`: the pack's declared file, whole or the range asked for. */
function sendMedia(
  library: MediaLibrary,
  req: IncomingMessage,
  res: ServerResponse,
  urlPath: string,
): void {
  const ifRange = req.headers['if-range'];
  const answer = answerMediaRequest(library, {
    urlPath,
    method: req.method ?? 'GET',
    range: req.headers.range,
    ifRange: typeof ifRange === 'string' ? ifRange : undefined,
  });
  res.writeHead(answer.status, { ...answer.headers, 'referrer-policy': 'no-referrer' });
  if (answer.file === undefined || answer.body === null) {
    res.end();
    return;
  }
  const stream = createReadStream(answer.file.absolutePath, answer.body);
  stream.on('error', (error) => {
    console.error('sendMedia: reading a media file failed', error);
    res.destroy(error);
  });
  stream.pipe(res);
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const rendererDir = resolve(options.rendererDir);
  const indexFile = join(rendererDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(
      `startPreviewServer: ${indexFile} is missing: build the renderer first (npm run build:renderer)`,
    );
  }
  const builtHtml = readFileSync(indexFile, 'utf8');
  if (!META_POLICY.test(builtHtml)) {
    throw new Error(`startPreviewServer: ${indexFile} has no Content-Security-Policy meta tag`);
  }
  // The bridge must define window.kiosk before the app's module script runs.
  const indexHtml = builtHtml
    .replace(META_POLICY, `$1${PAGE_POLICY}$2`)
    .replace('<head>', `<head>\n    <script src=".${BRIDGE_PATH}"></script>`);
  const bridge = bridgeScript(RENDERER_CHANNELS);
  let expectedHosts: Set<string> = new Set();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS-rebinding guard: a page on another name that resolves to 127.0.0.1 gets nothing.
    if (!expectedHosts.has(req.headers.host ?? '')) {
      throw new HttpError(421, 'unexpected Host header');
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(API_PREFIX)) {
      if (req.method !== 'POST') {
        throw new HttpError(405, 'use POST');
      }
      // A JSON content type cannot be sent cross-origin without a preflight we never answer.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new HttpError(415, 'content-type must be application/json');
      }
      const channel = url.pathname.slice(API_PREFIX.length);
      const known = (RENDERER_CHANNELS as string[]).includes(channel);
      const result = known
        ? await options.api.dispatch(channel, await readJsonBody(req))
        : {
            ok: false,
            error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel "${channel}".` },
          };
      send(res, 200, CONTENT_TYPES['.json'] ?? '', JSON.stringify(result));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, 'use GET');
    }
    if (url.pathname.startsWith(MEDIA_BASES.preview)) {
      sendMedia(options.media, req, res, url.pathname.slice(MEDIA_BASES.preview.length));
    } else if (url.pathname === BRIDGE_PATH) {
      send(res, 200, CONTENT_TYPES['.js'] ?? '', bridge);
    } else if (url.pathname === '/' || url.pathname === '/index.html') {
      send(res, 200, CONTENT_TYPES['.html'] ?? '', indexHtml);
    } else {
      const file = staticFile(rendererDir, url.pathname, req.headers['accept-encoding']);
      send(res, 200, file.type, file.body, encodingHeaders(file.encoding));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) {
        console.error('handle: request failed', error);
      }
      send(
        res,
        status,
        'text/plain; charset=utf-8',
        status === 500 ? 'internal error' : (error as Error).message,
      );
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolveListen);
  });
  const { port } = server.address() as AddressInfo;
  expectedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => {
          resolveClose();
        });
      }),
  };
}
