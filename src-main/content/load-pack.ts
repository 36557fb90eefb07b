import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { audioIndexFile, readPackAudio, type StaleText } from './audio-index';
import { packHash } from './canonical-hash';
import type { LocalText } from './local-text';
import { readMediaFile, type PackMediaFile } from './media-file';
import {
  isPackPath,
  MEDIA_BASES,
  mediaUrl,
  PACK_PATH_RULE,
  type MediaBase,
  type MediaKind,
} from './media-path';
import {
  formatFieldPath,
  missingIsRequired,
  PackError,
  throwProblems,
  WHOLE_FILE,
  zodProblems,
} from './pack-error';
import { createPack, type Pack, type PackStep } from './pack-model';
import {
  crossCheckManifest,
  manifestLocalesSchema,
  manifestSchema,
  type Manifest,
} from './pack-schema';
import { readJsonFile, readTextFile } from './read-text-file';
import { pageImages, renderMarkdown } from './render-markdown';

export const MANIFEST_FILE = 'manifest.json';

/** Where a page body lives, relative to the pack folder: by convention, never configured. */
export function pageFile(locale: string, pageId: string): string {
  return `pages/${locale}/${pageId}.md`;
}

export interface LoadPackOptions {
  /** Where the renderer will fetch the pack's media (the transport's); Electron's by default. */
  mediaBase?: MediaBase;
}

/**
 * Reads a pack folder (`resources/content/<pack-id>/`), validates it, reads and hashes its
 * media and its read-aloud clips (audio-index.ts), renders its pages and computes its hash. Throws a `PackError` naming the file and
 * field of the first problem.
 */
export function loadPack(packDir: string, options: LoadPackOptions = {}): Pack {
  const { mediaBase = MEDIA_BASES.electron } = options;
  const dir = resolve(packDir);
  if (!existsSync(dir)) {
    throw new PackError('.', WHOLE_FILE, `the pack folder ${dir} does not exist`);
  }
  const raw = readJsonFile(join(dir, MANIFEST_FILE), MANIFEST_FILE);
  const manifest = validateManifest(raw, basename(dir));
  const pages = readPages(dir, manifest);
  const steps = manifest.steps.map((step): PackStep => {
    if (step.kind !== 'page') {
      return step;
    }
    const body: LocalText = {};
    for (const locale of manifest.locales) {
      body[locale] = pages.get(pageKey(locale, step.id)) ?? '';
    }
    return { ...step, body };
  });
  const audio = readPackAudio(dir, steps, manifest.locales, manifest.defaultLocale);
  reportStaleAudio(manifest.id, audio.stale);
  const media = new Map([...readMedia(dir, manifest, pages), ...audio.clips]);
  const mediaHashes = new Map([...media].map(([path, file]) => [path, file.sha256]));
  return createPack({
    id: manifest.id,
    version: manifest.version,
    hash: packHash(raw, pages, mediaHashes),
    defaultLocale: manifest.defaultLocale,
    locales: manifest.locales,
    title: manifest.title,
    programme: manifest.programme,
    steps,
    pageHtml: renderPages(manifest, pages, (path) => mediaUrl(mediaBase, manifest.id, path)),
    media,
    mediaBase,
    readAloud: audio.readAloud,
  });
}

/** Texts whose audio is behind them are not read aloud; whoever keeps the pack is told which. */
function reportStaleAudio(packId: string, stale: readonly StaleText[]): void {
  for (const { locale, stepId, key, reason } of stale.slice(0, 5)) {
    console.error(
      `loadPack: ${packId}/${audioIndexFile(locale)}: ${stepId}.${key} is not read aloud (${reason}); run npm run pack:audio -- ${packId}`,
    );
  }
  if (stale.length > 5) {
    console.error(`loadPack: ${packId}: and ${stale.length - 5} more texts not read aloud`);
  }
}

function validateManifest(raw: unknown, folderName: string): Manifest {
  const header = manifestLocalesSchema.safeParse(raw, { error: missingIsRequired });
  if (!header.success) {
    throwProblems(MANIFEST_FILE, zodProblems(header.error));
  }
  const parsed = manifestSchema(header.data.locales).safeParse(raw, { error: missingIsRequired });
  if (!parsed.success) {
    throwProblems(MANIFEST_FILE, zodProblems(parsed.error));
  }
  const problems = crossCheckManifest(parsed.data, folderName);
  if (problems.length > 0) {
    throwProblems(MANIFEST_FILE, problems);
  }
  return parsed.data;
}

