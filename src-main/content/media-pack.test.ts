import { createHash } from 'node:crypto';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  CAPTIONS_EN,
  MEDIA_PACK_ID,
  mediaManifest,
  PICTURE_ALT,
  VIDEO_SECONDS,
  VIDEO_STEP_ID,
  writeMediaPack,
} from '../../test/support/media-pack';
import { loadPack, MEDIA_BASES, packSnapshot, verifySnapshot } from './index';
import { loadError } from './pack-test-fixtures';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The media test pack in a fresh folder named for it. */
function mediaPack(): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-media-pack-'));
  temps.push(root);
  const dir = join(root, MEDIA_PACK_ID);
  writeMediaPack(dir, inject('mediaCacheDir'));
  return dir;
}

type Manifest = ReturnType<typeof mediaManifest> & { locales: string[] };
type VideoJson = Record<string, unknown> & { captions: Record<string, string> };

function editManifest(dir: string, edit: (manifest: Manifest, video: VideoJson) => void): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  edit(manifest, manifest.steps[1] as unknown as VideoJson);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

const VIDEO = 'steps[1]';

describe('a pack with a video and a picture', () => {
  it('loads, declaring each media file with its type, size, hash and the video’s length', () => {
    const dir = mediaPack();
    const pack = loadPack(dir);
    expect([...pack.media.keys()].sort()).toEqual([
      'media/intro.en.vtt',
      'media/intro.webm',
      'media/picture.png',
      'media/poster.png',
    ]);
    const video = pack.media.get('media/intro.webm');
    expect(video).toMatchObject({ kind: 'video', contentType: 'video/webm' });
    expect(video?.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(dir, 'media/intro.webm')))
        .digest('hex'),
    );
    expect(video?.durationSeconds).toBeCloseTo(VIDEO_SECONDS, 1);
    expect(pack.media.get('media/intro.en.vtt')?.contentType).toBe('text/vtt; charset=utf-8');
  });

  it('gives the renderer media URLs of its transport, never paths, with captions on', () => {
    const dir = mediaPack();
    for (const [base, prefix] of [
      [MEDIA_BASES.electron, `kiosk-media://${MEDIA_PACK_ID}/`],
      [MEDIA_BASES.preview, `/media/${MEDIA_PACK_ID}/`],
    ] as const) {
      const client = loadPack(dir, { mediaBase: base }).toClient('en');
      const video = client.steps.find((step) => step.id === VIDEO_STEP_ID);
      expect(video).toEqual({
        kind: 'video',
        id: VIDEO_STEP_ID,
        title: 'A short video',
        intro: 'This video shows what happens on the day. It has captions.',
        video: { src: `${prefix}media/intro.webm`, type: 'video/webm' },
        captions: [{ locale: 'en', src: `${prefix}media/intro.en.vtt` }],
        poster: `${prefix}media/poster.png`,
        requireWatched: true,
      });
      const page = client.steps[0];
      expect(page?.kind === 'page' && page.html).toContain(
        `<img src="${prefix}media/picture.png" alt="${PICTURE_ALT}" />`,
      );
      expect(JSON.stringify(client)).not.toContain(dir);
    }
  });

  it('hashes the media bytes: one changed byte of the video, captions or picture is a new hash', () => {
    const dir = mediaPack();
    const before = loadPack(dir).hash;
    expect(loadPack(dir).hash).toBe(before);
    const hashes = new Set([before]);
    for (const file of ['media/intro.webm', 'media/intro.en.vtt', 'media/picture.png']) {
      const path = join(dir, file);
      const original = readFileSync(path);
      const changed = Buffer.from(original);
      const last = changed.length - 1;
      changed[last] = (changed[last] ?? 0) ^ 0x01;
      writeFileSync(path, changed);
      hashes.add(loadPack(dir).hash);
      writeFileSync(path, original);
    }
    expect(hashes.size).toBe(4);
    expect(loadPack(dir).hash).toBe(before);
  });

  it('keeps a verifiable snapshot that lists the media hashes but not the media', () => {
    const pack = loadPack(mediaPack());
    const snapshot = packSnapshot(pack);
    expect(verifySnapshot(snapshot, pack.hash)).toBe(true);
    const parsed = JSON.parse(snapshot) as { media: Record<string, string> };
    expect(parsed.media['media/intro.webm']).toBe(pack.media.get('media/intro.webm')?.sha256);
    expect(snapshot.length).toBeLessThan(10_000);
    expect(snapshot).not.toContain('WEBVTT');
  });
});

