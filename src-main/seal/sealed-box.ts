/**
 * Public-key sealing of client submissions: libsodium's sealed box (`crypto_box_seal`), an
 * anonymous-sender construction of X25519 + XSalsa20-Poly1305 with an ephemeral key pair per
 * message (https://doc.libsodium.org/public-key_cryptography/sealed_boxes). Anyone holding the
 * public key can seal; only the private key opens. The kiosk holds only the public key, which is
 * what makes it write-only.
 *
 * What a sealed box does not give: sender authentication. Anyone with the public key can seal a
 * well-formed box, so a box proves nothing about who wrote it; integrity of the record set comes
 * from elsewhere (the database cipher, the audit chain).
 */
import { readySodium, SealError } from './sodium';

export const SEAL_PUBLIC_KEY_BYTES = 32;
export const SEAL_PRIVATE_KEY_BYTES = 32;

export interface SealKeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/** The private key lives in libsodium's guarded memory (sodium_malloc); wipe it with wipeBytes. */
export function generateSealKeyPair(): SealKeyPair {
  const sodium = readySodium();
  const publicKey = new Uint8Array(sodium.crypto_box_PUBLICKEYBYTES);
  const privateKey = sodium.sodium_malloc(sodium.crypto_box_SECRETKEYBYTES);
  sodium.crypto_box_keypair(publicKey, privateKey);
  return { publicKey, privateKey };
}

/** The sealed box of `plaintext` for `publicKey`: 48 bytes longer than the plaintext. */
export function sealTo(publicKey: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const sodium = readySodium();
  assertKeyLength(publicKey, sodium.crypto_box_PUBLICKEYBYTES, 'public');
  const sealed = new Uint8Array(plaintext.length + sodium.crypto_box_SEALBYTES);
  sodium.crypto_box_seal(sealed, plaintext, publicKey);
  return sealed;
}

/**
 * The plaintext of `sealed`. Throws CANNOT_OPEN when the box was altered, truncated, or sealed
 * for another key: Poly1305 cannot tell these apart and neither do we.
 */
export function openSealed(
  publicKey: Uint8Array,
  privateKey: Uint8Array,
  sealed: Uint8Array,
): Uint8Array {
  const sodium = readySodium();
  assertKeyLength(publicKey, sodium.crypto_box_PUBLICKEYBYTES, 'public');
  assertKeyLength(privateKey, sodium.crypto_box_SECRETKEYBYTES, 'private');
  if (sealed.length < sodium.crypto_box_SEALBYTES) {
    throw new SealError('CANNOT_OPEN', 'openSealed: the sealed box is shorter than its overhead');
  }
  // Plain memory, not sodium_malloc: a guarded allocation per record would cost more than the
  // open itself. The caller wipes the plaintext once it has read it.
  const plaintext = new Uint8Array(sealed.length - sodium.crypto_box_SEALBYTES);
  if (!sodium.crypto_box_seal_open(plaintext, sealed, publicKey, privateKey)) {
    throw new SealError(
      'CANNOT_OPEN',
      'openSealed: the box does not open with this key pair (altered, or sealed for another key)',
    );
  }
  return plaintext;
}

/** Overwrites `bytes` with zeros (libsodium's sodium_memzero); copies JavaScript made elsewhere stay. */
export function wipeBytes(bytes: Uint8Array): void {
  readySodium().sodium_memzero(bytes);
}

function assertKeyLength(key: Uint8Array, expected: number, which: 'public' | 'private'): void {
  if (key.length !== expected) {
    throw new SealError(
      'BAD_KEY',
      `assertKeyLength: the ${which} key is ${String(key.length)} bytes, not ${String(expected)}`,
    );
  }
}
