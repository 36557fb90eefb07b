/**
 * Owns one staff passphrase slot's crypto and the passphrase policy: scrypt turns the passphrase
 * into a wrapping key, which wraps the master key (AES-256-GCM, key-wrap.ts). The slot also
 * names its staff member; the name, id, creation time and KDF params are bound into the AAD so
 * none can be edited in keys.json. Which slots keys.json holds is staff-roster.ts's business.
 */
import { randomBytes, scrypt, scryptSync } from 'node:crypto';
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
 * is what makes an offline guess at a stolen keys.json expensive. The kiosk's own unlocks use the
 * `…Async` functions below, which run scrypt on libuv's thread pool
 * (https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options-callback), so an
 * unlock never stalls main's one thread (a client's page) for that long per slot it tries. The
 * synchronous ones are for first-run setup (no client can be waiting then), tools and tests.
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
  const length = passphraseLength(passphrase);
  if (length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError(
      'PASSPHRASE_TOO_SHORT',
      `assertPassphraseLongEnough: the passphrase has ${String(length)} characters; at least ${String(MIN_PASSPHRASE_LENGTH)} are needed`,
    );
  }
}

/**
 * Whether `passphrase` could open a slot at all: every slot was made with at least
 * MIN_PASSPHRASE_LENGTH characters, so a shorter one is refused without running scrypt.
 */
export function couldOpenASlot(passphrase: string): boolean {
  return passphraseLength(passphrase) >= MIN_PASSPHRASE_LENGTH;
}

/** Characters as a person counts them (grapheme clusters), not UTF-16 units or code points. */
function passphraseLength(passphrase: string): number {
  const segments = new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(
    normalisePassphrase(passphrase),
  );
  return Array.from(segments).length;
}

/** Wraps `masterKey` under `passphrase` for `staff`, with a fresh salt. */
export function createPassphraseSlot(
  masterKey: Buffer,
  staff: StaffIdentity,
  passphrase: string,
  params: ScryptParams,
): StaffPassphraseSlot {
  const draft = draftSlot(staff, params);
  return sealSlot(draft, masterKey, scryptSync(...scryptArguments(passphrase, draft.kdf)));
}

/** `createPassphraseSlot` with scrypt off main's thread (adding staff, changing a passphrase). */
export async function createPassphraseSlotAsync(
  masterKey: Buffer,
  staff: StaffIdentity,
  passphrase: string,
  params: ScryptParams,
): Promise<StaffPassphraseSlot> {
  const draft = draftSlot(staff, params);
  return sealSlot(draft, masterKey, await scryptAsync(...scryptArguments(passphrase, draft.kdf)));
}

/** The master key, or undefined when the passphrase does not open this slot. */
export function unwrapPassphraseSlot(
  slot: StaffPassphraseSlot,
  passphrase: string,
): Buffer | undefined {
  assertSlotUsable(slot);
  return openSlot(slot, scryptSync(...scryptArguments(passphrase, slot.kdf)));
}

/** `unwrapPassphraseSlot` with scrypt off main's thread: what the kiosk's unlocks use. */
export async function unwrapPassphraseSlotAsync(
  slot: StaffPassphraseSlot,
  passphrase: string,
): Promise<Buffer | undefined> {
  assertSlotUsable(slot);
  return openSlot(slot, await scryptAsync(...scryptArguments(passphrase, slot.kdf)));
}

type SlotDraft = Omit<StaffPassphraseSlot, 'wrapped'>;

function draftSlot(staff: StaffIdentity, params: ScryptParams): SlotDraft {
  const problem = scryptParamsProblem(params);
  if (problem) {
    throw new RangeError(`createPassphraseSlot: ${problem}`);
  }
  return {
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
}

/** Takes ownership of `wrappingKey` (zeroed here). */
function sealSlot(draft: SlotDraft, masterKey: Buffer, wrappingKey: Buffer): StaffPassphraseSlot {
  try {
    return { ...draft, wrapped: wrapKey(wrappingKey, masterKey, passphraseSlotAad(draft)) };
  } finally {
    wrappingKey.fill(0);
  }
}

/** Refuses, before any scrypt runs, params or a salt from keys.json that this app never writes. */
function assertSlotUsable(slot: StaffPassphraseSlot): void {
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
}

/** Takes ownership of `wrappingKey` (zeroed here). */
function openSlot(slot: StaffPassphraseSlot, wrappingKey: Buffer): Buffer | undefined {
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

type ScryptArguments = [password: Buffer, salt: Buffer, keylen: number, options: ScryptOptions];
interface ScryptOptions {
  N: number;
  r: number;
  p: number;
  maxmem: number;
}

/** The one description of the wrapping key's derivation, for both scrypt calls. */
function scryptArguments(
  passphrase: string,
  kdf: ScryptParams & { salt: string },
): ScryptArguments {
  return [
    Buffer.from(normalisePassphrase(passphrase), 'utf8'),
    Buffer.from(kdf.salt, 'base64'),
    WRAPPING_KEY_BYTES,
    { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: SCRYPT_MAXMEM_BYTES },
  ];
}

function scryptAsync(...[password, salt, keylen, options]: ScryptArguments): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, options, (error, key) => {
      if (error) {
        reject(error);
      } else {
        resolve(key);
      }
    });
  });
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