describe('a broken pack with media', () => {
  it('needs captions for every locale', () => {
    const dir = mediaPack();
    editManifest(dir, (manifest) => {
      manifest.locales = ['en', 'es'];
      // Everything else in Spanish too, so only the captions are missing.
      const addEs = (value: unknown): void => {
        if (typeof value === 'object' && value !== null) {
          const record = value as Record<string, unknown>;
          if (typeof record.en === 'string' && Object.keys(record).length === 1) {
            record.es = record.en;
          } else {
            Object.values(record).forEach(addEs);
          }
        }
      };
      addEs(manifest);
      const video = manifest.steps[1] as unknown as VideoJson;
      video.captions = { en: 'media/intro.en.vtt' };
    });
    const error = loadError(dir);
    expect(error.file).toBe('manifest.json');
    expect(error.field).toBe(`${VIDEO}.captions.es`);
    expect(error.message).toMatch(/is required/);
  });

  it.each([
    ['a video of another type', 'file', 'media/intro.mkv', /must be a WebM or MP4 video/],
    ['a video outside the pack', 'file', '../intro.webm', /must be a file inside the pack/],
    ['an absolute path', 'file', '/etc/intro.webm', /must be a file inside the pack/],
    ['a web address', 'file', 'https://example.com/a.webm', /must be a file inside the pack/],
    ['captions that are not WebVTT by name', 'captions', { en: 'media/intro.srt' }, /WebVTT/],
    ['a poster that is not a picture', 'poster', 'media/intro.webm', /must be a picture/],
    ['a requireWatched that is not a yes or no', 'requireWatched', 'always', /boolean/],
  ])('refuses %s, naming the manifest field', (_name, field, value, reason) => {
    const dir = mediaPack();
    editManifest(dir, (_manifest, video) => {
      video[field] = value;
    });
    const error = loadError(dir);
    expect(error.file).toBe('manifest.json');
    expect(error.field).toMatch(new RegExp(`^steps\\[1\\]\\.${field}`));
    expect(error.message).toMatch(reason);
  });

  it('refuses a missing video, naming the file and the field that names it', () => {
    const dir = mediaPack();
    rmSync(join(dir, 'media/intro.webm'));
    const error = loadError(dir);
    expect([error.file, error.field]).toEqual(['media/intro.webm', `${VIDEO}.file`]);
    expect(error.message).toMatch(/does not exist/);
  });

  it('refuses a file whose bytes are not of its type', () => {
    const dir = mediaPack();
    writeFileSync(join(dir, 'media/intro.webm'), readFileSync(join(dir, 'media/poster.png')));
    const error = loadError(dir);
    expect([error.file, error.field]).toEqual(['media/intro.webm', `${VIDEO}.file`]);
    expect(error.message).toMatch(/does not hold the bytes of a webm file/);
  });

  it('refuses captions that do not start with WEBVTT, and accepts a byte order mark before it', () => {
    const dir = mediaPack();
    writeFileSync(join(dir, 'media/intro.en.vtt'), `\uFEFF${CAPTIONS_EN}`);
    expect(() => loadPack(dir)).not.toThrow();
    writeFileSync(join(dir, 'media/intro.en.vtt'), '1\n00:00:00,000 --> 00:00:01,000\nHello\n');
    const error = loadError(dir);
    expect([error.file, error.field]).toEqual(['media/intro.en.vtt', `${VIDEO}.captions.en`]);
    expect(error.message).toMatch(/must start with "WEBVTT"/);
  });

  it('refuses a symbolic link that leads out of the pack', () => {
    const dir = mediaPack();
    const outside = join(dir, '..', 'outside.webm');
    writeFileSync(outside, readFileSync(join(dir, 'media/intro.webm')));
    rmSync(join(dir, 'media/intro.webm'));
    symlinkSync(outside, join(dir, 'media/intro.webm'));
    const error = loadError(dir);
    expect([error.file, error.field]).toEqual(['media/intro.webm', `${VIDEO}.file`]);
    expect(error.message).toMatch(/leads outside the pack folder/);
  });

  it('refuses a picture without alt text, naming the page file, the step and the line', () => {
    const dir = mediaPack();
    appendFileSync(join(dir, 'pages/en/welcome.md'), '\n![](media/picture.png)\n');
    const error = loadError(dir);
    expect([error.file, error.field]).toEqual(['pages/en/welcome.md', 'steps[0]']);
    expect(error.message).toMatch(/line 7: the picture "media\/picture.png" has no alt text/);
  });

  it.each([
    ['outside the pack', '../secret.png', /must be a file inside the pack/],
    ['from the web', 'https://example.com/a.png', /must be a file inside the pack/],
    ['missing', 'media/missing.png', /does not exist/],
    ['not a picture', 'media/intro.en.vtt', /must be a picture/],
  ])('refuses a picture %s', (_name, src, reason) => {
    const dir = mediaPack();
    appendFileSync(join(dir, 'pages/en/welcome.md'), `\n![A picture](${src})\n`);
    const error = loadError(dir);
    expect(error.field).toBe('steps[0]');
    expect(error.message).toMatch(reason);
  });
});
