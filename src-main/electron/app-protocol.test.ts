import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const protocol = vi.hoisted(() => ({
  handle: vi.fn<(scheme: string, handler: (request: Request) => Response) => void>(),
  unhandle: vi.fn(),
}));
vi.mock('electron', () => ({ protocol }));

const { APP_SCHEME_PRIVILEGES, appPageUrl, appResponse, handleAppProtocol } =
  await import('./app-protocol');

const POLICY = "default-src 'none'; script-src 'self'";
const BIG_SCRIPT = `console.log(${JSON.stringify('the kiosk '.repeat(500))});`;
let root: string;
let renderer: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-app-protocol-'));
  renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(renderer, 'assets', 'big.js'), BIG_SCRIPT);
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  vi.clearAllMocks();
});

const get = (url: string, method = 'GET') =>
  appResponse(renderer, POLICY, new Request(url, { method }));

describe('the app:// scheme', () => {
  it('is standard and secure, with fetch, and neither bypasses CSP nor admits other origins', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(appPageUrl('index.html')).toBe('app://kiosk/index.html');
  });

  it('serves the built page and its assets with their types and the policy as a header', async () => {
    const page = get('app://kiosk/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>kiosk</title>');
    const script = get('app://kiosk/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1);');
    expect(get('app://kiosk/').status).toBe(200);
  });

  it('encodes an asset only for a request whose Accept-Encoding takes it', async () => {
    const plain = get('app://kiosk/assets/big.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(BIG_SCRIPT);
    const encoded = appResponse(
      renderer,
      POLICY,
      new Request('app://kiosk/assets/big.js', { headers: { 'accept-encoding': 'gzip, br' } }),
    );
    expect(encoded.headers.get('content-encoding')).toBe('br');
    expect(encoded.headers.get('vary')).toBe('accept-encoding');
    expect(encoded.headers.get('content-security-policy')).toBe(POLICY);
    const bytes = Buffer.from(await encoded.arrayBuffer());
    expect(brotliDecompressSync(bytes).toString('utf8')).toBe(BIG_SCRIPT);
  });

  it('serves nothing outside the renderer folder, no folder, no other host, and only GET', async () => {
    for (const url of [
      'app://kiosk/../secret.txt',
      'app://kiosk/%2e%2e/secret.txt',
      'app://kiosk/%2e%2e%2fsecret.txt',
      'app://kiosk/assets',
      'app://kiosk/missing.js',
      'app://other/index.html',
    ]) {
      const response = get(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain('do not serve');
    }
    expect(get('app://kiosk/%E0%A4%A').status).toBe(400);
    expect(get('app://kiosk/index.html', 'POST').status).toBe(405);
  });

  it('is handled on the scheme and unhandled when the kiosk closes', () => {
    const stop = handleAppProtocol(renderer, POLICY);
    const [scheme, handler] = protocol.handle.mock.calls[0] ?? [];
    expect(scheme).toBe('app');
    expect(handler?.(new Request('app://kiosk/index.html')).status).toBe(200);
    stop();
    expect(protocol.unhandle).toHaveBeenCalledWith('app');
  });
});
