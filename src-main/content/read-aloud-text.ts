/**
 * What a client can have read aloud, in one locale: every text of every step as the screen
 * shows it, cut into sentences. The read-aloud audio is one clip a sentence (audio-index.ts),
 * rendered by `npm run pack:audio` from these same sentences, and the renderer highlights each
 * one while its clip plays, so this file is the one place that decides what a sentence is.
 */
import { localText, type LocalText } from './local-text';
import type { PackStep } from './pack-model';
import { markdownBlocks } from './snapshot';

/**
 * Words ending in a full stop that do not end a sentence. `Intl.Segmenter` (ICU's rules, UAX
 * #29 https://unicode.org/reports/tr29/#Sentence_Boundaries, without ICU's abbreviation
 * suppressions) splits "Dr. Rivera" after "Dr.", which would read as two clips with a pause
 * between and highlight half a name: a segment ending in one of these joins the next.
 */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  // Not "No.": an answer ("No. Ketamine is…") ends there far more often than a number starts.
  en: ['dr', 'mr', 'mrs', 'ms', 'st', 'vs', 'etc', 'e.g', 'i.e', 'approx', 'prof'],
  // "EE. UU." (Estados Unidos) is in the middle of its sentence in every pack text so far.
  es: [
    'dr',
    'dra',
    'sr',
    'sra',
    'srta',
    'ud',
    'uds',
    'etc',
    'p. ej',
    'aprox',
    'prof',
    'ee',
    'ee. uu',
  ],
};

/** The sentences of `text` in `locale`, white space collapsed, empty ones dropped. */
export function sentencesOf(text: string, locale: string): string[] {
  const language = locale.split('-')[0] ?? locale;
  const abbreviations = ABBREVIATIONS[language] ?? [];
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  const sentences: string[] = [];
  let pending = '';
  for (const { segment } of segmenter.segment(text.replace(/\s+/g, ' ').trim())) {
    pending += segment;
    const lastWord = /(?:^|\s)([^\s]+)\.\s*$/u.exec(pending)?.[1]?.toLowerCase();
    const twoWords = /(?:^|\s)([^\s]+ [^\s]+)\.\s*$/u.exec(pending)?.[1]?.toLowerCase();
    if (
      (lastWord !== undefined && abbreviations.includes(lastWord)) ||
      (twoWords !== undefined && abbreviations.includes(twoWords))
    ) {
      continue;
    }
    sentences.push(pending.trim());
    pending = '';
  }
  if (pending.trim() !== '') {
    sentences.push(pending.trim());
  }
  return sentences.filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/**
 * One text of a step, named as the renderer names it on screen: `title`, `intro`, `body` (a
 * page), `question` and `options.<id>` (a check), `statements.<id>`, `items.<id>` and
 * `items.<id>.options.<answer-id>` (a questionnaire item and its answers), `support.title` and
 * `support.body` (the support screen).
 */
export interface ReadAloudText {
  key: string;
  sentences: string[];
}

/**
 * Every text of `step` a client may have read aloud, in `locale`, in screen order. Not read:
 * a check's feedback (main shows it only after a wrong answer, and the renderer never has it
 * before), the review step's read-back of what the client typed (not pack text), an
 * instrument's copyright line (small print under every item, not the question), and the
 * kiosk's own words (buttons, "Question 2 of 9").
 */
export function readAloudTexts(
  step: PackStep,
  locale: string,
  defaultLocale: string,
): ReadAloudText[] {
  const texts: ReadAloudText[] = [];
  const add = (key: string, value: LocalText | undefined): void => {
    if (value !== undefined) {
      push(key, localText(value, locale, defaultLocale));
    }
  };
  const push = (key: string, text: string): void => {
    const sentences = sentencesOf(text, locale);
    if (sentences.length > 0) {
      texts.push({ key, sentences });
    }
  };
  add('title', step.title);
  switch (step.kind) {
    case 'page':
      texts.push({ key: 'body', sentences: pageSentences(step.body, locale, defaultLocale) });
      break;
    case 'video':
    case 'identity':
    case 'review':
      add('intro', step.intro);
      break;
    case 'signature':
      add('intro', step.intro);
      add('meaning', step.meaning);
      break;
    case 'check':
      add('question', step.question);
      for (const option of step.options) {
        add(`options.${option.id}`, option.label);
      }
      break;
    case 'acknowledge':
      add('intro', step.intro);
      for (const statement of step.statements) {
        add(`statements.${statement.id}`, statement.text);
      }
      break;
    case 'questionnaire':
      add('intro', step.intro);
      for (const item of step.items) {
        add(`items.${item.id}`, item.text);
        const answers = item.answerSet === undefined ? [] : (step.answerSets[item.answerSet] ?? []);
        for (const answer of answers) {
          add(`items.${item.id}.options.${answer.id}`, answer.label);
        }
      }
      add('support.title', step.support?.title);
      add('support.body', step.support?.body);
      break;
    default:
      return step satisfies never;
  }
  return texts;
}

/**
 * A page body's sentences: the text blocks the record keeps of it (snapshot.ts, the text the
 * client saw), without pictures (their alt text is not on screen) and without an ordered
 * item's number (drawn by the list, not in the text).
 */
function pageSentences(body: LocalText, locale: string, defaultLocale: string): string[] {
  return markdownBlocks(localText(body, locale, defaultLocale))
    .filter((block) => block.kind !== 'image')
    .flatMap((block) =>
      sentencesOf(block.kind === 'item' ? block.text.replace(/^\d+\. /, '') : block.text, locale),
    );
}
