import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, encodingHeaders, rendererFile } from './renderer-files';

let root: string;
const SCRIPT = `console.log(${JSON.stringify('the kiosk '.repeat(500))});\n`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-renderer-files-'));
  writeFileSync(join(root, 'app.js'), SCRIPT);
  writeFileSync(join(root, 'tiny.js'), '1');
  writeFileSync(join(root, 'logo.png'), Buffer.alloc(4096, 7));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function served(path: string, acceptEncoding?: string) {
  const file = rendererFile(root, path, acceptEncoding);
  if (!file.ok) {
    throw new Error(`${path}: ${file.message}`);
  }
  return file;
}

describe('Accept-Encoding negotiation', () => {
  it('takes brotli over gzip when both are accepted, and gzip alone when only it is', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('GZip;Q=0.5')).toBe('gzip');
    expect(chooseEncoding('br;q=0.2, gzip;q=0.8')).toBe('gzip');
  });

  it('sends the file as it is with no header, an empty one, only identity, or q=0', () => {
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding(null)).toBeNull();
    expect(chooseEncoding('')).toBeNull();
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding('deflate, zstd')).toBeNull();
    expect(chooseEncoding('gzip;q=0, br;q=0')).toBeNull();
    expect(chooseEncoding('*;q=0')).toBeNull();
    expect(chooseEncoding('gzip;q=nonsense')).toBeNull();
  });

  it('lets * stand for any coding not named', () => {
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('br;q=0, *')).toBe('gzip');
  });
});

describe('a renderer file, encoded', () => {
  it('is the file as it is when the request accepts no encoding', () => {
    const file = served('/app.js');
    expect(file.encoding).toBeNull();
    expect(file.body.toString('utf8')).toBe(SCRIPT);
    expect(encodingHeaders(file.encoding)).toEqual({ vary: 'accept-encoding' });
  });

  it('is gzip or brotli, decoding to the same bytes, when the request accepts it', () => {
    const gzip = served('/app.js', 'gzip');
    expect(gzip.encoding).toBe('gzip');
    expect(gzip.body.length).toBeLessThan(SCRIPT.length);
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(SCRIPT);
    expect(encodingHeaders(gzip.encoding)).toEqual({
      'content-encoding': 'gzip',
      vary: 'accept-encoding',
    });
    const br = served('/app.js', 'gzip, br');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body).toString('utf8')).toBe(SCRIPT);
    expect(br.type).toBe('text/javascript; charset=utf-8');
  });

  it('is compressed once and then served from memory, until the file changes', () => {
    expect(served('/app.js', 'gzip').body).toBe(served('/app.js', 'gzip').body);
    const changed = `${SCRIPT}console.log('rebuilt, and longer');\n`;
    writeFileSync(join(root, 'app.js'), changed);
    expect(gunzipSync(served('/app.js', 'gzip').body).toString('utf8')).toBe(changed);
    writeFileSync(join(root, 'app.js'), SCRIPT);
  });

  it('is left as it is when compressing would not shrink it, and for images', () => {
    expect(served('/tiny.js', 'gzip').encoding).toBeNull();
    expect(served('/tiny.js', 'gzip').body.toString('utf8')).toBe('1');
    expect(served('/logo.png', 'gzip, br').encoding).toBeNull();
  });

  it('refuses the same paths whether or not the request accepts an encoding', () => {
    expect(rendererFile(root, '/missing.js', 'gzip')).toMatchObject({ ok: false, status: 404 });
    expect(rendererFile(root, '/%2e%2e%2fx.js', 'br')).toMatchObject({ ok: false, status: 403 });
  });
});
