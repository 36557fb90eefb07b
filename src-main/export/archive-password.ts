/**
 * The password of an encrypted export: 150 random bits from `crypto.randomBytes`, written as
 * RFC 4648 base32 (https://www.rfc-editor.org/rfc/rfc4648#section-6: capitals and 2–7, no 0, 1
 * or 8 to mistake for O, I or B) in six groups of five, `ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345`:
 * the whole text, hyphens included, is the password 7-Zip asks for. It is shown once, to the
 * person who exported, and never stored or logged. That many random bits leave nothing for
 * WinZip AES's key derivation (PBKDF2-SHA1, 1,000 rounds) to slow down.
 */
import { randomBytes } from 'node:crypto';
import { base32 } from '@scure/base';

const GROUPS = 6;
const GROUP = 5;

export function newArchivePassword(): string {
  // 20 bytes are 32 base32 characters; the first 30 carry 150 random bits.
  const text = base32.encode(randomBytes(20)).slice(0, GROUPS * GROUP);
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += GROUP) {
    groups.push(text.slice(i, i + GROUP));
  }
  return groups.join('-');
}
