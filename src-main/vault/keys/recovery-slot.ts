/**
 * Owns the recovery slot: the recovery key wraps the master key, so a clinic that loses every staff
 * passphrase (or the kiosk's keychain) can still open its records.
 *
 * Why HKDF and not scrypt: the recovery key is 160 bits from randomBytes, so an attacker holding
 * keys.json must search 2^160 keys however fast each guess is; a slow KDF adds nothing to a
 * uniformly random secret of that size (it exists to slow guesses at secrets people choose).
 * HKDF-SHA256 (RFC 5869) with a random salt turns it into the AES-256 wrapping key; the salt
 * makes each vault's derivation distinct (RFC 5869 section 3.1).
 */
import { hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { VaultError } from '../errors';
import type { RecoverySlot } from './key-file';
import { unwrapKey, wrapAad, wrapKey, WRAPPING_KEY_BYTES } from './key-wrap';
import { MASTER_KEY_BYTES } from './master-key';
import { RECOVERY_KEY_BYTES } from './recovery-key';

const SALT_BYTES = 32;
const HKDF_INFO = 'clinic-kiosk/vault/recovery-slot/v1';

export function createRecoverySlot(masterKey: Buffer, recoveryKey: Uint8Array): RecoverySlot {
  const slotWithoutKey = {
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    kdf: { name: 'hkdf-sha256' as const, salt: randomBytes(SALT_BYTES).toString('base64') },
  };
  const wrappingKey = deriveWrappingKey(recoveryKey, slotWithoutKey.kdf.salt);
  try {
    const wrapped = wrapKey(wrappingKey, masterKey, recoverySlotAad(slotWithoutKey));
    return { ...slotWithoutKey, wrapped };
  } finally {
    wrappingKey.fill(0);
  }
}

/** The master key, or undefined when `recoveryKey` does not open the slot. */
export function unwrapRecoverySlot(
  slot: RecoverySlot,
  recoveryKey: Uint8Array,
): Buffer | undefined {
  if (Buffer.from(slot.kdf.salt, 'base64').length < SALT_BYTES) {
    throw new VaultError(
      'BAD_KEY_SHAPE',
      "unwrapRecoverySlot: the recovery slot's salt is too short",
    );
  }
  const wrappingKey = deriveWrappingKey(recoveryKey, slot.kdf.salt);
  try {
    const masterKey = unwrapKey(wrappingKey, slot.wrapped, recoverySlotAad(slot));
    if (masterKey && masterKey.length !== MASTER_KEY_BYTES) {
      masterKey.fill(0);
      throw new VaultError(
        'BAD_KEY_SHAPE',
        'unwrapRecoverySlot: the recovery slot holds a bad key',
      );
    }
    return masterKey;
  } finally {
    wrappingKey.fill(0);
  }
}

function deriveWrappingKey(recoveryKey: Uint8Array, salt: string): Buffer {
  if (recoveryKey.length !== RECOVERY_KEY_BYTES) {
    throw new VaultError(
      'BAD_RECOVERY_KEY_FORMAT',
      `deriveWrappingKey: a recovery key is ${String(RECOVERY_KEY_BYTES)} bytes`,
    );
  }
  return Buffer.from(
    hkdfSync('sha256', recoveryKey, Buffer.from(salt, 'base64'), HKDF_INFO, WRAPPING_KEY_BYTES),
  );
}

function recoverySlotAad(slot: Omit<RecoverySlot, 'wrapped'>): Buffer {
  return wrapAad([
    'recovery-key',
    slot.id,
    slot.createdAt,
    'hkdf-sha256',
    slot.kdf.salt,
    'master-key',
  ]);
}
