/**
 * What a staff passphrase must be. It guards the clinic's private key against offline guessing
 * by whoever takes the kiosk's disk, so length alone is not enough: it is also checked against
 * zxcvbn's dictionaries of common passwords, names and words (https://zxcvbn-ts.github.io/zxcvbn/).
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { LIMITS, type FieldError } from '../contract';
import { checkPersonName } from '../person-name';

/**
 * zxcvbn's top score, 4: "very unguessable: strong protection from offline slow-hash scenario"
 * (at least 10^10 guesses). Score 3 starts at 10^8, which a GPU rig could try against scrypt
 * (N=2^17) within days; 10^10 puts it at months per slot.
 */
export const MIN_ZXCVBN_SCORE = 4;

let checker: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return checker;
}

/** Characters as a person counts them: "é" typed either way, or an emoji, is one. */
function graphemes(text: string): number {
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
}

/**
 * zxcvbn's cost grows steeply with length (seconds for a long run of digits), so it judges the
 * first ZXCVBN_MAX_GRAPHEMES characters: a passphrase whose start is very unguessable is at least
 * as strong whole, and one whose start is weak is refused, however long the rest.
 */
const ZXCVBN_MAX_GRAPHEMES = 64;

function judgedPart(passphrase: string): string {
  const segments = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(passphrase);
  return [...segments]
    .slice(0, ZXCVBN_MAX_GRAPHEMES)
    .map((segment) => segment.segment)
    .join('');
}

export type PassphraseFields = Partial<Record<'passphrase' | 'confirm', FieldError>>;

/**
 * Checks a new passphrase and its confirmation. `context` holds words a guesser would try
 * first for this person (their name, the clinic's name).
 */
export function checkNewPassphrase(
  passphrase: string,
  confirm: string,
  context: string[] = [],
): PassphraseFields | undefined {
  if (graphemes(passphrase) < LIMITS.passphraseMinLength) {
    return { passphrase: 'too_short' };
  }
  // zxcvbn matches user inputs word by word: "Jane Roe" must count as "jane" and "roe".
  const words = context.flatMap((phrase) => phrase.split(/\s+/u)).filter((word) => word.length > 0);
  if (zxcvbn().check(judgedPart(passphrase), words).score < MIN_ZXCVBN_SCORE) {
    return { passphrase: 'too_common' };
  }
  if (passphrase !== confirm) {
    return { confirm: 'mismatch' };
  }
  return undefined;
}

/**
 * A staff member's display name, by the same rule as a client's (`person-name.ts`): it is shown
 * on screen and written to the audit log, where a bidi control could disguise it. 1 to 80
 * characters.
 */
export function checkStaffName(raw: string): { name: string } | { error: FieldError } {
  return checkPersonName(raw, 80);
}
