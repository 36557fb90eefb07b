import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransportTarget } from '../api';
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

function raw(
  path: string,
  options: { method?: string; host?: string; body?: string; type?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
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
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
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
    '<html><head><title>k</title></head><body></body></html>',
  );
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  server = await startPreviewServer({ api, rendererDir: join(root, 'renderer'), port: 0 });
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

  it('serves built assets and nothing outside the renderer folder', async () => {
    expect((await raw('/assets/app.js')).status).toBe(200);
    expect((await raw('/../secret.txt')).body).not.toContain('do not serve');
    expect((await raw('/%2e%2e%2fsecret.txt')).status).toBe(403);
    expect((await raw('/missing.js')).status).toBe(404);
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
