import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MEDIA_PACK_ID, writeMediaPack } from '../../test/support/media-pack';
import type { TransportTarget } from '../api';
import { loadPack, MEDIA_BASES, mediaLibraryOf } from '../content';
import { RENDERER_CHANNELS } from '../contract';
import { bridgeScript } from './bridge-script';
import { startPreviewServer, type PreviewServer } from './server';

const calls: [string, unknown][] = [];
const api: TransportTarget = {
  dispatch(channel, input) {
    calls.push([channel, input]);
    return Promise.resolve({ ok: true, value: { echoed: channel } });
  },
};

let root: string;
let server: PreviewServer;
const BIG_SCRIPT = `console.log(${JSON.stringify('the kiosk '.repeat(500))});`;

function raw(
  path: string,
  options: {
    method?: string;
    host?: string;
    body?: string;
    type?: string;
    range?: string;
    encoding?: string;
  } = {},
): Promise<{ status: number; body: string; bytes: Buffer; headers: Record<string, unknown> }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: {
          host: options.host ?? url.host,
          ...(options.type ? { 'content-type': options.type } : {}),
          ...(options.range ? { range: options.range } : {}),
          ...(options.encoding ? { 'accept-encoding': options.encoding } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            body: bytes.toString('utf8'),
            bytes,
            headers: res.headers,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-preview-test-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(
    join(root, 'renderer', 'index.html'),
    '<html><head><meta http-equiv="Content-Security-Policy" content="img-src kiosk-media:" /><title>k</title></head><body></body></html>',
  );
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'renderer', 'assets', 'big.js'), BIG_SCRIPT);
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  writeMediaPack(join(root, MEDIA_PACK_ID), inject('mediaCacheDir'));
  const pack = loadPack(join(root, MEDIA_PACK_ID), { mediaBase: MEDIA_BASES.preview });
  server = await startPreviewServer({
    api,
    media: mediaLibraryOf([pack]),
    rendererDir: join(root, 'renderer'),
    port: 0,
  });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the preview server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('injects the bridge before the app and sends a strict CSP', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="./kiosk-bridge.js"></script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('admits media from its own /media/ only, in the header and in place of the page’s meta policy', async () => {
    const page = await raw('/');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("media-src 'self'");
    expect(policy).toContain("img-src 'self' data:;");
    expect(policy).not.toContain('kiosk-media');
    expect(page.body).toContain(`content="${policy.replace("; frame-ancestors 'none'", '')}"`);
    expect(page.body).not.toContain('kiosk-media');
  });

  it('serves built assets and nothing outside the renderer folder', async () => {
    expect((await raw('/assets/app.js')).status).toBe(200);
    expect((await raw('/../secret.txt')).body).not.toContain('do not serve');
    expect((await raw('/%2e%2e%2fsecret.txt')).status).toBe(403);
    expect((await raw('/missing.js')).status).toBe(404);
  });

  it('sends a built asset gzipped only to a request that accepts gzip', async () => {
    const plain = await raw('/assets/big.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.body).toBe(BIG_SCRIPT);
    const gzipped = await raw('/assets/big.js', { encoding: 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gzipped.bytes.length).toBeLessThan(BIG_SCRIPT.length);
    expect(gunzipSync(gzipped.bytes).toString('utf8')).toBe(BIG_SCRIPT);
    expect((await raw('/missing.js', { encoding: 'gzip' })).status).toBe(404);
  });

  it('answers 400 to a malformed percent-encoding and 404 to a folder, never 500', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/assets/%zz.js']) {
      expect((await raw(path)).status, path).toBe(400);
    }
    for (const path of ['/assets', '/assets/', '/%2e/assets']) {
      expect((await raw(path)).status, path).toBe(404);
    }
    expect((await raw('/media/x/%E0%A4%A')).status).toBe(404);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await raw('/', { host: 'evil.example:80' })).status).toBe(421);
  });

  it('passes a JSON POST to the API table and refuses other requests', async () => {
    const ok = await raw('/api/session.start', {
      method: 'POST',
      type: 'application/json',
      body: '{"locale":"en"}',
    });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { echoed: 'session.start' } });
    expect(calls.at(-1)).toEqual(['session.start', { locale: 'en' }]);
    expect(
      (await raw('/api/session.start', { method: 'POST', type: 'text/plain', body: '{}' })).status,
    ).toBe(415);
    expect((await raw('/api/session.start')).status).toBe(405);
    expect(
      (await raw('/api/session.start', { method: 'POST', type: 'application/json', body: '{' }))
        .status,
    ).toBe(400);
    const staffOnly = await raw('/api/app.status', {
      method: 'POST',
      type: 'application/json',
      body: '{}',
    });
    expect(JSON.parse(staffOnly.body)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });
});

