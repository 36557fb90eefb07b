import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../content';
import { checkSignature, checkTypedSignature } from './signature';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('checkSignature', () => {
  it('accepts a PNG with enough ink and the identity name typed in any case', () => {
    const result = checkSignature(PNG, 400, '  ada  LOVELACE', 'Ada Lovelace');
    expect(result).toEqual({
      ok: true,
      signature: {
        method: 'drawn',
        pngBase64: PNG.slice('data:image/png;base64,'.length),
        inkLength: 400,
        typedName: 'ada LOVELACE',
      },
    });
  });

  it('refuses an empty pad', () => {
    expect(checkSignature('', 0, 'Ada Lovelace', 'Ada Lovelace')).toEqual({
      ok: false,
      fields: { image: 'required' },
    });
  });

  it('refuses too little ink', () => {
    expect(checkSignature(PNG, 20, 'Ada Lovelace', 'Ada Lovelace')).toEqual({
      ok: false,
      fields: { image: 'not_enough_ink' },
    });
  });

  it.each([
    'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
    'data:image/png;base64,R0lGODlhAQABAAAAACw=',
    'data:image/png;base64,not base64!',
  ])('refuses an image that is not a PNG: %s', (dataUrl) => {
    expect(checkSignature(dataUrl, 400, 'Ada Lovelace', 'Ada Lovelace')).toEqual({
      ok: false,
      fields: { image: 'invalid_image' },
    });
  });

  it('refuses a typed name that is missing or differs from the identity', () => {
    expect(checkSignature(PNG, 400, ' ', 'Ada Lovelace')).toEqual({
      ok: false,
      fields: { typedName: 'required' },
    });
    expect(checkSignature(PNG, 400, 'Ada Byron', 'Ada Lovelace')).toEqual({
      ok: false,
      fields: { typedName: 'name_mismatch' },
    });
  });

  it.each(['Ada Love\u200Blace', 'Ada \u202ELovelace', 'Ada\u2060 Lovelace', 'Ada\tLovelace'])(
    'refuses a typed name with an invisible character, though collation would match it: %j',
    (typedName) => {
      expect(checkSignature(PNG, 400, typedName, 'Ada Lovelace')).toEqual({
        ok: false,
        fields: { typedName: 'invisible_character' },
      });
    },
  );

  it('accepts a typed name with a suffix and digits, matching the identity', () => {
    const name = "Zoë Quill-Marchetti O'Brien, Jr.";
    expect(checkSignature(PNG, 400, `  ${name}`, name)).toMatchObject({
      ok: true,
      signature: { typedName: name },
    });
    expect(checkSignature(PNG, 400, 'henry ford 2ND', 'Henry Ford 2nd')).toMatchObject({
      ok: true,
    });
  });
});

describe('checkTypedSignature (a client who cannot draw)', () => {
  const INTENT = { text: 'I mean my typed name to be my signature.', locale: 'en' };

  it('takes the typed name with the statement of intent confirmed, and keeps the statement', () => {
    expect(checkTypedSignature(' Ada  Lovelace ', 'Ada Lovelace', true, INTENT)).toEqual({
      ok: true,
      signature: {
        method: 'typed',
        pngBase64: null,
        inkLength: 0,
        typedName: 'Ada Lovelace',
        intent: { ...INTENT, textSha256: sha256Hex(INTENT.text) },
      },
    });
  });

  it('refuses it without the statement confirmed, or under another or an invisible-character name', () => {
    expect(checkTypedSignature('Ada Lovelace', 'Ada Lovelace', false, INTENT)).toEqual({
      ok: false,
      fields: { intent: 'required' },
    });
    expect(checkTypedSignature('Ada Byron', 'Ada Lovelace', true, INTENT)).toEqual({
      ok: false,
      fields: { typedName: 'name_mismatch' },
    });
    expect(checkTypedSignature('Ada Love\u200Blace', 'Ada Lovelace', true, INTENT)).toEqual({
      ok: false,
      fields: { typedName: 'invisible_character' },
    });
    expect(checkTypedSignature(' ', 'Ada Lovelace', false, INTENT)).toEqual({
      ok: false,
      fields: { typedName: 'required', intent: 'required' },
    });
  });
});
