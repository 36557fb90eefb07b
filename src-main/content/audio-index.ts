/**
 * A pack's read-aloud audio: for each locale, `audio/<locale>/index.json` lists, for every text
 * of every step (read-aloud-text.ts), its sentences with the SHA-256 of each sentence's text
 * and the clip that speaks it. `npm run pack:audio` writes both (scripts/pack-audio.ts).
 *
 * A clip's path is fixed by its sentence (`audio/<locale>/<first 32 hex of its SHA-256>.ogg`),
 * so the index holds nothing the pack's text does not already decide: the clips' bytes go into
 * the pack hash as media (load-pack.ts), and the index needs no hash of its own.
 *
 * An index that no longer matches the text (the text was edited and `pack:audio` not re-run: a
 * sentence's hash differs, or its clip is missing) is stale. The kiosk does not refuse the
 * pack for that, since the text is right and only the audio is behind; it turns read-aloud off
 * for each stale text, so a client never hears words other than those on screen, and logs
 * which. An index that is not an index at all (bad JSON, unknown fields, a clip outside its
 * folder) is a broken pack, refused with the file and field named.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256Hex } from './canonical-hash';
import { readMediaFile, type PackMediaFile } from './media-file';
import { formatFieldPath, missingIsRequired, throwProblems, zodProblems } from './pack-error';
import type { PackStep } from './pack-model';
import { readAloudTexts } from './read-aloud-text';
import { readJsonFile } from './read-text-file';

export const AUDIO_INDEX_FORMAT = 'clinic-kiosk-read-aloud/1';

export function audioIndexFile(locale: string): string {
  return `audio/${locale}/index.json`;
}

/** Where the clip speaking `sentence` in `locale` lives in the pack. */
export function clipPath(locale: string, sentence: string): string {
  return `audio/${locale}/${sha256Hex(sentence).slice(0, 32)}.ogg`;
}

const sentenceSchema = z.strictObject({
  text: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  clip: z.string().min(1),
});

const indexSchema = z.strictObject({
  format: z.literal(AUDIO_INDEX_FORMAT),
  locale: z.string().min(1),
  /** The speech engine and voice that made the clips, for the people who keep the pack. */
  voice: z.string().min(1).max(200),
  /** Step id → text key → sentences, in order. */
  texts: z.record(z.string(), z.record(z.string(), z.array(sentenceSchema))),
});

export type AudioIndex = z.infer<typeof indexSchema>;
export type IndexedSentence = AudioIndex['texts'][string][string][number];

/** One sentence as the kiosk plays it: its text and the pack path of its clip. */
export interface SpokenSentence {
  text: string;
  clip: string;
}

/** A text whose audio does not match it, and why. */
export interface StaleText {
  locale: string;
  stepId: string;
  key: string;
  reason: string;
}

export interface PackAudio {
  /** Locale → step id → text key → its sentences; only texts whose audio matches them. */
  readAloud: Map<string, Map<string, Map<string, SpokenSentence[]>>>;
  /** Every clip of a current text, checked and hashed, by pack path. */
  clips: Map<string, PackMediaFile>;
  stale: StaleText[];
}

/** The index `pack:audio` writes for `steps` in `locale`, its clips named by `clipPath`. */
export function buildAudioIndex(
  steps: readonly PackStep[],
  locale: string,
  defaultLocale: string,
  voice: string,
): AudioIndex {
  const texts: AudioIndex['texts'] = {};
  for (const step of steps) {
    const byKey: Record<string, IndexedSentence[]> = {};
    for (const { key, sentences } of readAloudTexts(step, locale, defaultLocale)) {
      byKey[key] = sentences.map((text) => ({
        text,
        sha256: sha256Hex(text),
        clip: clipPath(locale, text),
      }));
    }
    texts[step.id] = byKey;
  }
  return { format: AUDIO_INDEX_FORMAT, locale, voice, texts };
}

/**
 * The read-aloud audio of a pack folder, checked against its current text. A locale without an
 * index has no read-aloud (a pack need not have audio); each clip of a current text is read
 * as media (checked to be Ogg, hashed), so a clip with the wrong bytes is a broken pack.
 */
export function readPackAudio(
  packDir: string,
  steps: readonly PackStep[],
  locales: readonly string[],
  defaultLocale: string,
): PackAudio {
  const audio: PackAudio = { readAloud: new Map(), clips: new Map(), stale: [] };
  for (const locale of locales) {
    const file = audioIndexFile(locale);
    if (!existsSync(join(packDir, file))) {
      continue;
    }
    const index = parseIndex(readJsonFile(join(packDir, file), file), file, locale);
    const expected = buildAudioIndex(steps, locale, defaultLocale, index.voice);
    const byStep = new Map<string, Map<string, SpokenSentence[]>>();
    for (const [stepId, byKey] of Object.entries(expected.texts)) {
      const current = new Map<string, SpokenSentence[]>();
      for (const [key, sentences] of Object.entries(byKey)) {
        const reason = staleness(packDir, sentences, index.texts[stepId]?.[key]);
        if (reason !== undefined) {
          audio.stale.push({ locale, stepId, key, reason });
          continue;
        }
        sentences.forEach((sentence, position) => {
          if (!audio.clips.has(sentence.clip)) {
            const field = formatFieldPath(['texts', stepId, key, position, 'clip']);
            audio.clips.set(
              sentence.clip,
              readMediaFile(packDir, sentence.clip, 'audio', { fromFile: file, field }),
            );
          }
        });
        current.set(
          key,
          sentences.map(({ text, clip }) => ({ text, clip })),
        );
      }
      byStep.set(stepId, current);
    }
    audio.readAloud.set(locale, byStep);
  }
  return audio;
}

function parseIndex(raw: unknown, file: string, locale: string): AudioIndex {
  const parsed = indexSchema.safeParse(raw, { error: missingIsRequired });
  if (!parsed.success) {
    throwProblems(file, zodProblems(parsed.error));
  }
  if (parsed.data.locale !== locale) {
    throwProblems(file, [{ path: ['locale'], reason: `must be "${locale}", the folder's locale` }]);
  }
  return parsed.data;
}

/** Why the indexed audio of one text does not speak its current sentences; undefined if it does. */
function staleness(
  packDir: string,
  current: readonly IndexedSentence[],
  indexed: readonly IndexedSentence[] | undefined,
): string | undefined {
  if (indexed === undefined) {
    return 'the text is not in the index';
  }
  if (indexed.length !== current.length) {
    const count = (n: number) => `${n} sentence${n === 1 ? '' : 's'}`;
    return `the index has ${count(indexed.length)}, the text ${count(current.length)}`;
  }
  for (const [position, sentence] of current.entries()) {
    const entry = indexed[position];
    if (entry?.sha256 !== sentence.sha256 || entry.clip !== sentence.clip) {
      return `sentence ${position + 1} ("${sentence.text}") has changed`;
    }
    if (!existsSync(join(packDir, sentence.clip))) {
      return `the clip ${sentence.clip} is missing`;
    }
  }
  return undefined;
}
