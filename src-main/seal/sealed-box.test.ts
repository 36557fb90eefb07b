import { describe, expect, it } from 'vitest';
import {
  ensureSodium,
  generateSealKeyPair,
  isSodiumReady,
  openSealed,
  SealError,
  sealTo,
  wipeBytes,
} from './index';

function sealCodeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof SealError) {
      return error.code;
    }
    throw error;
  }
  return undefined;
}

const text = (s: string) => new TextEncoder().encode(s);

describe('sealed boxes', () => {
  // First, before anything loads libsodium in this file's module graph.
  it('refuses to work before ensureSodium() with SODIUM_NOT_READY', async () => {
    expect(isSodiumReady()).toBe(false);
    expect(sealCodeOf(() => generateSealKeyPair())).toBe('SODIUM_NOT_READY');
    expect(sealCodeOf(() => sealTo(new Uint8Array(32), text('x')))).toBe('SODIUM_NOT_READY');
    await ensureSodium();
    await ensureSodium(); // idempotent
    expect(isSodiumReady()).toBe(true);
  });

  it('round-trips, and each seal of the same text differs (ephemeral sender key)', async () => {
    await ensureSodium();
    const { publicKey, privateKey } = generateSealKeyPair();
    expect(publicKey).toHaveLength(32);
    expect(privateKey).toHaveLength(32);
    const message = text('{"fullName":"Ada Lovelace"}');
    const first = sealTo(publicKey, message);
    const second = sealTo(publicKey, message);
    expect(first).toHaveLength(message.length + 48);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
    expect(Buffer.from(first).includes(Buffer.from(message))).toBe(false);
    expect(openSealed(publicKey, privateKey, first)).toEqual(message);
    expect(openSealed(publicKey, privateKey, second)).toEqual(message);
  });

  it('refuses a box with any byte changed, or truncated, with CANNOT_OPEN', async () => {
    await ensureSodium();
    const { publicKey, privateKey } = generateSealKeyPair();
    const sealed = sealTo(publicKey, text('signature data'));
    for (const index of [0, 31, 32, 47, 48, sealed.length - 1]) {
      const tampered = Uint8Array.from(sealed);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(
        sealCodeOf(() => openSealed(publicKey, privateKey, tampered)),
        `byte ${String(index)}`,
      ).toBe('CANNOT_OPEN');
    }
    expect(sealCodeOf(() => openSealed(publicKey, privateKey, sealed.subarray(0, 47)))).toBe(
      'CANNOT_OPEN',
    );
    expect(sealCodeOf(() => openSealed(publicKey, privateKey, sealed.subarray(0, -1)))).toBe(
      'CANNOT_OPEN',
    );
  });

  it('refuses another key pair with CANNOT_OPEN, and keys of the wrong size with BAD_KEY', async () => {
    await ensureSodium();
    const mine = generateSealKeyPair();
    const other = generateSealKeyPair();
    const sealed = sealTo(mine.publicKey, text('for mine only'));
    expect(sealCodeOf(() => openSealed(other.publicKey, other.privateKey, sealed))).toBe(
      'CANNOT_OPEN',
    );
    // The right public key with the wrong private key: the box's key derivation still fails.
    expect(sealCodeOf(() => openSealed(mine.publicKey, other.privateKey, sealed))).toBe(
      'CANNOT_OPEN',
    );
    expect(sealCodeOf(() => sealTo(new Uint8Array(31), text('x')))).toBe('BAD_KEY');
    expect(sealCodeOf(() => openSealed(mine.publicKey, new Uint8Array(33), sealed))).toBe(
      'BAD_KEY',
    );
  });

  it('wipes a key buffer to zeros', async () => {
    await ensureSodium();
    const { privateKey } = generateSealKeyPair();
    wipeBytes(privateKey);
    expect(privateKey.every((byte) => byte === 0)).toBe(true);
  });
});
