/**
 * Owns the recovery key and how it is written: 160 random bits, shown once to the person who sets
 * the vault up and never stored in clear. Written as RFC 4648 base32
 * (https://www.rfc-editor.org/rfc/rfc4648#section-6): 20 bytes are exactly 32 characters, no
 * padding, shown as 8 groups of 4 (`ABCD-EFGH-…`).
 *
 * Reading it back is forgiving, because people copy it by hand: case does not matter, spaces and
 * hyphens are ignored, and the digits that look like letters outside the base32 alphabet
 * (0, 1, 8) are read as the letters they resemble (O, I, B). The alphabet has no 0, 1 or 8, so
 * this never changes a correctly typed key.
 */
import { randomBytes } from 'node:crypto';
import { base32 } from '@scure/base';
import { VaultError } from '../errors';

export const RECOVERY_KEY_BYTES = 20;
const RECOVERY_KEY_CHARS = 32;
const GROUP = 4;
const BASE32_CHARS = /^[A-Z2-7]{32}$/;
const LOOK_ALIKES: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '8': 'B' };

export function generateRecoveryKey(): Buffer {
  return randomBytes(RECOVERY_KEY_BYTES);
}

export function formatRecoveryKey(bytes: Uint8Array): string {
  if (bytes.length !== RECOVERY_KEY_BYTES) {
    throw new VaultError(
      'BAD_RECOVERY_KEY_FORMAT',
      `formatRecoveryKey: a recovery key is ${String(RECOVERY_KEY_BYTES)} bytes, not ${String(bytes.length)}`,
    );
  }
  const text = base32.encode(bytes);
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += GROUP) {
    groups.push(text.slice(i, i + GROUP));
  }
  return groups.join('-');
}

/** The 20 bytes of a recovery key typed by a person; BAD_RECOVERY_KEY_FORMAT when it is not one. */
export function parseRecoveryKey(text: string): Uint8Array {
  const normalised = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[018]/g, (digit) => LOOK_ALIKES[digit] ?? digit);
  if (!BASE32_CHARS.test(normalised)) {
    // The message never repeats the input: it may be a real key with one character wrong.
    throw new VaultError(
      'BAD_RECOVERY_KEY_FORMAT',
      `parseRecoveryKey: a recovery key is ${String(RECOVERY_KEY_CHARS)} characters from A-Z and 2-7, spaces and hyphens aside; this is ${String(normalised.length)} characters, or has others`,
    );
  }
  return base32.decode(normalised);
}
