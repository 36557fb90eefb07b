/**
 * Owns the database key's shape: 32 random bytes, handed to SQLCipher as a raw key so that no
 * passphrase KDF runs inside SQLite (the passphrase KDF lives in the key slots instead), its
 * PRAGMA form and its key check.
 */
import { hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { VaultError } from '../errors';

/** AES-256: SQLCipher v4 uses the raw key directly as the page cipher key. */
export const DATABASE_KEY_BYTES = 32;

const RAW_KEY_HEX = /^[0-9a-f]{64}$/;

const KEY_CHECK_INFO = 'clinic-kiosk/vault/key-check/v1';
const KEY_CHECK_BYTES = 32;

export function generateDatabaseKey(): Buffer {
  return randomBytes(DATABASE_KEY_BYTES);
}

export function assertDatabaseKeyShape(key: Buffer): void {
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new VaultError(
      'BAD_KEY_SHAPE',
      `assertDatabaseKeyShape: the database key is ${String(key.length)} bytes, not ${String(DATABASE_KEY_BYTES)}`,
    );
  }
}

/**
 * `key = "x'<64 hex>'"`: SQLCipher's raw-key form
 * (https://www.zetetic.net/sqlcipher/sqlcipher-api/#key, "Raw Key Data";
 * https://utelle.github.io/SQLite3MultipleCiphers/docs/ciphers/cipher_sqlcipher/).
 * The shape is checked first because anything other than exactly 64 hex digits is not an error
 * to SQLite3MultipleCiphers: it silently treats the string as a passphrase and runs it through
 * PBKDF2, which would key the database with something we never stored.
 */
export function sqlcipherKeyPragma(key: Buffer): string {
  assertDatabaseKeyShape(key);
  const hex = key.toString('hex');
  if (!RAW_KEY_HEX.test(hex)) {
    throw new VaultError('BAD_KEY_SHAPE', 'sqlcipherKeyPragma: the key is not 64 hex digits');
  }
  return `key = "x'${hex}'"`;
}

/** `rekey = "x'<64 hex>'"`: the same raw-key form, for SQLite3 Multiple Ciphers' PRAGMA rekey. */
export function sqlcipherRekeyPragma(key: Buffer): string {
  return `re${sqlcipherKeyPragma(key)}`;
}

/**
 * A key-confirmation value stored in keys.json: HKDF-SHA256 (RFC 5869) of the key with a fixed
 * label. It lets the vault refuse a wrong key before SQLite opens the folder at all: after a crash
 * the `-wal` and `-shm` files remain, and SQLite resets the `-shm` index as soon as it opens them,
 * which happens before it reads (and fails to decrypt) the first page. Empty salt is allowed by
 * RFC 5869 section 3.1 for a uniformly random input key.
 */
export function keyCheckFor(key: Buffer): Buffer {
  assertDatabaseKeyShape(key);
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), KEY_CHECK_INFO, KEY_CHECK_BYTES));
}

export function keyMatchesCheck(key: Buffer, keyCheck: Buffer): boolean {
  const expected = keyCheckFor(key);
  return expected.length === keyCheck.length && timingSafeEqual(expected, keyCheck);
}
