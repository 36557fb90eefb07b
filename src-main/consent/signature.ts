/** Validation of the drawn signature and the typed name that goes with it. */
import { LIMITS, type FieldError } from '../contract';
import { hasInvisibleCharacter, normaliseName } from '../person-name';

export interface Signature {
  /** The PNG exactly as drawn, base64 without the data-URL prefix. */
  pngBase64: string;
  inkLength: number;
  typedName: string;
}

export type SignatureCheck =
  | { ok: true; signature: Signature }
  | { ok: false; fields: Partial<Record<'image' | 'typedName', FieldError>> };

const PNG_PREFIX = 'data:image/png;base64,';
// The eight bytes every PNG starts with (PNG specification, section 5.2).
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function checkImage(dataUrl: string, inkLength: number): FieldError | undefined {
  if (dataUrl.length === 0) {
    return 'required';
  }
  if (!dataUrl.startsWith(PNG_PREFIX)) {
    return 'invalid_image';
  }
  const base64 = dataUrl.slice(PNG_PREFIX.length);
  if (!BASE64.test(base64) || !Buffer.from(base64, 'base64').subarray(0, 8).equals(PNG_MAGIC)) {
    return 'invalid_image';
  }
  return inkLength < LIMITS.signatureMinInk ? 'not_enough_ink' : undefined;
}

function namesMatch(a: string, b: string): boolean {
  return normaliseName(a).localeCompare(normaliseName(b), undefined, { sensitivity: 'base' }) === 0;
}

export function checkSignature(
  dataUrl: string,
  inkLength: number,
  typedName: string,
  identityName: string | undefined,
): SignatureCheck {
  const fields: Partial<Record<'image' | 'typedName', FieldError>> = {};
  const imageError = checkImage(dataUrl, inkLength);
  if (imageError) {
    fields.image = imageError;
  }
  if (normaliseName(typedName).length === 0) {
    fields.typedName = 'required';
  } else if (hasInvisibleCharacter(typedName)) {
    // Collation ignores zero-width and bidi characters, so the comparison below would let them in.
    fields.typedName = 'invisible_character';
  } else if (identityName === undefined || !namesMatch(typedName, identityName)) {
    fields.typedName = 'name_mismatch';
  }
  if (fields.image ?? fields.typedName) {
    return { ok: false, fields };
  }
  return {
    ok: true,
    signature: {
      pngBase64: dataUrl.slice(PNG_PREFIX.length),
      inkLength,
      typedName: normaliseName(typedName),
    },
  };
}
