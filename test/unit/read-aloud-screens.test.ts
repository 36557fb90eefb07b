/**
 * The renderer's "Read aloud" asks for texts by key, screen by screen (src-renderer/lib/
 * read-aloud-screen.ts); main names them when it builds the pack's audio (read-aloud-text.ts). Over
 * every screen of both default packs, in both languages, the two must name the same texts: a
 * key only one side knows is a text that silently never reads.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientStep } from '../../src-main/contract';
import { defaultResourcesDir, loadPack } from '../../src-main/content';
import { screenTextKeys, sentencesToRead } from '../../src-renderer/lib/read-aloud-screen';

/** Every screen a step can show: each questionnaire item (the first with the intro), support. */
function screensOf(step: ClientStep): Parameters<typeof screenTextKeys>[1][] {
  if (step.kind !== 'questionnaire') {
    return [{}];
  }
  return [
    ...step.items.map((item, index) => ({ itemId: item.id, firstItem: index === 0 })),
    { support: true },
  ];
}

describe.each(['ketamine-education', 'ketamine-check-in'])('%s', (packId) => {
  const pack = loadPack(join(defaultResourcesDir(), 'content', packId));

  it.each(pack.locales)('reads, in %s, every text main has audio for, and only those', (locale) => {
    const client = pack.toClient(locale);
    for (const step of client.steps) {
      const texts = client.readAloud[step.id] ?? {};
      const asked = new Set(screensOf(step).flatMap((screen) => screenTextKeys(step, screen)));
      const known = Object.keys(texts);
      expect(
        known.filter((key) => !asked.has(key)),
        step.id,
      ).toEqual([]);
      expect(
        [...asked].filter(
          (key) => !known.includes(key) && key !== 'support.title' && key !== 'support.body',
        ),
        step.id,
      ).toEqual([]);
    }
  });

  it('starts a page with its title, then its body, each sentence with a clip of the pack', () => {
    const client = pack.toClient('es');
    const page = client.steps.find((step) => step.kind === 'page');
    if (!page) {
      // The treatment-day check-in is questionnaires only.
      expect(packId).toBe('ketamine-check-in');
      return;
    }
    const sentences = sentencesToRead(client.readAloud[page.id], screenTextKeys(page));
    expect(sentences[0]?.text).toBe(page.title);
    expect(sentences.length).toBeGreaterThan(2);
    for (const sentence of sentences) {
      expect(sentence.src).toMatch(
        new RegExp(`^kiosk-media://${packId}/audio/es/[0-9a-f]{32}\\.ogg$`),
      );
    }
  });
});
