import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { audioIndexFile, clipPath, type AudioIndex } from './audio-index';
import { defaultResourcesDir } from './resources-dir';
import { loadPack } from './load-pack';
import { answerMediaRequest, mediaLibraryOf } from './media-library';
import type { Pack } from './pack-model';
import { readAloudTexts } from './read-aloud-text';
import { loadError } from './pack-test-fixtures';

const CONTENT = join(defaultResourcesDir(), 'content');
const CHECK_IN = 'ketamine-check-in';

const temps: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of temps.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

function copyPack(id = CHECK_IN): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-audio-'));
  temps.push(root);
  cpSync(join(CONTENT, id), join(root, id), { recursive: true });
  return join(root, id);
}

/** Every text of every step in every locale, as `<locale> <step>.<key>`, read aloud or not. */
function textsOf(pack: Pack): { all: string[]; readAloud: string[] } {
  const all: string[] = [];
  const readAloud: string[] = [];
  for (const locale of pack.locales) {
    for (const step of pack.steps) {
      for (const { key, sentences } of readAloudTexts(step, locale, pack.defaultLocale)) {
        const name = `${locale} ${step.id}.${key}`;
        all.push(name);
        const spoken = pack.readAloud.get(locale)?.get(step.id)?.get(key);
        if (spoken?.map((sentence) => sentence.text).join('|') === sentences.join('|')) {
          readAloud.push(name);
        }
      }
    }
  }
  return { all, readAloud };
}

function quietly<T>(load: () => T): { value: T; logged: string } {
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const value = load();
  return { value, logged: error.mock.calls.map((call) => call.join(' ')).join('\n') };
}

function editIndex(dir: string, locale: string, edit: (index: AudioIndex) => void): void {
  const file = join(dir, audioIndexFile(locale));
  const index = JSON.parse(readFileSync(file, 'utf8')) as AudioIndex;
  edit(index);
  writeFileSync(file, JSON.stringify(index));
}

describe('the default packs’ read-aloud audio', () => {
  it.each(['ketamine-education', CHECK_IN])(
    '%s: every text in every language has current audio (else: npm run pack:audio)',
    (id) => {
      const { value: pack, logged } = quietly(() => loadPack(join(CONTENT, id)));
      const { all, readAloud } = textsOf(pack);
      expect(all.length).toBeGreaterThan(0);
      expect(all.filter((name) => !readAloud.includes(name))).toEqual([]);
      expect(logged).toBe('');
    },
  );
});

describe('stale audio', () => {
  it('turns read-aloud off for an edited text only, and says which and what to run', () => {
    const dir = copyPack();
    const manifestFile = join(dir, 'manifest.json');
    const manifest = readFileSync(manifestFile, 'utf8');
    const edited = manifest.replace('"Safety check for today"', '"Safety check"');
    expect(edited).not.toBe(manifest);
    writeFileSync(manifestFile, edited);
    const { value: pack, logged } = quietly(() => loadPack(dir));
    const { all, readAloud } = textsOf(pack);
    expect(all.filter((name) => !readAloud.includes(name))).toEqual(['en safety-check.title']);
    expect(pack.readAloud.get('es')?.get('safety-check')?.has('title')).toBe(true);
    expect(logged).toContain('audio/en/index.json: safety-check.title is not read aloud');
    expect(logged).toContain('has changed');
    expect(logged).toContain(`npm run pack:audio -- ${CHECK_IN}`);
  });

  it('turns read-aloud off for a text whose clip is missing', () => {
    const dir = copyPack();
    const pack = loadPack(dir);
    const [first] = pack.readAloud.get('es')?.get('phq-9')?.get('intro') ?? [];
    expect(first).toBeDefined();
    unlinkSync(join(dir, first?.clip ?? ''));
    const { value: reloaded, logged } = quietly(() => loadPack(dir));
    expect(reloaded.readAloud.get('es')?.get('phq-9')?.has('intro')).toBe(false);
    expect(logged).toContain(`the clip ${first?.clip ?? ''} is missing`);
    expect(reloaded.media.has(first?.clip ?? '')).toBe(false);
  });

  it('turns read-aloud off for a text whose indexed sentence hash differs', () => {
    const dir = copyPack();
    editIndex(dir, 'en', (index) => {
      const sentence = index.texts.review?.title?.[0];
      if (sentence) {
        sentence.sha256 = '0'.repeat(64);
      }
    });
    const { value: pack } = quietly(() => loadPack(dir));
    expect(pack.readAloud.get('en')?.get('review')?.has('title')).toBe(false);
    expect(pack.readAloud.get('en')?.get('review')?.has('intro')).toBe(true);
  });

  it('leaves a pack without audio without read-aloud, silently', () => {
    const dir = copyPack();
    rmSync(join(dir, 'audio'), { recursive: true });
    const { value: pack, logged } = quietly(() => loadPack(dir));
    expect(pack.readAloud.size).toBe(0);
    expect(pack.toClient('en').readAloud).toEqual({});
    expect(logged).toBe('');
  });
});

