import { join } from 'node:path';
import sanitizeHtml from 'sanitize-html';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './canonical-hash';
import { DEFAULT_PACK_ID, defaultResourcesDir, loadPack } from './index';
import { createPack } from './pack-model';
import { renderMarkdown } from './render-markdown';
import {
  markdownBlocks,
  packSnapshot,
  snapshotPages,
  snapshotTitle,
  verifySnapshot,
} from './snapshot';

const pack = loadPack(join(defaultResourcesDir(), 'content', DEFAULT_PACK_ID));

/** What a browser shows of the page HTML, as words: tags dropped, entities decoded. */
function visibleWords(html: string): string[] {
  const text = sanitizeHtml(html.replace(/<\/(p|li|h\d)>/g, ' '), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
  return text.split(/\s+/).filter((word) => word !== '');
}

describe('packSnapshot / verifySnapshot', () => {
  it('is the document the pack hash is computed over', () => {
    const snapshot = packSnapshot(pack);
    expect(sha256Hex(snapshot)).toBe(pack.hash);
    expect(verifySnapshot(snapshot, pack.hash)).toBe(true);
    expect(JSON.parse(snapshot)).toMatchObject({
      format: 'clinic-kiosk-pack/1',
      manifest: { id: pack.id, version: pack.version },
    });
  });

  it('fails verification for any edit, an unrelated hash, or a malformed hash', () => {
    const snapshot = packSnapshot(pack);
    const tampered = snapshot.replace('do not drive', 'feel free to drive');
    expect(tampered).not.toBe(snapshot);
    expect(verifySnapshot(tampered, pack.hash)).toBe(false);
    expect(verifySnapshot(`${snapshot} `, pack.hash)).toBe(false);
    expect(verifySnapshot(snapshot, sha256Hex('other'))).toBe(false);
    expect(verifySnapshot(snapshot, pack.hash.toUpperCase())).toBe(false);
    expect(verifySnapshot(snapshot, '')).toBe(false);
  });

  it('refuses a pack whose content does not hash to its recorded hash', () => {
    const edited = createPack({
      id: pack.id,
      version: pack.version,
      hash: pack.hash,
      defaultLocale: pack.defaultLocale,
      locales: pack.locales,
      title: { en: 'Edited after hashing' },
      steps: pack.steps,
      pageHtml: new Map(),
    });
    expect(() => packSnapshot(edited)).toThrow(/packSnapshot: .* not to its recorded hash/);
  });
});

describe('snapshotPages', () => {
  it('gives every page of the pack, in order, with its title', () => {
    const pages = snapshotPages(packSnapshot(pack), 'en', 'en');
    const pageSteps = pack.steps.filter((step) => step.kind === 'page');
    expect([...pages.keys()]).toEqual(pageSteps.map((step) => step.id));
    expect(pages.get('side-effects')?.title).toBe(
      pack.toClient('en').steps.find((step) => step.id === 'side-effects')?.title,
    );
    expect(snapshotTitle(packSnapshot(pack), 'en', 'en')).toBe(pack.toClient('en').title);
    // A locale the pack lacks falls back as the kiosk does, down to the pack's default.
    expect(snapshotPages(packSnapshot(pack), 'en-GB', 'en').get('welcome')?.title).toBe('Welcome');
    expect(snapshotPages(packSnapshot(pack), 'fr', 'de').get('welcome')?.title).toBe('Welcome');
    expect(snapshotTitle(packSnapshot(pack), 'fr', 'de')).toBe(pack.toClient('en').title);
  });

  it('turns a real page into plain-text headings, paragraphs and items', () => {
    const page = snapshotPages(packSnapshot(pack), 'en', 'en').get('side-effects');
    const blocks = page?.blocks ?? [];
    expect(blocks[0]).toEqual({
      kind: 'paragraph',
      text: 'Like all medicines, ketamine and esketamine can cause side effects. The common ones usually fade within hours:',
    });
    expect(blocks[1]).toEqual({
      kind: 'item',
      text: 'Feeling detached ("dissociation"): you may feel apart from your body, or as if in a dream.',
    });
    expect(blocks).toContainEqual({ kind: 'heading', text: 'Getting home safely' });
    expect(blocks).toContainEqual({
      kind: 'item',
      text: 'After ketamine by IM or IV: do not drive for at least 24 hours, or longer if the clinic says so.',
    });
    expect(blocks).toContainEqual({
      kind: 'paragraph',
      text: 'Until then, do not use machines. Plan for someone to take you home.',
    });
    // No Markdown survives as text.
    for (const block of blocks) {
      expect(block.text).not.toMatch(/\*\*|^#|^- /);
    }
    const sources = snapshotPages(packSnapshot(pack), 'en', 'en').get('sources')?.blocks ?? [];
    expect(
      sources.filter((block) => block.kind === 'item').map((b) => b.text.slice(0, 10)),
    ).toEqual(['1. Walsh Z', '2. Lullau ']);
  });

  it('holds the same words the kiosk showed, for every page of the pack', () => {
    const snapshot = packSnapshot(pack);
    const pages = snapshotPages(snapshot, 'en', 'en');
    for (const step of pack.steps) {
      if (step.kind !== 'page') {
        continue;
      }
      const shown = visibleWords(renderMarkdown(step.body.en ?? ''));
      const words = (pages.get(step.id)?.blocks ?? [])
        .map((block) => block.text.replace(/^\d+\. /, ''))
        .join(' ')
        .split(/\s+/)
        .filter((word) => word !== '');
      expect(words, step.id).toEqual(shown);
    }
  });

  it('refuses a document that is not a snapshot', () => {
    expect(() => snapshotPages('not json', 'en', 'en')).toThrow(TypeError);
    expect(() => snapshotPages('{"format":"other"}', 'en', 'en')).toThrow(TypeError);
  });
});

describe('markdownBlocks', () => {
  it('keeps list structure, numbering and breaks, drops markup and raw HTML tags, and names pictures', () => {
    const source = [
      '# Title with *emphasis*',
      '',
      'A [link](https://example.org) and a [bad link](javascript:alert(1)), `code`,',
      'a soft break and a hard  ',
      'break. ![an image](https://example.org/x.png)',
      '',
      '3. third (numbered from 1, as shown)',
      '4. fourth',
      '   - nested',
      '',
      '> quoted <b>bold</b> &amp; more',
    ].join('\n');
    expect(markdownBlocks(source)).toEqual([
      { kind: 'heading', text: 'Title with emphasis' },
      {
        kind: 'paragraph',
        text: 'A link and a [bad link](javascript:alert(1)), code, a soft break and a hard\nbreak.',
      },
      { kind: 'image', text: 'an image' },
      { kind: 'item', text: '1. third (numbered from 1, as shown)' },
      { kind: 'item', text: '2. fourth' },
      { kind: 'item', text: 'nested' },
      { kind: 'paragraph', text: 'quoted <b>bold</b> & more' },
    ]);
  });
});
