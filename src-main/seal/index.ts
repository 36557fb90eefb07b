/**
 * Public-key sealing of client submissions (libsodium sealed boxes). The vault seals with the
 * clinic's public key; only a staff unlock, which holds the private key, opens.
 */
export { ensureSodium, isSodiumReady, SealError, type SealErrorCode } from './sodium';
export {
  generateSealKeyPair,
  openSealed,
  sealTo,
  wipeBytes,
  SEAL_PRIVATE_KEY_BYTES,
  SEAL_PUBLIC_KEY_BYTES,
  type SealKeyPair,
} from './sealed-box';