describe('a broken audio index', () => {
  it('refuses an index with an unknown field or the wrong locale, naming file and field', () => {
    const dir = copyPack();
    editIndex(dir, 'es', (index) => {
      Object.assign(index, { extra: true });
    });
    expect(loadError(dir).message).toBe('audio/es/index.json: extra: is not a known field');
    editIndex(dir, 'es', (index) => {
      delete (index as Partial<AudioIndex> & { extra?: boolean }).extra;
      index.locale = 'en';
    });
    expect(loadError(dir).message).toMatch(/^audio\/es\/index\.json: locale: must be "es"/);
  });

  it('refuses a clip that is not Ogg, naming the clip and where the index lists it', () => {
    const dir = copyPack();
    const clip = clipPath('en', 'Check and finish');
    writeFileSync(join(dir, clip), 'RIFF....WAVEfmt not ogg');
    const error = loadError(dir);
    expect(error.file).toBe(clip);
    expect(error.field).toBe('texts.review.title[0].clip');
    expect(error.message).toMatch(/does not hold the bytes of a ogg file/);
  });
});

describe('audio in the pack hash and the media lookup', () => {
  it('changes the pack hash when one byte of one clip changes', () => {
    const dir = copyPack();
    const before = loadPack(dir);
    const [clip] = [...before.media.keys()].filter((path) => path.startsWith('audio/es/'));
    expect(clip).toBeDefined();
    const file = join(dir, clip ?? '');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1;
    writeFileSync(file, bytes);
    expect(loadPack(dir).hash).not.toBe(before.hash);
  });

  it('serves the clips of current texts as audio/ogg, and never the index or a stray clip', () => {
    const dir = copyPack();
    writeFileSync(
      join(dir, 'audio/en/stray.ogg'),
      readFileSync(join(dir, clipPath('en', 'Check and finish'))),
    );
    const pack = loadPack(dir);
    const library = mediaLibraryOf([pack]);
    const get = (path: string) =>
      answerMediaRequest(library, { urlPath: `${CHECK_IN}/${path}`, method: 'GET' });
    const spoken = pack.readAloud.get('en')?.get('review')?.get('title')?.[0];
    expect(spoken?.clip).toBe(clipPath('en', 'Check and finish'));
    const answer = get(spoken?.clip ?? '');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('audio/ogg');
    expect(get('audio/en/index.json').status).toBe(404);
    expect(get('audio/en/stray.ogg').status).toBe(404);
    expect(readdirSync(join(dir, 'audio/en'))).toContain('stray.ogg');
  });

  it('gives the renderer each text’s sentences with their clips’ URLs on the transport’s base', () => {
    const pack = loadPack(join(CONTENT, CHECK_IN), { mediaBase: '/media/' });
    const review = pack.toClient('es').readAloud.review;
    expect(review?.title).toEqual([
      {
        text: 'Revisar y terminar',
        src: `/media/${CHECK_IN}/${clipPath('es', 'Revisar y terminar')}`,
      },
    ]);
  });
});
