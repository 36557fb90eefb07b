/**
 * Validation of a signature: drawn (a PNG and the name typed beside it) or, for a client who
 * cannot draw, typed (the name alone, with the statement of intent confirmed).
 */
import { LIMITS, type FieldError } from '../contract';
import { sha256Hex } from '../content';
import { hasInvisibleCharacter, normaliseName } from '../person-name';

export type SignatureMethod = 'drawn' | 'typed';

export interface Signature {
  method: SignatureMethod;
  /** The PNG exactly as drawn, base64 without the data-URL prefix; null when typed. */
  pngBase64: string | null;
  inkLength: number;
  typedName: string;
  /**
   * A typed signature's statement of intent, as shown and confirmed, and the language it was
   * shown in (not kept in records sealed before it was: unknown there, not guessed).
   */
  intent?: { text: string; textSha256: string; locale?: string | undefined } | undefined;
  /** What signing means, in the pack's words as shown above the pad (`signedText`). */
  meaning?: SignedText | undefined;
  /** The electronic-signing disclosure the client accepted before signing (`signedText`). */
  agreement?: SignedText | undefined;
}

/** A text shown at signing, word for word, with its SHA-256 and the language it was shown in. */
export interface SignedText {
  text: string;
  textSha256: string;
  locale: string;
}

export function signedText(text: string, locale: string): SignedText {
  return { text, textSha256: sha256Hex(text), locale };
}

export type SignatureField = 'image' | 'typedName' | 'intent' | 'disclosure';

export type SignatureCheck =
  | { ok: true; signature: Signature }
  | { ok: false; fields: Partial<Record<SignatureField, FieldError>> };

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

/** The name typed beside any signature: present, visible characters only, the client's own. */
function typedNameError(
  typedName: string,
  identityName: string | undefined,
): FieldError | undefined {
  if (normaliseName(typedName).length === 0) {
    return 'required';
  }
  if (hasInvisibleCharacter(typedName)) {
    // Collation ignores zero-width and bidi characters, so the comparison below would let them in.
    return 'invisible_character';
  }
  if (identityName === undefined || !namesMatch(typedName, identityName)) {
    return 'name_mismatch';
  }
  return undefined;
}

export function checkSignature(
  dataUrl: string,
  inkLength: number,
  typedName: string,
  identityName: string | undefined,
): SignatureCheck {
  const fields: Partial<Record<SignatureField, FieldError>> = {};
  const imageError = checkImage(dataUrl, inkLength);
  if (imageError) {
    fields.image = imageError;
  }
  const nameError = typedNameError(typedName, identityName);
  if (nameError) {
    fields.typedName = nameError;
  }
  if (fields.image ?? fields.typedName) {
    return { ok: false, fields };
  }
  return {
    ok: true,
    signature: {
      method: 'drawn',
      pngBase64: dataUrl.slice(PNG_PREFIX.length),
      inkLength,
      typedName: normaliseName(typedName),
    },
  };
}

/**
 * A signature made by typing the name, for a client who cannot draw: valid only with the
 * statement of intent (`intent`, as shown, in its language) confirmed; the record keeps it.
 */
export function checkTypedSignature(
  typedName: string,
  identityName: string | undefined,
  intentConfirmed: boolean,
  intent: { text: string; locale: string },
): SignatureCheck {
  const fields: Partial<Record<SignatureField, FieldError>> = {};
  const nameError = typedNameError(typedName, identityName);
  if (nameError) {
    fields.typedName = nameError;
  }
  if (!intentConfirmed) {
    fields.intent = 'required';
  }
  if (fields.typedName ?? fields.intent) {
    return { ok: false, fields };
  }
  return {
    ok: true,
    signature: {
      method: 'typed',
      pngBase64: null,
      inkLength: 0,
      typedName: normaliseName(typedName),
      intent: { ...intent, textSha256: sha256Hex(intent.text) },
    },
  };
}
