import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../vault-test-fixtures';
import { formatRecoveryKey, parseRecoveryKey } from './recovery-key';

describe('recovery key format', () => {
  it('is 32 RFC 4648 base32 characters in 8 hyphenated groups of 4, and parses back', () => {
    for (let i = 0; i < 50; i++) {
      const bytes = randomBytes(20);
      const text = formatRecoveryKey(bytes);
      expect(text).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
      expect(Buffer.from(parseRecoveryKey(text)).equals(bytes)).toBe(true);
    }
    // RFC 4648 section 10 test vector "foobar" -> MZXW6YTBOI======, padded out to 20 bytes.
    const vector = Buffer.concat([Buffer.from('foobar'), Buffer.alloc(14)]);
    expect(formatRecoveryKey(vector).replace(/-/g, '').startsWith('MZXW6YTBOI')).toBe(true);
  });

  it('forgives case, spaces, hyphens and the look-alikes 0, 1 and 8', () => {
    const bytes = randomBytes(20);
    const text = formatRecoveryKey(bytes);
    const variants = [
      text.toLowerCase(),
      text.replace(/-/g, ''),
      text.replace(/-/g, ' '),
      ` ${text.replace(/-/g, '  -  ')}\n`,
      text.replace(/O/g, '0').replace(/I/g, '1').replace(/B/g, '8'),
      text.toLowerCase().replace(/o/g, '0').replace(/i/g, '1').replace(/b/g, '8'),
    ];
    for (const variant of variants) {
      expect(Buffer.from(parseRecoveryKey(variant)).equals(bytes), variant).toBe(true);
    }
    // A key with no O, I or B still parses: the mapping is only ever from outside the alphabet.
    expect(
      Buffer.from(parseRecoveryKey(formatRecoveryKey(Buffer.alloc(20)))).equals(Buffer.alloc(20)),
    ).toBe(true);
  });

  it('refuses anything that is not 32 characters of the alphabet with BAD_RECOVERY_KEY_FORMAT', () => {
    const text = formatRecoveryKey(randomBytes(20)).replace(/-/g, '');
    for (const bad of [
      '',
      text.slice(0, 31),
      `${text}A`,
      `${text.slice(0, 31)}9`, // 9 is not base32 and looks like nothing in it
      `${text.slice(0, 31)}!`,
      `${text.slice(0, 24)}========`, // padding is not part of a key
      `${text.slice(0, 31)}é`,
    ]) {
      expect(
        codeOf(() => parseRecoveryKey(bad)),
        JSON.stringify(bad),
      ).toBe('BAD_RECOVERY_KEY_FORMAT');
    }
    expect(codeOf(() => formatRecoveryKey(randomBytes(19)))).toBe('BAD_RECOVERY_KEY_FORMAT');
  });
});
