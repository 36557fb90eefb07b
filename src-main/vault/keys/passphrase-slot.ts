/**
 * Owns one staff passphrase slot's crypto and the passphrase policy: scrypt turns the passphrase
 * into a wrapping key, which wraps the master key (AES-256-GCM, key-wrap.ts). The slot also
 * names its staff member; the name, id, creation time and KDF params are bound into the AAD so
 * none can be edited in keys.json. Which slots keys.json holds is staff-roster.ts's business.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { VaultError } from '../errors';
import type { StaffPassphraseSlot } from './key-file';
import { unwrapKey, wrapAad, wrapKey, WRAPPING_KEY_BYTES } from './key-wrap';
import { MASTER_KEY_BYTES } from './master-key';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** A staff member as the rest of the app sees them. Every staff member is an administrator. */
export interface StaffIdentity {
  staffId: string;
  name: string;
  createdAt: string;
}

/**
 * OWASP's minimum for scrypt: N=2^17, r=8, p=1
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt).
 * It costs 128 * N * r = 128 MiB and about 0.4 s per guess (measured on a 2-core dev VM), which
 * is what makes an offline guess at a stolen keys.json expensive. It runs synchronously: an
 * unlock blocks the calling thread for that long per staff slot it tries.
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

/**
 * The vault's own floor, which it enforces whoever calls it. It may not import the contract, so
 * `src-main/api/limits.test.ts` pins this to `LIMITS.passphraseMinLength` by type.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

const SALT_BYTES = 16;

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

export function assertPassphraseLongEnough(passphrase: string): void {
  // Characters as a person counts them (grapheme clusters), not UTF-16 units or code points.
  const segments = new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(
    normalisePassphrase(passphrase),
  );
  const length = Array.from(segments).length;
  if (length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError(
      'PASSPHRASE_TOO_SHORT',
      `assertPassphraseLongEnough: the passphrase has ${String(length)} characters; at least ${String(MIN_PASSPHRASE_LENGTH)} are needed`,
    );
  }
}

/** Wraps `masterKey` under `passphrase` for `staff`, with a fresh salt. */
export function createPassphraseSlot(
  masterKey: Buffer,
  staff: StaffIdentity,
  passphrase: string,
  params: ScryptParams,
): StaffPassphraseSlot {
  const problem = scryptParamsProblem(params);
  if (problem) {
    throw new RangeError(`createPassphraseSlot: ${problem}`);
  }
  const slotWithoutKey = {
    staffId: staff.staffId,
    name: staff.name,
    createdAt: staff.createdAt,
    kdf: {
      name: 'scrypt' as const,
      N: params.N,
      r: params.r,
      p: params.p,
      salt: randomBytes(SALT_BYTES).toString('base64'),
    },
  };
  const wrappingKey = deriveWrappingKey(passphrase, slotWithoutKey.kdf);
  try {
    const wrapped = wrapKey(wrappingKey, masterKey, passphraseSlotAad(slotWithoutKey));
    return { ...slotWithoutKey, wrapped };
  } finally {
    wrappingKey.fill(0);
  }
}

/** The master key, or undefined when the passphrase does not open this slot. */
export function unwrapPassphraseSlot(
  slot: StaffPassphraseSlot,
  passphrase: string,
): Buffer | undefined {
  const problem = scryptParamsProblem(slot.kdf);
  if (problem) {
    throw new VaultError(
      'BAD_KEY_SHAPE',
      `unwrapPassphraseSlot: slot of staff ${slot.staffId}: ${problem}`,
    );
  }
  if (Buffer.from(slot.kdf.salt, 'base64').length < SALT_BYTES) {
    throw new VaultError(
      'BAD_KEY_SHAPE',
      `unwrapPassphraseSlot: slot of staff ${slot.staffId}: short salt`,
    );
  }
  const wrappingKey = deriveWrappingKey(passphrase, slot.kdf);
  try {
    const masterKey = unwrapKey(wrappingKey, slot.wrapped, passphraseSlotAad(slot));
    if (masterKey && masterKey.length !== MASTER_KEY_BYTES) {
      masterKey.fill(0);
      throw new VaultError(
        'BAD_KEY_SHAPE',
        `unwrapPassphraseSlot: slot of staff ${slot.staffId}: bad key`,
      );
    }
    return masterKey;
  } finally {
    wrappingKey.fill(0);
  }
}

export function staffOf(slot: StaffPassphraseSlot): StaffIdentity {
  return { staffId: slot.staffId, name: slot.name, createdAt: slot.createdAt };
}

function deriveWrappingKey(passphrase: string, kdf: ScryptParams & { salt: string }): Buffer {
  return scryptSync(
    Buffer.from(normalisePassphrase(passphrase), 'utf8'),
    Buffer.from(kdf.salt, 'base64'),
    WRAPPING_KEY_BYTES,
    { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: SCRYPT_MAXMEM_BYTES },
  );
}

/** Binds the slot's kind, staff identity and KDF params to the wrapped master key. */
function passphraseSlotAad(slot: Omit<StaffPassphraseSlot, 'wrapped'>): Buffer {
  const { staffId, name, createdAt, kdf } = slot;
  return wrapAad([
    'staff-passphrase',
    staffId,
    name,
    createdAt,
    'scrypt',
    kdf.N,
    kdf.r,
    kdf.p,
    kdf.salt,
    'master-key',
  ]);
}
