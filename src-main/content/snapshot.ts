/**
 * A pack's snapshot: the one canonical JSON document its hash is computed over (manifest,
 * every page's Markdown and the SHA-256 of every media file, see `packHash` in
 * canonical-hash.ts). Stored in the vault by hash, it lets a record made years later show the
 * exact text a client saw, and anyone can check that it is that text: its SHA-256 is the pack
 * hash recorded in the client's sealed submission. The media themselves are not stored (a
 * video would swell the vault): their hashes are, so a copy of a video kept elsewhere can be
 * shown to be the one the client saw.
 */
import type { Token } from 'markdown-it';
import type { PageBlock } from '../contract';
import { canonicalJson, packContent, packHash, sha256Hex } from './canonical-hash';
import { localText, resolveLocale, type LocalText } from './local-text';
import type { Pack, PackStep } from './pack-model';
import { altText, pageMarkdown } from './render-markdown';

/**
 * Must equal `PACK_HASH_FORMAT` in canonical-hash.ts (not exported there). If the two ever
 * differ, `packSnapshot` throws rather than store a document that does not hash to the pack.
 */
const SNAPSHOT_FORMAT = 'clinic-kiosk-pack/1';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The canonical content document of `pack`, exactly as hashed: `sha256Hex(packSnapshot(pack))`
 * is `pack.hash`. The manifest is rebuilt from the loaded pack (every manifest key is kept by
 * it: the schema refuses unknown keys) and checked against the hash, so a drift between this
 * file and load-pack.ts fails here, loudly, not in a clinic's evidence.
 */
export function packSnapshot(pack: Pack): string {
  const pages = new Map<string, string>();
  const steps = pack.steps.map((step): Omit<PackStep, 'body'> => {
    if (step.kind !== 'page') {
      return step;
    }
    const { body, ...manifestStep } = step;
    for (const locale of pack.locales) {
      pages.set(`${locale}/${step.id}`, body[locale] ?? '');
    }
    return manifestStep;
  });
  const manifest = {
    id: pack.id,
    version: pack.version,
    defaultLocale: pack.defaultLocale,
    locales: pack.locales,
    title: pack.title,
    ...(pack.programme === undefined ? {} : { programme: pack.programme }),
    steps,
  };
  const media = new Map([...pack.media].map(([path, file]) => [path, file.sha256]));
  const content = canonicalJson({
    ...packContent(manifest, pages, media),
    format: SNAPSHOT_FORMAT,
  });
  const hash = sha256Hex(content);
  if (hash !== pack.hash || hash !== packHash(manifest, pages, media)) {
    throw new Error(
      `packSnapshot: the content of pack "${pack.id}" ${pack.version} hashes to ${hash}, not to its recorded hash ${pack.hash}`,
    );
  }
  return content;
}

/** Whether `content` is the snapshot whose SHA-256 is `hash` (lowercase hex). */
export function verifySnapshot(content: string, hash: string): boolean {
  return SHA256_HEX.test(hash) && sha256Hex(content) === hash;
}

export interface SnapshotPage {
  title: string;
  blocks: PageBlock[];
}

/**
 * Every page of a snapshot in one locale (falling back as the kiosk does: base language, then
 * `fallbackLocale`, then the pack's default locale), by step id, in pack order, as plain-text blocks. Throws a TypeError for a
 * document that is not a pack snapshot; check `verifySnapshot` first to know it is the text
 * the client saw.
 */
export function snapshotPages(
  content: string,
  locale: string,
  fallbackLocale: string,
): Map<string, SnapshotPage> {
  const snapshot = parseSnapshot(content);
  const chosen = chooseLocale(snapshot, locale, fallbackLocale);
  const pages = new Map<string, SnapshotPage>();
  for (const step of snapshot.manifest.steps) {
    if (step.kind !== 'page') {
      continue;
    }
    const body = snapshot.pages[`${chosen}/${step.id}`];
    if (typeof body !== 'string') {
      throw new TypeError(`snapshotPages: the snapshot has no "${chosen}" text for "${step.id}"`);
    }
    pages.set(step.id, {
      title: localText(step.title, chosen, chosen),
      blocks: markdownBlocks(body),
    });
  }
  return pages;
}

/** The pack's title in `locale` (same fallbacks as `snapshotPages`). */
export function snapshotTitle(content: string, locale: string, fallbackLocale: string): string {
  const snapshot = parseSnapshot(content);
  const chosen = chooseLocale(snapshot, locale, fallbackLocale);
  return localText(snapshot.manifest.title, chosen, chosen);
}

export interface SnapshotQuestionnaire {
  title: string;
  /** The instrument's copyright or permission line as shown, when the pack has one. */
  copyright: string | undefined;
}

/**
 * Every questionnaire step's title and copyright line in `locale` (same fallbacks as
 * `snapshotPages`), by step id: a record then names an instrument with the words the client saw.
 */
export function snapshotQuestionnaires(
  content: string,
  locale: string,
  fallbackLocale: string,
): Map<string, SnapshotQuestionnaire> {
  const snapshot = parseSnapshot(content);
  const chosen = chooseLocale(snapshot, locale, fallbackLocale);
  const questionnaires = new Map<string, SnapshotQuestionnaire>();
  for (const step of snapshot.manifest.steps) {
    if (step.kind === 'questionnaire') {
      questionnaires.set(step.id, {
        title: localText(step.title, chosen, chosen),
        copyright: step.copyright && localText(step.copyright, chosen, chosen),
      });
    }
  }
  return questionnaires;
}

