import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { packHash } from './canonical-hash';
import type { LocalText } from './local-text';
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
import { renderMarkdown } from './render-markdown';

export const MANIFEST_FILE = 'manifest.json';

/** Where a page body lives, relative to the pack folder: by convention, never configured. */
export function pageFile(locale: string, pageId: string): string {
  return `pages/${locale}/${pageId}.md`;
}

/**
 * Reads a pack folder (`resources/content/<pack-id>/`), validates it, renders its pages and
 * computes its hash. Throws a `PackError` naming the file and field of the first problem.
 */
export function loadPack(packDir: string): Pack {
  const dir = resolve(packDir);
  if (!existsSync(dir)) {
    throw new PackError('.', WHOLE_FILE, `the pack folder ${dir} does not exist`);
  }
  const raw = readJsonFile(join(dir, MANIFEST_FILE), MANIFEST_FILE);
  const manifest = validateManifest(raw, basename(dir));
  const pages = readPages(dir, manifest);
  return createPack({
    id: manifest.id,
    version: manifest.version,
    hash: packHash(raw, pages),
    defaultLocale: manifest.defaultLocale,
    locales: manifest.locales,
    title: manifest.title,
    programme: manifest.programme,
    steps: manifest.steps.map((step): PackStep => {
      if (step.kind !== 'page') {
        return step;
      }
      const body: LocalText = {};
      for (const locale of manifest.locales) {
        body[locale] = pages.get(pageKey(locale, step.id)) ?? '';
      }
      return { ...step, body };
    }),
    pageHtml: renderPages(manifest, pages),
  });
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

function renderPages(
  manifest: Manifest,
  pages: ReadonlyMap<string, string>,
): Map<string, Map<string, string>> {
  const html = new Map<string, Map<string, string>>();
  for (const locale of manifest.locales) {
    const byPage = new Map<string, string>();
    manifest.steps.forEach((step, index) => {
      if (step.kind !== 'page') {
        return;
      }
      const rendered = renderMarkdown(pages.get(pageKey(locale, step.id)) ?? '');
      if (rendered.replace(/<[^>]*>/g, '').trim() === '') {
        throw new PackError(
          pageFile(locale, step.id),
          formatFieldPath(['steps', index]),
          'has no text once rendered (images and raw HTML are not shown)',
        );
      }
      byPage.set(step.id, rendered);
    });
    html.set(locale, byPage);
  }
  return html;
}
