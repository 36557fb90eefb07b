/**
 * Owns the vault's libsodium check: the vault's API is synchronous and seals with libsodium, so
 * every entry point refuses with SODIUM_NOT_READY until `await ensureSodium()` has run once.
 */
import { isSodiumReady } from '../seal';
import { VaultError } from './errors';

export function assertSodiumReady(): void {
  if (!isSodiumReady()) {
    throw new VaultError(
      'SODIUM_NOT_READY',
      'assertSodiumReady: libsodium is not loaded; await ensureSodium() once at start, before using the vault',
    );
  }
}
