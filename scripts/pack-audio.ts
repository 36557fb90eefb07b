/**
 * `npm run pack:audio [-- <pack-id>…]`: renders the read-aloud audio of content packs (every
 * pack in resources/content without an id), one clip a sentence, into each pack's
 * `audio/<locale>/`, with its `index.json` (src-main/content/audio-index.ts). Run it after
 * editing any text of a pack: the kiosk reads aloud only texts whose audio matches them.
 *
 * Speech is eSpeak NG (Debian's `espeak-ng`), encoded by ffmpeg as Ogg Opus, mono, 16 kHz at
 * 16 kbit/s (speech-grade; Opus's VoIP mode, https://opus-codec.org/). It runs here, once,
 * not on the kiosk: the clips are files of the pack, covered by its hash, so a kiosk needs no
 * network and no speech engine (Windows or Linux) to play them. A clip already on disk for its
 * sentence is kept; clips no sentence uses any more are removed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { audioIndexFile, buildAudioIndex } from '../src-main/content/audio-index';
import { loadPack } from '../src-main/content/load-pack';

const CONTENT_DIR = resolve(import.meta.dirname, '../resources/content');

/** eSpeak NG voices by language: US English, and Spanish as spoken in the Americas. */
const VOICES: Readonly<Record<string, string>> = { en: 'en-us', es: 'es-419' };
/** Words a minute: a little slower than eSpeak's 175, for a waiting room. */
const WORDS_PER_MINUTE = 150;
const OPUS = ['-ac', '1', '-ar', '16000', '-c:a', 'libopus', '-b:a', '16k', '-application', 'voip'];

function run(command: string, args: readonly string[], input?: Buffer | string): Buffer {
  const result = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    throw new Error(`run: ${command} could not start (${result.error.message}); is it installed?`);
  }
  if (result.status !== 0) {
    throw new Error(`run: ${command} failed: ${result.stderr.toString().trim()}`);
  }
  return result.stdout;
}

/** One sentence spoken by `voice`, as Ogg Opus bytes. */
function speak(sentence: string, voice: string): Buffer {
  const wav = run(
    'espeak-ng',
    ['-v', voice, '-s', String(WORDS_PER_MINUTE), '--stdin', '--stdout'],
    sentence,
  );
  // `bitexact`: no encoder name, and Ogg serial numbers counted rather than random, so the
  // same sentence gives the same bytes (and the same pack hash) when rendered again.
  return run(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'wav',
      '-i',
      'pipe:0',
      ...OPUS,
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      '-f',
      'ogg',
      'pipe:1',
    ],
    wav,
  );
}

function engineName(): string {
  return run('espeak-ng', ['--version']).toString().split('  ')[0]?.trim() ?? 'eSpeak NG';
}

function renderPack(packDir: string, engine: string): void {
  const pack = loadPack(packDir);
  for (const locale of pack.locales) {
    const voice = VOICES[locale.split('-')[0] ?? locale];
    if (voice === undefined) {
      throw new Error(`renderPack: ${pack.id}: no voice for the locale "${locale}"`);
    }
    const index = buildAudioIndex(
      pack.steps,
      locale,
      pack.defaultLocale,
      `${engine}, voice ${voice}, ${WORDS_PER_MINUTE} words a minute; Ogg Opus 16 kbit/s`,
    );
    const clips = new Map<string, string>();
    for (const byKey of Object.values(index.texts)) {
      for (const sentences of Object.values(byKey)) {
        for (const { clip, text } of sentences) {
          clips.set(clip, text);
        }
      }
    }
    const folder = join(packDir, 'audio', locale);
    mkdirSync(folder, { recursive: true });
    let made = 0;
    for (const [clip, text] of clips) {
      if (!existsSync(join(packDir, clip))) {
        writeFileSync(join(packDir, clip), speak(text, voice));
        made += 1;
      }
    }
    let removed = 0;
    for (const name of readdirSync(folder)) {
      if (name.endsWith('.ogg') && !clips.has(`audio/${locale}/${name}`)) {
        rmSync(join(folder, name));
        removed += 1;
      }
    }
    writeFileSync(join(packDir, audioIndexFile(locale)), `${JSON.stringify(index, null, 1)}\n`);
    console.log(
      `${pack.id} ${locale}: ${clips.size} clips (${made} new, ${removed} removed), ${audioIndexFile(locale)}`,
    );
  }
}

function main(ids: readonly string[]): void {
  const packIds =
    ids.length > 0
      ? ids
      : readdirSync(CONTENT_DIR, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => entry.name);
  const engine = engineName();
  for (const id of packIds) {
    renderPack(join(CONTENT_DIR, id), engine);
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
