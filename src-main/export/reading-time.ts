/**
 * Reading time worth noticing: a page on screen for less time than its words need at the
 * clinic's reading speed (`readingWordsPerMinute` in resources/kiosk.json). Nothing is blocked:
 * the record view, the PDF and the CSV flag the page so staff can follow up with the client (a
 * scripted client submits a whole record in well under a second).
 */
import type { PageBlock, RecordPage, RecordReading } from '../contract';

/** A brisk adult silent-reading pace; kiosk.json may set another (60 to 1000). */
export const DEFAULT_READING_WORDS_PER_MINUTE = 240;

/**
 * Word counts already made, by locale and text. The texts are the clinic's pack pages, the same
 * for every record of a pack, so an export of 10,000 records counts each page once instead of
 * 10,000 times (segmenting was most of a CSV export's time). Never a client's words. Bounded:
 * emptied when full, which only costs recounting.
 */
const wordCounts = new Map<string, number>();
const WORD_COUNTS_KEPT = 4096;

/** Words of a text shown: Unicode word segments (UAX #29), so punctuation counts for nothing. */
export function countWords(text: string, locale: string): number {
  const key = `${locale}\u0000${text}`;
  const known = wordCounts.get(key);
  if (known !== undefined) {
    return known;
  }
  let words = 0;
  for (const segment of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
    if (segment.isWordLike === true) {
      words += 1;
    }
  }
  if (wordCounts.size >= WORD_COUNTS_KEPT) {
    wordCounts.clear();
  }
  wordCounts.set(key, words);
  return words;
}

/**
 * The words of a page's blocks by locale, kept with the blocks themselves: a pack version's
 * blocks are one shared, frozen array for every record (record-document.ts), and looking each
 * text up by its contents still hashed the whole page for every record.
 */
const blockWords = new WeakMap<readonly PageBlock[], Map<string, number>>();

/** The words a page shows: its title and its text; a picture's alt text is not read on screen. */
function pageWords(showing: { locale: string; title: string; blocks: PageBlock[] }): number {
  let byLocale = blockWords.get(showing.blocks);
  if (!byLocale) {
    byLocale = new Map();
    blockWords.set(showing.blocks, byLocale);
  }
  let words = byLocale.get(showing.locale);
  if (words === undefined) {
    words = showing.blocks
      .filter((b) => b.kind !== 'image')
      .reduce((sum, b) => sum + countWords(b.text, showing.locale), 0);
    byLocale.set(showing.locale, words);
  }
  return countWords(showing.title, showing.locale) + words;
}

/**
 * How the page's time compares with what its words need. A page shown in more than one language
 * needs what its longest showing needs: the client had the whole page in front of them in each.
 */
export function readingOf(
  page: Pick<RecordPage, 'msOnScreen' | 'shown'>,
  wordsPerMinute: number,
): RecordReading {
  const words = Math.max(0, ...page.shown.map(pageWords));
  const neededMs = Math.round((words / wordsPerMinute) * 60_000);
  return { words, wordsPerMinute, neededMs, tooFast: page.msOnScreen < neededMs };
}

/** "read in 4 s; its 180 words need about 45 s at 240 words a minute": the one wording staff see. */
export function describeReading(page: Pick<RecordPage, 'msOnScreen' | 'reading'>): string {
  const { words, wordsPerMinute, neededMs } = page.reading;
  return `read in ${seconds(page.msOnScreen)}; its ${words} words need about ${seconds(neededMs)} at ${wordsPerMinute} words a minute`;
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value))} s`;
}
