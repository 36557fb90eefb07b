/**
 * A content pack with media, for the unit and end-to-end tests: a page with a picture, a video
 * step with WebVTT captions and a poster, identity and review. The video and pictures are made
 * on the spot with Debian's ffmpeg (never committed): a three-second WebM (VP8, which Chromium
 * plays) of ffmpeg's test pattern, and PNGs of it.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

export const MEDIA_PACK_ID = 'video-education';
export const VIDEO_STEP_ID = 'watch-first';
export const VIDEO_SECONDS = 3;
export const PICTURE_ALT = 'The kiosk screen showing a test pattern';
export const CAPTION_TEXT = 'Welcome to the clinic video.';

const ROOT = resolve(import.meta.dirname, '../..');

/** The generated files, by their path in the pack. */
const MEDIA_FILES = ['media/intro.webm', 'media/poster.png', 'media/picture.png'] as const;

export const CAPTIONS_EN = `WEBVTT

00:00.000 --> 00:01.500
${CAPTION_TEXT}

00:01.500 --> 00:03.000
Please watch to the end.
`;

function ffmpeg(args: string[]): void {
  try {
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'media-pack: ffmpeg is not installed (apt-get install -y ffmpeg); the media tests make their video with it'
        : `media-pack: ffmpeg ${args.join(' ')} failed: ${String(error)}`,
      { cause: error },
    );
  }
}

/**
 * The generated media in `cacheDir` (made once: in a folder of its own, renamed into place,
 * so tests running side by side never see half a file).
 */
export function generatedMedia(cacheDir: string): string {
  const done = join(cacheDir, 'media-v1');
  if (existsSync(done)) {
    return done;
  }
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, 'making-'));
  mkdirSync(join(work, 'media'));
  const pattern = `testsrc=duration=${VIDEO_SECONDS}:size=320x240:rate=10`;
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    pattern,
    '-c:v',
    'libvpx',
    '-b:v',
    '200k',
    '-an',
    join(work, MEDIA_FILES[0]),
  ]);
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=320x240:rate=1',
    '-frames:v',
    '1',
    join(work, MEDIA_FILES[1]),
  ]);
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=160x120:rate=1',
    '-frames:v',
    '1',
    join(work, MEDIA_FILES[2]),
  ]);
  try {
    renameSync(work, done);
  } catch {
    // Another test made it first.
    rmSync(work, { recursive: true, force: true });
  }
  return done;
}

const en = (text: string) => ({ en: text });

export interface MediaPackOptions {
  requireWatched?: boolean;
}

export function mediaManifest(options: MediaPackOptions = {}) {
  return {
    id: MEDIA_PACK_ID,
    version: '1.0.0',
    defaultLocale: 'en',
    locales: ['en'],
    title: en('Your first visit, with a video'),
    steps: [
      { kind: 'page', id: 'welcome', title: en('Welcome') },
      {
        kind: 'video',
        id: VIDEO_STEP_ID,
        title: en('A short video'),
        intro: en('This video shows what happens on the day. It has captions.'),
        file: 'media/intro.webm',
        captions: en('media/intro.en.vtt'),
        poster: 'media/poster.png',
        ...(options.requireWatched === false ? {} : { requireWatched: true }),
      },
      {
        kind: 'identity',
        id: 'identity',
        title: en('Your details'),
        intro: en('Please enter your full name and date of birth.'),
      },
      {
        kind: 'review',
        id: 'review',
        title: en('Check and submit'),
        intro: en('Check your answers, then press Submit.'),
      },
    ],
  };
}

export const WELCOME_PAGE = `This visit starts with a short video.

![${PICTURE_ALT}](media/picture.png)

Press Next when you are ready.
`;

/** Writes the pack into `packDir` (its folder name must be MEDIA_PACK_ID). */
export function writeMediaPack(packDir: string, cacheDir: string, options: MediaPackOptions = {}) {
  const media = generatedMedia(cacheDir);
  mkdirSync(join(packDir, 'pages', 'en'), { recursive: true });
  mkdirSync(join(packDir, 'media'), { recursive: true });
  writeFileSync(join(packDir, 'manifest.json'), JSON.stringify(mediaManifest(options), null, 2));
  writeFileSync(join(packDir, 'pages', 'en', 'welcome.md'), WELCOME_PAGE);
  writeFileSync(join(packDir, 'media', 'intro.en.vtt'), CAPTIONS_EN);
  for (const file of MEDIA_FILES) {
    copyFileSync(join(media, file), join(packDir, file));
  }
}

/**
 * A resources folder offering only the media pack: the real clinic profile, a kiosk.json
 * naming the pack, and the pack. Returns the folder (`--resources-dir`).
 */
export function writeMediaResources(
  root: string,
  cacheDir: string,
  options: MediaPackOptions = {},
) {
  const resources = join(root, 'resources');
  mkdirSync(join(resources, 'content'), { recursive: true });
  cpSync(join(ROOT, 'resources', 'clinic'), join(resources, 'clinic'), { recursive: true });
  writeFileSync(
    join(resources, 'kiosk.json'),
    JSON.stringify({
      idleWarningSeconds: 90,
      idleCountdownSeconds: 30,
      onScreenKeyboard: 'auto',
      dailyRestart: null,
      staffIdleMinutes: 5,
      alertWebhookUrl: null,
      programmes: [MEDIA_PACK_ID],
    }),
  );
  writeMediaPack(join(resources, 'content', MEDIA_PACK_ID), cacheDir, options);
  return resources;
}