function pageKey(locale: string, pageId: string): string {
  return `${locale}/${pageId}`;
}

/** Every page body in every locale, keyed `<locale>/<page-id>`, in manifest order. */
function readPages(dir: string, manifest: Manifest): Map<string, string> {
  const pages = new Map<string, string>();
  manifest.steps.forEach((step, index) => {
    if (step.kind !== 'page') {
      return;
    }
    const field = formatFieldPath(['steps', index]);
    for (const locale of manifest.locales) {
      const file = pageFile(locale, step.id);
      const text = readTextFile(join(dir, file), file, field);
      if (text.trim() === '') {
        throw new PackError(file, field, `the page "${step.id}" is empty`);
      }
      pages.set(pageKey(locale, step.id), text);
    }
  });
  return pages;
}

/**
 * Every media file the pack declares, checked and hashed, by pack path: each video step's
 * video, captions and poster, then the pictures of each page, in manifest order.
 */
function readMedia(
  dir: string,
  manifest: Manifest,
  pages: ReadonlyMap<string, string>,
): Map<string, PackMediaFile> {
  const media = new Map<string, PackMediaFile>();
  // A file named twice (a picture in every locale's page) is read once, if of the same kind.
  const add = (path: string, kind: MediaKind, where: { fromFile: string; field: string }) => {
    if (media.get(path)?.kind !== kind) {
      media.set(path, readMediaFile(dir, path, kind, where));
    }
  };
  manifest.steps.forEach((step, index) => {
    const at = (...path: PropertyKey[]) => ({
      fromFile: MANIFEST_FILE,
      field: formatFieldPath(['steps', index, ...path]),
    });
    if (step.kind === 'video') {
      add(step.file, 'video', at('file'));
      for (const [locale, path] of Object.entries(step.captions)) {
        add(path, 'captions', at('captions', locale));
      }
      if (step.poster !== undefined) {
        add(step.poster, 'image', at('poster'));
      }
    }
    if (step.kind === 'page') {
      for (const locale of manifest.locales) {
        for (const image of checkedPageImages(pages, locale, step.id, index)) {
          add(image.src, 'image', image.at);
        }
      }
    }
  });
  return media;
}

/**
 * The pictures of one page in one locale, each with alt text (a client who cannot see it
 * must still be told what it shows) and a path inside the pack (never a web address: the
 * kiosk makes no request outside itself, and the pack hash must cover what is shown).
 */
function checkedPageImages(
  pages: ReadonlyMap<string, string>,
  locale: string,
  pageId: string,
  index: number,
): { src: string; at: { fromFile: string; field: string } }[] {
  const file = pageFile(locale, pageId);
  const field = formatFieldPath(['steps', index]);
  return pageImages(pages.get(pageKey(locale, pageId)) ?? '').map((image) => {
    const where = `line ${image.line}: the picture "${image.src}"`;
    if (image.alt === '') {
      throw new PackError(
        file,
        field,
        `${where} has no alt text: say what it shows, as in ![A nurse taking a blood pressure](media/nurse.jpg)`,
      );
    }
    if (!isPackPath(image.src)) {
      throw new PackError(file, field, `${where} ${PACK_PATH_RULE}`);
    }
    return { src: image.src, at: { fromFile: file, field } };
  });
}

function renderPages(
  manifest: Manifest,
  pages: ReadonlyMap<string, string>,
  mediaUrlOf: (path: string) => string,
): Map<string, Map<string, string>> {
  const html = new Map<string, Map<string, string>>();
  for (const locale of manifest.locales) {
    const byPage = new Map<string, string>();
    manifest.steps.forEach((step, index) => {
      if (step.kind !== 'page') {
        return;
      }
      const rendered = renderMarkdown(pages.get(pageKey(locale, step.id)) ?? '', mediaUrlOf);
      if (rendered.replace(/<[^>]*>/g, '').trim() === '') {
        throw new PackError(
          pageFile(locale, step.id),
          formatFieldPath(['steps', index]),
          'has no text once rendered (raw HTML is not shown, and a picture needs words beside it)',
        );
      }
      byPage.set(step.id, rendered);
    });
    html.set(locale, byPage);
  }
  return html;
}
