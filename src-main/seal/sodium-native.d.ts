/**
 * Types for the part of sodium-native (https://github.com/holepunchto/sodium-native, v5) that
 * src-main/seal/sodium.ts uses; the package ships none. Each function writes into the buffers it
 * is given, as libsodium's C API does.
 */
declare module 'sodium-native' {
  const sodium: {
    readonly crypto_box_PUBLICKEYBYTES: number;
    readonly crypto_box_SECRETKEYBYTES: number;
    readonly crypto_box_SEALBYTES: number;
    crypto_box_keypair(publicKey: Uint8Array, secretKey: Uint8Array): void;
    crypto_box_seal(ciphertext: Uint8Array, message: Uint8Array, publicKey: Uint8Array): void;
    /** false when the box does not open (altered, truncated, or for another key). */
    crypto_box_seal_open(
      message: Uint8Array,
      ciphertext: Uint8Array,
      publicKey: Uint8Array,
      secretKey: Uint8Array,
    ): boolean;
    /** Guarded, mlock'ed memory, zeroed when freed (libsodium's sodium_malloc). */
    sodium_malloc(size: number): Buffer;
    sodium_memzero(bytes: Uint8Array): void;
  };
  export default sodium;
}
