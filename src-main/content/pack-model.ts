import type { ClientPack, ClientStep, ReadAloudTexts } from '../contract';
import type { SpokenSentence } from './audio-index';
import { localText, resolveLocale, type LocalText } from './local-text';
import type { PackMediaFile } from './media-file';
import { MEDIA_BASES, mediaUrl, type MediaBase } from './media-path';
import type { QuestionnaireStep } from './questionnaire-schema';
import { clientQuestionnaire } from './questionnaire-client';
import { signingDisclosure, typedSignatureIntent } from './signature-intent';

export type PackStep =
  | { kind: 'page'; id: string; title: LocalText; body: LocalText /* markdown */ }
  | {
      kind: 'video';
      id: string;
      title: LocalText;
      intro: LocalText;
      /** Pack paths (media-path.ts): the video, its captions by locale, a picture before it plays. */
      file: string;
      captions: LocalText;
      poster?: string | undefined;
      /** Next waits until the client has watched it to the end. */
      requireWatched?: boolean | undefined;
    }
  | {
      kind: 'check';
      id: string;
      title: LocalText;
      question: LocalText;
      options: { id: string; label: LocalText }[];
      correctOptionId: string;
      feedback: LocalText;
      refersTo: string /* id of a page step that explains it */;
    }
  | {
      kind: 'acknowledge';
      id: string;
      title: LocalText;
      intro: LocalText;
      /** The treatment these statements consent to; absent for statements of understanding. */
      consentTo?: LocalText | undefined;
      statements: { id: string; text: LocalText }[];
    }
  | QuestionnaireStep
  | { kind: 'identity' | 'review'; id: string; title: LocalText; intro: LocalText }
  | {
      kind: 'signature';
      id: string;
      title: LocalText;
      intro: LocalText;
      /** What signing means, in the pack's words: shown above the pad, sealed with the signature. */
      meaning: LocalText;
    };

export interface Pack {
  id: string;
  /** Human version from the manifest, e.g. "1.0.0". */
  version: string;
  /** SHA-256 hex over the canonical content: the version identity. */
  hash: string;
  defaultLocale: string;
  locales: string[];
  title: LocalText;
  /**
   * How the attract screen names this pack among the clinic's programmes, as the manifest gives
   * it; absent, the pack's title names it.
   */
  programme?: { name: LocalText; summary: LocalText } | undefined;
  steps: PackStep[];
  /**
   * Every media file the pack declares (video steps' files, captions and posters; pictures in
   * pages), by pack path: checked and hashed at load, the only files served from the pack.
   */
  media: ReadonlyMap<string, PackMediaFile>;
  /**
   * Locale → step id → text key → the sentences read aloud, each with its clip's pack path (a
   * file of `media`): only texts whose audio matches them (audio-index.ts).
   */
  readAloud: ReadAloudByLocale;
  step(stepId: string): PackStep | undefined;
  /**
   * What the renderer may see, in one locale (an unknown locale falls back to its base language,
   * then to `defaultLocale`; `ClientPack.locale` says which was used). Page bodies are sanitised
   * HTML. Never includes a check's answer, feedback or `refersTo`.
   */
  toClient(locale: string): ClientPack;
}

/** Step id → text key → sentences, in one locale. */
export type ReadAloudOfLocale = ReadonlyMap<string, ReadonlyMap<string, readonly SpokenSentence[]>>;
export type ReadAloudByLocale = ReadonlyMap<string, ReadAloudOfLocale>;

export interface PackParts {
  id: string;
  version: string;
  hash: string;
  defaultLocale: string;
  locales: string[];
  title: LocalText;
  programme?: Pack['programme'];
  steps: PackStep[];
  /** Sanitised HTML of each page body: locale → page id → html. */
  pageHtml: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** None when absent. */
  media?: ReadonlyMap<string, PackMediaFile>;
  /** Where the renderer fetches media (the transport's choice); Electron's scheme when absent. */
  mediaBase?: MediaBase;
  /** None when absent. */
  readAloud?: ReadAloudByLocale;
}

/**
 * A loaded pack: deeply frozen, since one instance is shared by every session and its content is
 * evidence of what clients were shown.
 */
