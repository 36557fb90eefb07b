import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { MEDIA_PACK_ID, writeMediaPack } from '../../test/support/media-pack';
import { loadPack } from './load-pack';
import { answerMediaRequest, mediaLibraryOf, parseRange, type MediaLibrary } from './media-library';
import type { Pack } from './pack-model';

let root: string;
let pack: Pack;
let library: MediaLibrary;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-media-library-'));
  writeMediaPack(join(root, MEDIA_PACK_ID), inject('mediaCacheDir'));
  // A file in the pack folder that no step or page names.
  writeFileSync(join(root, MEDIA_PACK_ID, 'media', 'stray.png'), 'not declared');
  pack = loadPack(join(root, MEDIA_PACK_ID));
  library = mediaLibraryOf([pack]);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const VIDEO = `${MEDIA_PACK_ID}/media/intro.webm`;

function get(urlPath: string, headers: { range?: string; ifRange?: string } = {}) {
  return answerMediaRequest(library, { urlPath, method: 'GET', ...headers });
}

function videoSize(): number {
  return pack.media.get('media/intro.webm')?.size ?? 0;
}

describe('the media lookup', () => {
  it('serves a declared file whole, with its type, length, hash as ETag and byte ranges offered', () => {
    const answer = get(VIDEO);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ start: 0, end: videoSize() - 1 });
    expect(answer.headers).toMatchObject({
      'content-type': 'video/webm',
      'content-length': String(videoSize()),
      'accept-ranges': 'bytes',
      etag: `"${pack.media.get('media/intro.webm')?.sha256 ?? ''}"`,
      'x-content-type-options': 'nosniff',
    });
    expect(get(`${MEDIA_PACK_ID}/media/intro.en.vtt`).headers['content-type']).toBe(
      'text/vtt; charset=utf-8',
    );
  });

  it('serves only what the pack declares: never the manifest, a page, a stray file or another pack', () => {
    for (const path of [
      `${MEDIA_PACK_ID}/manifest.json`,
      `${MEDIA_PACK_ID}/pages/en/welcome.md`,
      `${MEDIA_PACK_ID}/media/stray.png`,
      `other-pack/media/intro.webm`,
      `${MEDIA_PACK_ID}/media/missing.webm`,
    ]) {
      expect(get(path).status, path).toBe(404);
    }
  });

  it('refuses traversal however it is spelled', () => {
    for (const path of [
      `${MEDIA_PACK_ID}/../${MEDIA_PACK_ID}/media/intro.webm`,
      `${MEDIA_PACK_ID}/media/../manifest.json`,
      `${MEDIA_PACK_ID}/%2e%2e/%2e%2e/etc/passwd`,
      `${MEDIA_PACK_ID}/media%2F..%2F..%2Fmanifest.json`,
      `${MEDIA_PACK_ID}/media/..%5C..%5Cmanifest.json`,
      `${MEDIA_PACK_ID}//etc/passwd`,
    ]) {
      const answer = get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.file, path).toBeUndefined();
    }
  });

  it('answers a range with 206 and Content-Range, for seeking', () => {
    const size = videoSize();
    const first = get(VIDEO, { range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.body).toEqual({ start: 0, end: 99 });
    expect(first.headers['content-length']).toBe('100');
    expect(first.headers['content-range']).toBe(`bytes 0-99/${size}`);
    expect(get(VIDEO, { range: 'bytes=100-' }).body).toEqual({ start: 100, end: size - 1 });
    expect(get(VIDEO, { range: 'bytes=-10' }).body).toEqual({ start: size - 10, end: size - 1 });
    // A last byte past the end is cut to the end.
    expect(get(VIDEO, { range: `bytes=10-${size * 2}` }).body).toEqual({
      start: 10,
      end: size - 1,
    });
  });

  it('answers 416 for a range past the end, and the whole file for one it cannot use', () => {
    const unsatisfiable = get(VIDEO, { range: `bytes=${videoSize()}-` });
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers['content-range']).toBe(`bytes */${videoSize()}`);
    for (const range of ['bytes=0-1,5-6', 'items=0-1', 'bytes=9-3', 'bytes=-', 'nonsense']) {
      expect(get(VIDEO, { range }).status, range).toBe(200);
    }
    const etag = get(VIDEO).headers.etag ?? '';
    expect(get(VIDEO, { range: 'bytes=0-9', ifRange: etag }).status).toBe(206);
    expect(get(VIDEO, { range: 'bytes=0-9', ifRange: '"another version"' }).status).toBe(200);
  });

  it('sends no body for HEAD and refuses other methods', () => {
    const head = answerMediaRequest(library, { urlPath: VIDEO, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(answerMediaRequest(library, { urlPath: VIDEO, method: 'POST' }).status).toBe(405);
  });

  it('stops serving a file changed on disk since it was hashed', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const poster = join(root, MEDIA_PACK_ID, 'media', 'poster.png');
    const { atime, mtime } = statSync(poster);
    utimesSync(poster, atime, new Date(mtime.getTime() + 60_000));
    expect(get(`${MEDIA_PACK_ID}/media/poster.png`).status).toBe(404);
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/changed after the pack was loaded/));
    // Loaded (checked and hashed) again, as at the next start, it is served.
    const reloaded = mediaLibraryOf([loadPack(join(root, MEDIA_PACK_ID))]);
    expect(
      answerMediaRequest(reloaded, { urlPath: `${MEDIA_PACK_ID}/media/poster.png`, method: 'GET' })
        .status,
    ).toBe(200);
    error.mockRestore();
  });
});

describe('parseRange', () => {
  it('reads the three forms of one byte range', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange(' bytes=5- ', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-20', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=-0', 10)).toBe('unsatisfiable');
    expect(parseRange(undefined, 10)).toBeUndefined();
  });
});
