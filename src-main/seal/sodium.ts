/**
 * Owns libsodium for the app: sodium-native, the native binding of the C library (N-API
 * prebuilds, so the same addon loads in Node and in Electron without a rebuild). Its sealed boxes
 * are byte-for-byte libsodium's, the format libsodium-wrappers (the WebAssembly build the kiosk
 * used before) wrote, so every stored record still opens; natively a seal or an open costs a
 * fraction of the WebAssembly one (`npm run bench -- seal`).
 *
 * The native module needs no asynchronous start-up, but the vault's contract keeps one start-up
 * point: the app awaits `ensureSodium()` once, and every sealing call checks `isSodiumReady()`,
 * so the order of start-up is checked in one place whichever library sits behind it.
 */
import sodium from 'sodium-native';

let ready = false;

/** Marks libsodium ready; later calls return at once. Safe to call from anywhere. */
export function ensureSodium(): Promise<void> {
  ready = true;
  return Promise.resolve();
}

export function isSodiumReady(): boolean {
  return ready;
}

/** The library itself, for this folder only; throws SODIUM_NOT_READY before `ensureSodium()`. */
export function readySodium(): typeof sodium {
  if (!ready) {
    throw new SealError(
      'SODIUM_NOT_READY',
      'readySodium: libsodium is not ready yet; await ensureSodium() once at start',
    );
  }
  return sodium;
}

export type SealErrorCode = 'SODIUM_NOT_READY' | 'BAD_KEY' | 'CANNOT_OPEN';

export class SealError extends Error {
  override readonly name = 'SealError';
  readonly code: SealErrorCode;

  constructor(code: SealErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
