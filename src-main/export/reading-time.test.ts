import { describe, expect, it } from 'vitest';
import type { PageBlock } from '../contract';
import { countWords, describeReading, readingOf } from './reading-time';

function words(count: number): string {
  return Array.from({ length: count }, (_, index) => `word${index}`).join(' ');
}

function page(msOnScreen: number, ...showings: { locale: string; blocks: PageBlock[] }[]) {
  return {
    msOnScreen,
    shown: showings.map((showing) => ({ ...showing, title: 'Title', msOnScreen })),
  };
}

describe('reading time', () => {
  it('counts words, not punctuation, in any script it segments', () => {
    expect(countWords('Ketamine — what is it? It’s a medicine, used since 1970.', 'en')).toBe(10);
    expect(countWords('¿Qué es la ketamina?', 'es')).toBe(4);
    expect(countWords(' … !! ', 'en')).toBe(0);
  });

  it('flags a page on screen for less than its words need, and says by how much', () => {
    // 179 words of text and a one-word title: 180 words, 45 s at 240 words a minute.
    const quick = page(4000, { locale: 'en', blocks: [{ kind: 'paragraph', text: words(179) }] });
    const reading = readingOf(quick, 240);
    expect(reading).toEqual({ words: 180, wordsPerMinute: 240, neededMs: 45_000, tooFast: true });
    expect(describeReading({ msOnScreen: 4000, reading })).toBe(
      'read in 4 s; its 180 words need about 45 s at 240 words a minute',
    );
    expect(readingOf({ ...quick, msOnScreen: 45_000 }, 240).tooFast).toBe(false);
    // A slower clinic pace needs more time for the same page.
    expect(readingOf({ ...quick, msOnScreen: 45_000 }, 120)).toMatchObject({
      neededMs: 90_000,
      tooFast: true,
    });
  });

  it('does not count a picture’s alt text, and takes the longest language a page was shown in', () => {
    const shown = page(
      1000,
      {
        locale: 'en',
        blocks: [
          { kind: 'paragraph', text: words(9) },
          { kind: 'image', text: words(50) },
        ],
      },
      { locale: 'es', blocks: [{ kind: 'item', text: words(19) }] },
    );
    expect(readingOf(shown, 240).words).toBe(20);
  });
});
