/**
 * The default pack's English must read at US grade 8 or below (issue 10): every page, every
 * check (question, options, feedback) and every statement a client confirms. The measure is the
 * Flesch-Kincaid grade level (Kincaid et al., 1975), computed by wooorm's `flesch-kincaid` from
 * counts of sentences, words and syllables (`syllable`, same author).
 * https://github.com/words/flesch-kincaid
 *
 * Page text is the plain text the client saw, block by block (`markdownBlocks`, the same walker
 * the evidence record uses): Markdown syntax adds nothing, and each heading and list item ends a
 * sentence of its own, as it does for a reader. Reference entries (anything carrying a DOI) are
 * not prose and are left out; so are URLs. Questionnaires are validated instruments reproduced
 * word for word, so they are not graded here.
 */
import { join } from 'node:path';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PACK_ID,
  defaultResourcesDir,
  loadPack,
  markdownBlocks,
  signingDisclosure,
  typedSignatureIntent,
} from './index';

const MAX_GRADE = 8;
const LOCALE = 'en';

/** A DOI as cited on the sources page (`doi:10.1192/bjo.2021.1061`) or bare. */
const DOI = /\b(?:doi:\s*)?10\.\d{4,9}\/\S+/i;
const URL_PATTERN = /\bhttps?:\/\/\S+/gi;
/** A sentence ends at `.`, `!` or `?`, with any closing quote or bracket, before white space. */
const SENTENCE_END = /(?<=[.!?]["'”’)]*)\s+/;
/** A word: letters or digits, with inner apostrophes or hyphens (`night's`, `off-label`). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** A type alias, not an interface: `flesch-kincaid` types its argument with an index signature. */
type Counts = Record<'sentence' | 'word' | 'syllable', number>;

/** One text a client reads on one screen, as blocks that each end a sentence. */
interface GradedText {
  name: string;
  blocks: string[];
}

function countText(blocks: readonly string[]): Counts {
  const counts: Counts = { sentence: 0, word: 0, syllable: 0 };
  for (const block of blocks) {
    for (const line of block.replace(URL_PATTERN, ' ').split('\n')) {
      for (const part of line.split(SENTENCE_END)) {
        const words = part.match(WORD) ?? [];
        if (words.length === 0) {
          continue;
        }
        counts.sentence += 1;
        counts.word += words.length;
        // Every spoken word has a syllable; `syllable` gives numbers ("988") none.
        counts.syllable += words.reduce((sum, word) => sum + Math.max(1, syllable(word)), 0);
      }
    }
  }
  return counts;
}

function gradeOf(blocks: readonly string[]): number {
  return Math.round(fleschKincaid(countText(blocks)) * 10) / 10;
}

/** Every text of the default pack a client reads, in English, named for the step it is on. */
function packTexts(): GradedText[] {
  const pack = loadPack(join(defaultResourcesDir(), 'content', DEFAULT_PACK_ID));
  const en = (text: Record<string, string>): string => text[LOCALE] ?? '';
  const texts: GradedText[] = [];
  for (const step of pack.steps) {
    switch (step.kind) {
      case 'page':
        texts.push({
          name: `page ${step.id}`,
          blocks: markdownBlocks(en(step.body))
            .map((block) => block.text)
            .filter((text) => !DOI.test(text)),
        });
        break;
      case 'check':
        texts.push(
          { name: `check ${step.id} (question)`, blocks: [en(step.question)] },
          { name: `check ${step.id} (options)`, blocks: step.options.map((o) => en(o.label)) },
          { name: `check ${step.id} (feedback)`, blocks: [en(step.feedback)] },
        );
        break;
      case 'acknowledge':
        texts.push({ name: `statements ${step.id} (intro)`, blocks: [en(step.intro)] });
        for (const statement of step.statements) {
          texts.push({ name: `statement ${statement.id}`, blocks: [en(statement.text)] });
        }
        break;
      case 'signature':
        texts.push({ name: `${step.kind} ${step.id} (intro)`, blocks: [en(step.intro)] });
        texts.push({ name: `${step.kind} ${step.id} (meaning)`, blocks: [en(step.meaning)] });
        break;
      case 'video':
      case 'identity':
      case 'review':
        texts.push({ name: `${step.kind} ${step.id} (intro)`, blocks: [en(step.intro)] });
        break;
      case 'questionnaire':
        break;
      default:
        return step satisfies never;
    }
  }
  return texts;
}

describe('Flesch-Kincaid grade (the measure itself)', () => {
  it('counts headings and list items as sentences and leaves out Markdown, DOIs and URLs', () => {
    const blocks = markdownBlocks(
      '## A title\n\nOne short line. [Two](https://example.org/a) more!\n\n- an item\n- **bold** item\n\n1. Walsh Z. A review. doi:10.1192/bjo.2021.1061\n',
    )
      .map((block) => block.text)
      .filter((text) => !DOI.test(text));
    expect(countText(blocks)).toEqual({ sentence: 5, word: 11, syllable: 14 });
    expect(countText(['See https://example.org/a-long-address now.'])).toEqual({
      sentence: 1,
      word: 2,
      syllable: 2,
    });
  });

  it('grades long sentences of long words above plain ones', () => {
    expect(gradeOf(['The cat sat on the mat. It was warm.'])).toBeLessThan(2);
    expect(
      gradeOf([
        'Pharmacological interventions demonstrating considerable heterogeneity necessitate individualized therapeutic consideration.',
      ]),
    ).toBeGreaterThan(MAX_GRADE);
  });
});

describe(`the ${DEFAULT_PACK_ID} pack in English`, () => {
  const texts = packTexts();

  it('has pages, checks and statements to grade', () => {
    expect(texts.filter((text) => text.name.startsWith('page ')).length).toBeGreaterThan(5);
    expect(texts.some((text) => text.name.startsWith('check '))).toBe(true);
    expect(texts.some((text) => text.name.startsWith('statement '))).toBe(true);
  });

  it(`reads at grade ${MAX_GRADE} or below, everywhere`, () => {
    const grades = texts.map((text) => ({ name: text.name, grade: gradeOf(text.blocks) }));
    console.info(
      `readability: ${grades.map(({ name, grade }) => `${name} ${grade.toFixed(1)}`).join('; ')}`,
    );
    // `!(grade <= MAX)` also catches NaN: a text with no words has no grade and is a mistake.
    const tooHard = grades
      .filter(({ grade }) => !(grade <= MAX_GRADE))
      .map(({ name, grade }) => `${name}: grade ${grade.toFixed(1)}`);
    expect(tooHard, `above grade ${MAX_GRADE}`).toEqual([]);
  });
});

describe("the kiosk's own words on signing, in English", () => {
  it(`read at grade ${MAX_GRADE} or below`, () => {
    for (const [name, text] of [
      ['signing disclosure', signingDisclosure(LOCALE)],
      ['typed signature intent', typedSignatureIntent(LOCALE)],
    ] as const) {
      const grade = gradeOf([text]);
      expect(grade <= MAX_GRADE, `${name}: grade ${grade.toFixed(1)}`).toBe(true);
    }
  });
});
