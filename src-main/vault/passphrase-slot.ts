/**
 * The passphrase slot: scrypt turns a staff passphrase into a key-encryption key (KEK), and
 * AES-256-GCM wraps the database key with it. Both are node:crypto's standard implementations.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { assertDatabaseKeyShape } from './database-key';
import { VaultError } from './errors';
import type { PassphraseSlot } from './key-file';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's minimum for scrypt: N=2^17, r=8, p=1
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt).
 * It costs 128 * N * r = 128 MiB and about 0.4 s per guess (measured on a 2-core dev VM), which
 * is what makes an offline guess at a stolen keys.json expensive. It runs synchronously: unlock
 * blocks the calling thread for that long, once.
 */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({
  N: 2 ** 17,
  r: 8,
  p: 1,
});

/**
 * Node refuses scrypt above `maxmem` (default 32 MiB), which the default params exceed
 * (https://nodejs.org/api/crypto.html#cryptoscryptsyncpassword-salt-keylen-options).
 * 256 MiB leaves room for the defaults and caps what a tampered keys.json can make us allocate.
 */
export const SCRYPT_MAXMEM_BYTES = 256 * 1024 * 1024;

/** Matches `LIMITS.passphraseMinLength` in contract.ts (the vault may not import the contract). */
export const MIN_PASSPHRASE_LENGTH = 12;

const SALT_BYTES = 16;
const KEK_BYTES = 32;
/** GCM's standard 96-bit nonce (NIST SP 800-38D section 8.2), random per wrap. */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = 'clinic-kiosk/vault/key-slot/v1';

/** Why `params` are unacceptable, or undefined when they are fine. */
export function scryptParamsProblem(params: ScryptParams): string | undefined {
  const { N, r, p } = params;
  if (!Number.isSafeInteger(N) || N < 2 ** 10 || N > 2 ** 20 || (N & (N - 1)) !== 0) {
    return `N must be a power of two between 2^10 and 2^20, not ${String(N)}`;
  }
  if (!Number.isSafeInteger(r) || r < 1 || r > 32) {
    return `r must be an integer from 1 to 32, not ${String(r)}`;
  }
  if (!Number.isSafeInteger(p) || p < 1 || p > 16) {
    return `p must be an integer from 1 to 16, not ${String(p)}`;
  }
  if (128 * N * r > SCRYPT_MAXMEM_BYTES) {
    return `N * r needs more than ${String(SCRYPT_MAXMEM_BYTES)} bytes`;
  }
  return undefined;
}

/**
 * Unicode NFC, as the OpaqueString profile does (RFC 8265 section 4.2), so that the same
 * passphrase typed on two keyboards that compose accents differently opens the vault.
 */
function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

export function assertPassphraseLongEnough(passphrase: string, caller: string): void {
  // Characters as a person counts them (grapheme clusters), not UTF-16 units or code points.
  const segments = new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(
    normalisePassphrase(passphrase),
  );
  const length = Array.from(segments).length;
  if (length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError(
      'PASSPHRASE_TOO_SHORT',
      `${caller}: the passphrase has ${String(length)} characters; at least ${String(MIN_PASSPHRASE_LENGTH)} are needed`,
    );
  }
}

export function createPassphraseSlot(
  databaseKey: Buffer,
  passphrase: string,
  params: ScryptParams,
): PassphraseSlot {
  const problem = scryptParamsProblem(params);
  if (problem) {
    throw new RangeError(`createPassphraseSlot: ${problem}`);
  }
  const id = randomUUID();
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const header = { id, N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') };
  const kek = deriveKek(passphrase, salt, params);
  try {
    const cipher = createCipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(slotAad(header));
    const ciphertext = Buffer.concat([cipher.update(databaseKey), cipher.final()]);
    return {
      kind: 'passphrase',
      id,
      kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: header.salt },
      cipher: 'aes-256-gcm',
      nonce: nonce.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  } finally {
    kek.fill(0);
  }
}

/**
 * The database key, or undefined when the passphrase does not open this slot. GCM cannot tell a
 * wrong passphrase from a tampered slot; both refuse.
 */
export function unwrapPassphraseSlot(slot: PassphraseSlot, passphrase: string): Buffer | undefined {
  const { N, r, p } = slot.kdf;
  const problem = scryptParamsProblem({ N, r, p });
  if (problem) {
    throw new VaultError('BAD_KEY_SHAPE', `unwrapPassphraseSlot: slot ${slot.id}: ${problem}`);
  }
  const salt = Buffer.from(slot.kdf.salt, 'base64');
  const nonce = Buffer.from(slot.nonce, 'base64');
  const tag = Buffer.from(slot.tag, 'base64');
  if (salt.length < SALT_BYTES || nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) {
    throw new VaultError(
      'BAD_KEY_SHAPE',
      `unwrapPassphraseSlot: slot ${slot.id} has a salt, nonce or tag of the wrong length`,
    );
  }
  const kek = deriveKek(passphrase, salt, { N, r, p });
  let databaseKey: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(slotAad({ id: slot.id, N, r, p, salt: slot.kdf.salt }));
    decipher.setAuthTag(tag);
    const ciphertext = Buffer.from(slot.ciphertext, 'base64');
    databaseKey = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    // `final()` throws when the tag does not verify: the only failure GCM reports.
    return undefined;
  } finally {
    kek.fill(0);
  }
  assertDatabaseKeyShape(databaseKey, 'unwrapPassphraseSlot');
  return databaseKey;
}

function deriveKek(passphrase: string, salt: Buffer, params: ScryptParams): Buffer {
  return scryptSync(Buffer.from(normalisePassphrase(passphrase), 'utf8'), salt, KEK_BYTES, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: SCRYPT_MAXMEM_BYTES,
  });
}

/**
 * Additional authenticated data: binds the wrapped key to this slot's kind, id and KDF params,
 * so a slot's fields cannot be edited or swapped with another slot's without GCM refusing.
 */
function slotAad(header: { id: string; N: number; r: number; p: number; salt: string }): Buffer {
  const { id, N, r, p, salt } = header;
  return Buffer.from(
    JSON.stringify([AAD_LABEL, 'passphrase', id, 'scrypt', N, r, p, salt, 'aes-256-gcm']),
    'utf8',
  );
}