/** As the kiosk picks: exact, base language, `fallbackLocale`, else the pack's default. */
function chooseLocale(snapshot: ParsedSnapshot, locale: string, fallbackLocale: string): string {
  const { locales, defaultLocale } = snapshot.manifest;
  return resolveLocale(
    locale,
    locales,
    locales.includes(fallbackLocale) ? fallbackLocale : defaultLocale,
  );
}

interface ParsedSnapshot {
  manifest: {
    locales: string[];
    defaultLocale: string;
    title: LocalText;
    /** `copyright`: a questionnaire's `instrument.copyright`, when it has one. */
    steps: { kind: string; id: string; title: LocalText; copyright: LocalText | undefined }[];
  };
  pages: Record<string, unknown>;
}

/** Checks only what this file reads; the hash is what vouches for the rest. */
function parseSnapshot(content: string): ParsedSnapshot {
  const fail = (why: string): never => {
    throw new TypeError(`snapshotPages: not a pack snapshot (${why})`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return fail('not JSON');
  }
  if (!isRecord(parsed) || parsed.format !== SNAPSHOT_FORMAT) {
    return fail(`format is not "${SNAPSHOT_FORMAT}"`);
  }
  const { manifest, pages } = parsed;
  if (!isRecord(manifest) || !isRecord(pages)) {
    return fail('no manifest or pages');
  }
  const { locales, defaultLocale, title, steps } = manifest;
  if (
    !isStringArray(locales) ||
    typeof defaultLocale !== 'string' ||
    !isLocalText(title) ||
    !Array.isArray(steps)
  ) {
    return fail('manifest without locales, default locale, title or steps');
  }
  const checkedSteps = steps.map((step: unknown) => {
    if (
      !isRecord(step) ||
      typeof step.kind !== 'string' ||
      typeof step.id !== 'string' ||
      !isLocalText(step.title)
    ) {
      return fail('a step without kind, id or title');
    }
    return { kind: step.kind, id: step.id, title: step.title, copyright: copyrightOf(step) };
  });
  return { manifest: { locales, defaultLocale, title, steps: checkedSteps }, pages };
}

function copyrightOf(step: Record<string, unknown>): LocalText | undefined {
  const { instrument } = step;
  return isRecord(instrument) && isLocalText(instrument.copyright)
    ? instrument.copyright
    : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isLocalText(value: unknown): value is LocalText {
  return isRecord(value) && Object.values(value).every((text) => typeof text === 'string');
}

/** The parser render-markdown.ts renders with, so the text here is the text the kiosk showed. */
const markdown = pageMarkdown();

interface OpenItem {
  /** `3. ` in an ordered list, '' in a bullet list or once the marker has been written. */
  marker: string;
  parts: string[];
  /** Alt texts of the item's pictures, written after its text. */
  images: string[];
}

/**
 * Markdown → plain-text blocks, from markdown-it's token stream: a heading, a paragraph, or a
 * list item (an item's paragraphs joined by a line break; a nested list's items follow their
 * parent). Ordered items start with their number as the client saw it: counted from 1, since
 * the page sanitiser drops `<ol start>`. Inline markup adds no characters; a hard line break
 * is kept as `\n`. A picture is an `image` block of its alt text, after the text around it.
 */
export function markdownBlocks(source: string): PageBlock[] {
  const blocks: PageBlock[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  const items: OpenItem[] = [];
  let kind: 'heading' | 'paragraph' = 'paragraph';

  const flushItem = (item: OpenItem | undefined): void => {
    if (item && item.parts.length > 0) {
      blocks.push({ kind: 'item', text: item.marker + item.parts.join('\n') });
      item.parts = [];
      item.marker = '';
    }
    for (const alt of item?.images.splice(0) ?? []) {
      blocks.push({ kind: 'image', text: alt });
    }
  };
  const addImage = (alt: string): void => {
    const item = items.at(-1);
    if (item) {
      item.images.push(alt);
    } else {
      blocks.push({ kind: 'image', text: alt });
    }
  };
  const addText = (text: string): void => {
    if (text === '') {
      return;
    }
    const item = items.at(-1);
    if (item) {
      item.parts.push(text);
    } else {
      blocks.push({ kind, text });
    }
  };

  for (const token of markdown.parse(source, {})) {
    switch (token.type) {
      case 'heading_open':
        kind = 'heading';
        break;
      case 'heading_close':
      case 'paragraph_open':
        kind = 'paragraph';
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        // The parent item's own text comes before its nested list.
        flushItem(items.at(-1));
        lists.push({ ordered: token.type === 'ordered_list_open', next: 1 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists.at(-1);
        const marker = list?.ordered ? `${list.next}. ` : '';
        if (list) {
          list.next += 1;
        }
        items.push({ marker, parts: [], images: [] });
        break;
      }
      case 'list_item_close':
        flushItem(items.pop());
        break;
      case 'inline':
        addText(inlineText(token.children ?? []).trim());
        for (const image of (token.children ?? []).filter((child) => child.type === 'image')) {
          addImage(altText(image));
        }
        break;
      case 'fence':
      case 'code_block':
        addText(token.content.replace(/\n+$/, ''));
        break;
      default:
        break;
    }
  }
  return blocks;
}

function inlineText(children: readonly Token[]): string {
  let text = '';
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        text += child.content;
        break;
      case 'softbreak':
        // A source line break inside a paragraph is white space on screen.
        text += ' ';
        break;
      case 'hardbreak':
        text += '\n';
        break;
      default:
        // Emphasis and link tokens carry no text of their own; images are blocks of their own.
        break;
    }
  }
  return text;
}
