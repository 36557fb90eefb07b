import { describe, expect, it } from 'vitest';
import { checkPersonName, hasInvisibleCharacter, normaliseName } from './person-name';

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

describe('hasInvisibleCharacter', () => {
  const bidiControls = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e];
  const isolates = [0x2066, 0x2067, 0x2068, 0x2069];
  const zeroWidth = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
  const controls = [0x00, 0x09, 0x0a, 0x0d, 0x1b, 0x7f, 0x85, 0x9f];

  it.each(
    [...bidiControls, ...isolates, ...zeroWidth, ...controls].map((code) => [hex(code), code]),
  )('finds %s inside a name', (_, code) => {
    expect(hasInvisibleCharacter(`Ada${String.fromCodePoint(code)}Lovelace`)).toBe(true);
  });

  it.each([
    // Visible punctuation, digits and symbols a name may hold.
    "Zoë Quill-Marchetti O'Brien, Jr.",
    'Henry Ford 2nd',
    // Format characters outside the list are not refused: a soft hyphen, a variation selector
    // of a Japanese name's ideograph (an ideographic variation sequence).
    'Anne\u00ADMarie',
    '\u845B\u{E0100}\u98FE',
    'Nguyễn Thị Minh Khai',
    'محمد بن سلمان',
  ])('finds nothing in %j', (name) => {
    expect(hasInvisibleCharacter(name)).toBe(false);
  });
});

describe('checkPersonName', () => {
  it('normalises to NFC and folds white space', () => {
    expect(checkPersonName('  Zoe\u0308   Quill ', 120)).toEqual({ name: 'Zoë Quill' });
    expect(normaliseName('Zoe\u0308')).toBe('Zoë');
  });

  it('refuses an invisible character even where white-space folding would hide it', () => {
    // `\s` counts U+FEFF and a tab as spaces: checked before folding, they are still found.
    expect(checkPersonName('Ada\uFEFFLovelace', 120)).toEqual({ error: 'invisible_character' });
    expect(checkPersonName('\uFEFFAda Lovelace', 120)).toEqual({ error: 'invisible_character' });
    expect(checkPersonName('Ada\tLovelace', 120)).toEqual({ error: 'invisible_character' });
  });

  it('says required for nothing but white space, and too_long past the limit', () => {
    expect(checkPersonName(' \t ', 120)).toEqual({ error: 'required' });
    expect(checkPersonName('a'.repeat(11), 10)).toEqual({ error: 'too_long' });
  });
});
