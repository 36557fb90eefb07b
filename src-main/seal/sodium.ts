/**
 * libsodium's one-time asynchronous start-up. libsodium.js is WebAssembly compiled from the C
 * library; it must finish loading (`sodium.ready`) before any of its functions is called
 * (https://github.com/jedisct1/libsodium.js#usage-as-a-module). The vault's API is synchronous, so
 * the app awaits `ensureSodium()` once at start, and every sealing call checks `isSodiumReady()`
 * instead of failing somewhere inside the WebAssembly module.
 */
import sodium from 'libsodium-wrappers';

let ready = false;
let loading: Promise<void> | undefined;

/** Loads libsodium once; later calls return the same promise. Safe to call from anywhere. */
export function ensureSodium(): Promise<void> {
  loading ??= sodium.ready.then(() => {
    ready = true;
  });
  return loading;
}

export function isSodiumReady(): boolean {
  return ready;
}

/** The library itself, for this folder only; throws SODIUM_NOT_READY before `ensureSodium()`. */
export function readySodium(): typeof sodium {
  if (!ready) {
    throw new SealError(
      'SODIUM_NOT_READY',
      'readySodium: libsodium is not loaded yet; await ensureSodium() once at start',
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