export function createPack(parts: PackParts): Pack {
  const {
    pageHtml,
    media = new Map(),
    mediaBase = MEDIA_BASES.electron,
    readAloud: givenReadAloud,
    ...data
  } = parts;
  const readAloud: ReadAloudByLocale = givenReadAloud ?? new Map();
  const stepsById = new Map(data.steps.map((step) => [step.id, step]));
  const clientPacks = new Map<string, ClientPack>();

  const toClient = (requested: string): ClientPack => {
    const locale = resolveLocale(requested, data.locales, data.defaultLocale);
    let client = clientPacks.get(locale);
    if (client === undefined) {
      client = deepFreeze(
        buildClientPack(
          { ...data, media, mediaBase },
          locale,
          pageHtml.get(locale) ?? new Map(),
          clientReadAloud(readAloud.get(locale), (path) => mediaUrl(mediaBase, data.id, path)),
        ),
      );
      clientPacks.set(locale, client);
    }
    return client;
  };

  return deepFreeze({
    ...data,
    media,
    readAloud,
    step: (stepId: string) => stepsById.get(stepId),
    toClient,
  });
}

function buildClientPack(
  pack: Omit<PackParts, 'pageHtml' | 'media' | 'mediaBase' | 'readAloud'> & {
    media: ReadonlyMap<string, PackMediaFile>;
    mediaBase: MediaBase;
  },
  locale: string,
  html: ReadonlyMap<string, string>,
  readAloud: Record<string, ReadAloudTexts>,
): ClientPack {
  const text = (value: LocalText): string => localText(value, locale, pack.defaultLocale);
  const url = (path: string): string => mediaUrl(pack.mediaBase, pack.id, path);
  // Each kind is copied field by field: nothing reaches the renderer by accident.
  const steps = pack.steps.map((step): ClientStep => {
    switch (step.kind) {
      case 'page':
        return {
          kind: 'page',
          id: step.id,
          title: text(step.title),
          html: html.get(step.id) ?? '',
        };
      case 'video':
        return {
          kind: 'video',
          id: step.id,
          title: text(step.title),
          intro: text(step.intro),
          video: {
            src: url(step.file),
            type: pack.media.get(step.file)?.contentType ?? 'video/webm',
          },
          // Every locale's captions, the client's first: theirs is on by default.
          captions: Object.entries(step.captions)
            .map(([captionLocale, path]) => ({ locale: captionLocale, src: url(path) }))
            .sort((a, b) => Number(b.locale === locale) - Number(a.locale === locale)),
          ...(step.poster === undefined ? {} : { poster: url(step.poster) }),
          requireWatched: step.requireWatched === true,
        };
      case 'check':
        return {
          kind: 'check',
          id: step.id,
          title: text(step.title),
          question: text(step.question),
          options: step.options.map((option) => ({ id: option.id, label: text(option.label) })),
        };
      case 'acknowledge':
        return {
          kind: 'acknowledge',
          id: step.id,
          title: text(step.title),
          intro: text(step.intro),
          statements: step.statements.map((statement) => ({
            id: statement.id,
            text: text(statement.text),
          })),
        };
      case 'questionnaire':
        return clientQuestionnaire(step, text);
      case 'signature':
        return {
          kind: step.kind,
          id: step.id,
          title: text(step.title),
          intro: text(step.intro),
          meaning: text(step.meaning),
          disclosure: signingDisclosure(locale),
          typedIntent: typedSignatureIntent(locale),
        };
      case 'identity':
      case 'review':
        return { kind: step.kind, id: step.id, title: text(step.title), intro: text(step.intro) };
      default:
        return step satisfies never;
    }
  });
  return {
    id: pack.id,
    version: pack.version,
    hash: pack.hash,
    locale,
    locales: [...pack.locales],
    title: text(pack.title),
    steps,
    readAloud,
  };
}

/** One locale's read-aloud sentences as the renderer gets them: clip paths become URLs. */
function clientReadAloud(
  byStep: ReadAloudOfLocale | undefined,
  url: (path: string) => string,
): Record<string, ReadAloudTexts> {
  const client: Record<string, ReadAloudTexts> = {};
  for (const [stepId, byKey] of byStep ?? []) {
    client[stepId] = Object.fromEntries(
      [...byKey].map(([key, sentences]) => [
        key,
        sentences.map(({ text, clip }) => ({ text, src: url(clip) })),
      ]),
    );
  }
  return client;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}