describe('pack media', () => {
  const video = `/media/${MEDIA_PACK_ID}/media/intro.webm`;
  const bytes = () => readFileSync(join(root, MEDIA_PACK_ID, 'media', 'intro.webm'));

  it('serves a declared file with its type, whole', async () => {
    const response = await raw(video);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('video/webm');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.bytes.equals(bytes())).toBe(true);
    const captions = await raw(`/media/${MEDIA_PACK_ID}/media/intro.en.vtt`);
    expect(captions.headers['content-type']).toBe('text/vtt; charset=utf-8');
    expect(captions.body.startsWith('WEBVTT')).toBe(true);
  });

  it('answers a Range request with exactly those bytes, for seeking', async () => {
    const response = await raw(video, { range: 'bytes=100-199' });
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 100-199/${bytes().length}`);
    expect(response.bytes.equals(bytes().subarray(100, 200))).toBe(true);
    expect((await raw(video, { range: `bytes=${bytes().length}-` })).status).toBe(416);
    const head = await raw(video, { method: 'HEAD' });
    expect([head.status, head.bytes.length]).toEqual([200, 0]);
  });

  it('serves nothing the pack does not declare, and nothing outside it', async () => {
    for (const path of [
      `/media/${MEDIA_PACK_ID}/manifest.json`,
      `/media/${MEDIA_PACK_ID}/pages/en/welcome.md`,
      `/media/${MEDIA_PACK_ID}/%2e%2e/secret.txt`,
      `/media/${MEDIA_PACK_ID}/media/..%2F..%2Fmanifest.json`,
      `/media/${MEDIA_PACK_ID}/media/%2e%2e%2f%2e%2e%2fmanifest.json`,
      `/media/other/media/intro.webm`,
      '/media/../secret.txt',
    ]) {
      const response = await raw(path);
      expect(response.status, path).not.toBe(200);
      expect(response.body, path).not.toContain('do not serve');
      expect(response.body, path).not.toContain('"steps"');
    }
  });
});

describe('the bridge script', () => {
  it('gives window.kiosk one method per renderer channel and nothing else', async () => {
    const posted: string[] = [];
    const window: Record<string, unknown> = {};
    const fetch = (url: string) => {
      posted.push(url);
      return Promise.resolve({ ok: true, json: () => Promise.resolve({ ok: true, value: 1 }) });
    };
    runInNewContext(bridgeScript(RENDERER_CHANNELS), { window, fetch });
    const kiosk = window.kiosk as Record<
      string,
      Record<string, (input: unknown) => Promise<unknown>>
    >;
    const exposed = Object.entries(kiosk).flatMap(([ns, methods]) =>
      Object.keys(methods).map((m) => `${ns}.${m}`),
    );
    expect(exposed.sort()).toEqual([...RENDERER_CHANNELS].sort());
    expect(Object.isFrozen(kiosk)).toBe(true);
    await kiosk.session?.start?.({ locale: 'en' });
    expect(posted).toEqual(['./api/session.start']);
  });
});
