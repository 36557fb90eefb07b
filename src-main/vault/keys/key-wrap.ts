/**
 * Owns key wrapping: AES-256-GCM (node:crypto) with a random 96-bit nonce and additional
 * authenticated data (AAD) that names what is wrapped and with which parameters, so that a
 * wrapped key cannot be moved to another slot or have its parameters edited without the tag
 * failing. Used for every key the vault stores wrapped: the master key in each staff and recovery
 * slot, and the database key and the clinic's private key under the master key.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { VaultError } from '../errors';

export const WRAPPING_KEY_BYTES = 32;
/** GCM's standard 96-bit nonce (NIST SP 800-38D section 8.2), random per wrap. */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const AAD_LABEL = 'clinic-kiosk/vault/wrapped-key/v1';

/** How a wrapped key is stored in keys.json: base64 fields. */
export interface WrappedKey {
  cipher: 'aes-256-gcm';
  nonce: string;
  ciphertext: string;
  tag: string;
}

/** The AAD for one wrapped key: a label, then what it is and the parameters it depends on. */
export function wrapAad(parts: readonly (string | number)[]): Buffer {
  return Buffer.from(JSON.stringify([AAD_LABEL, ...parts]), 'utf8');
}

export function wrapKey(wrappingKey: Buffer, key: Uint8Array, aad: Buffer): WrappedKey {
  assertWrappingKey(wrappingKey);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    cipher: 'aes-256-gcm',
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/**
 * The key, or undefined when `wrappingKey` and `aad` do not authenticate it. GCM cannot tell a
 * wrong wrapping key from an edited slot; both refuse. A nonce or tag of the wrong length is not
 * a wrong key but a damaged file: BAD_KEY_SHAPE.
 */
export function unwrapKey(
  wrappingKey: Buffer,
  wrapped: WrappedKey,
  aad: Buffer,
): Buffer | undefined {
  assertWrappingKey(wrappingKey);
  const nonce = Buffer.from(wrapped.nonce, 'base64');
  const tag = Buffer.from(wrapped.tag, 'base64');
  if (nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) {
    throw new VaultError(
      'BAD_KEY_SHAPE',
      'unwrapKey: a wrapped key has a nonce or tag of the wrong length',
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, nonce, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(Buffer.from(wrapped.ciphertext, 'base64')),
      decipher.final(),
    ]);
  } catch {
    // `final()` throws when the tag does not verify: the only failure GCM reports.
    return undefined;
  }
}

function assertWrappingKey(key: Buffer): void {
  if (key.length !== WRAPPING_KEY_BYTES) {
    throw new VaultError(
      'BAD_KEY_SHAPE',
      `assertWrappingKey: a wrapping key is ${String(key.length)} bytes, not ${String(WRAPPING_KEY_BYTES)}`,
    );
  }
}
