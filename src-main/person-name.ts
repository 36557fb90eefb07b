/**
 * The one rule for a name a person types: a client's name, the name typed beside a signature,
 * a staff member's name. Names are taken as people write them (W3C, "Personal names around the
 * world", https://www.w3.org/International/questions/qa-personal-names): any script, digits
 * ("Henry Ford 2nd"), commas and suffixes ("O'Brien, Jr."). What is refused is only what nobody
 * can see on screen or paper yet changes what a name is: control characters, the bidirectional
 * controls that can make a name read differently from how it is stored (Unicode TR #9,
 * https://www.unicode.org/reports/tr9/; "Trojan Source", CVE-2021-42574), and zero-width
 * characters. A name that a spreadsheet could take for a formula is not this rule's concern:
 * the CSV writer neutralises every such cell.
 */
import type { FieldError } from './contract';

/**
 * `Cc`: C0 and C1 controls (tab and line breaks included). `Bidi_Control`: exactly U+061C,
 * U+200E, U+200F, U+202A–U+202E and U+2066–U+2069. Then the zero-width characters, which no
 * Unicode property names on their own (`Cf` would also take the soft hyphen and the tag
 * characters; `Default_Ignorable_Code_Point` the variation selectors of Japanese names): zero
 * width space, non-joiner and joiner, word joiner, and U+FEFF (byte order mark, ZWNBSP).
 */
const INVISIBLE = /[\p{Cc}\p{Bidi_Control}\u200B-\u200D\u2060\uFEFF]/u;

/** Trims and folds runs of white space, and NFC-normalises so the same name always compares equal. */
export function normaliseName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** True when `text` holds a character of `INVISIBLE`. */
export function hasInvisibleCharacter(text: string): boolean {
  return INVISIBLE.test(text);
}

/**
 * A typed name, normalised, or why it cannot be taken. The invisible characters are looked for
 * before white space is folded, because `\s` counts U+FEFF and tabs as spaces and would hide them.
 */
export function checkPersonName(
  raw: string,
  maxLength: number,
): { name: string } | { error: FieldError } {
  const name = normaliseName(raw);
  if (name.length === 0) {
    return { error: 'required' };
  }
  if (hasInvisibleCharacter(raw)) {
    return { error: 'invisible_character' };
  }
  return name.length > maxLength ? { error: 'too_long' } : { name };
}
