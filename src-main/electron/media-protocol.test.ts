import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { MEDIA_PACK_ID, writeMediaPack } from '../../test/support/media-pack';
import { loadPack, mediaLibraryOf, type MediaLibrary } from '../content';

const protocol = vi.hoisted(() => ({
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn<(scheme: string, handler: (request: Request) => Response) => void>(),
  unhandle: vi.fn(),
}));
vi.mock('electron', () => ({ protocol }));

const { handleMediaProtocol, MEDIA_SCHEME_PRIVILEGES, mediaResponse } =
  await import('./media-protocol');
const { APP_SCHEME_PRIVILEGES } = await import('./app-protocol');
const { registerKioskSchemes } = await import('./schemes');

let root: string;
let library: MediaLibrary;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-media-protocol-'));
  writeMediaPack(join(root, MEDIA_PACK_ID), inject('mediaCacheDir'));
  library = mediaLibraryOf([loadPack(join(root, MEDIA_PACK_ID))]);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  vi.clearAllMocks();
});

const VIDEO_URL = `kiosk-media://${MEDIA_PACK_ID}/media/intro.webm`;
const videoBytes = () => readFileSync(join(root, MEDIA_PACK_ID, 'media', 'intro.webm'));

describe('the kiosk-media scheme', () => {
  it('is registered as a standard, secure, streaming scheme with CORS, and no CSP bypass', () => {
    registerKioskSchemes();
    // One call for both of the kiosk's schemes: Electron takes privileges once, before ready.
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      APP_SCHEME_PRIVILEGES,
      MEDIA_SCHEME_PRIVILEGES,
    ]);
    expect(MEDIA_SCHEME_PRIVILEGES).toEqual({
      scheme: 'kiosk-media',
      privileges: { standard: true, secure: true, stream: true, corsEnabled: true },
    });
  });

  it('is handled by the shared lookup, and unhandled when the kiosk closes', async () => {
    const stop = handleMediaProtocol(library);
    const [scheme, handler] = protocol.handle.mock.calls[0] ?? [];
    expect(scheme).toBe('kiosk-media');
    const response = handler?.(new Request(VIDEO_URL));
    expect(response?.status).toBe(200);
    await response?.body?.cancel();
    stop();
    expect(protocol.unhandle).toHaveBeenCalledWith('kiosk-media');
  });
});

describe('mediaResponse', () => {
  it('streams a declared file with its type, and CORS for the file:// page’s caption tracks', async () => {
    const response = mediaResponse(library, new Request(VIDEO_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/webm');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(Buffer.from(await response.arrayBuffer()).equals(videoBytes())).toBe(true);
  });

  it('answers a Range request with 206 and exactly those bytes', async () => {
    const response = mediaResponse(
      library,
      new Request(VIDEO_URL, { headers: { range: 'bytes=10-19' } }),
    );
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 10-19/${videoBytes().length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(videoBytes().subarray(10, 20))).toBe(
      true,
    );
  });

  it('refuses traversal and files the pack does not declare', async () => {
    for (const url of [
      `kiosk-media://${MEDIA_PACK_ID}/manifest.json`,
      `kiosk-media://${MEDIA_PACK_ID}/pages/en/welcome.md`,
      `kiosk-media://${MEDIA_PACK_ID}/media/%2e%2e/manifest.json`,
      `kiosk-media://${MEDIA_PACK_ID}/media/..%2Fmanifest.json`,
      `kiosk-media://${MEDIA_PACK_ID}/../../etc/passwd`,
      'kiosk-media://other-pack/media/intro.webm',
    ]) {
      const response = mediaResponse(library, new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('"steps"');
    }
    const post = mediaResponse(library, new Request(VIDEO_URL, { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});
