/**
 * `keys.json`: the database key, only ever stored wrapped, once per slot. The file is read as
 * untrusted input (it sits on disk beside the database) and validated before any field is used.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { keyFilePath, writeFileAtomically } from './data-folder';
import { VaultError } from './errors';

export const KEY_FILE_VERSION = 1;

const passphraseSlotSchema = z.strictObject({
  kind: z.literal('passphrase'),
  id: z.uuid(),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z.int(),
    r: z.int(),
    p: z.int(),
    salt: z.base64(),
  }),
  cipher: z.literal('aes-256-gcm'),
  nonce: z.base64(),
  ciphertext: z.base64(),
  tag: z.base64(),
});

const keychainSlotSchema = z.strictObject({
  kind: z.literal('keychain'),
  /** The OS keychain backend that wrapped the key; another backend cannot unwrap it. */
  backend: z.string().min(1).max(200),
  ciphertext: z.base64(),
});

const keyFileSchema = z.strictObject({
  version: z.literal(KEY_FILE_VERSION),
  /** See `keyCheckFor` in database-key.ts. */
  keyCheck: z.base64(),
  slots: z.array(z.discriminatedUnion('kind', [passphraseSlotSchema, keychainSlotSchema])).min(1),
});

export type PassphraseSlot = z.infer<typeof passphraseSlotSchema>;
export type KeychainSlot = z.infer<typeof keychainSlotSchema>;
export type KeyFile = z.infer<typeof keyFileSchema>;

export function readKeyFile(dataDir: string, caller: string): KeyFile {
  const file = keyFilePath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) {
      throw new VaultError('NOT_INITIALISED', `${caller}: there is no vault key file at ${file}`, {
        cause: error,
      });
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new VaultError('BAD_KEY_SHAPE', `${caller}: ${file} is not valid JSON`, {
      cause: error,
    });
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new VaultError(
      'BAD_KEY_SHAPE',
      `${caller}: ${file} is not a vault key file: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/**
 * `replace: false` for a new vault (fails with EEXIST rather than overwrite another key file),
 * `true` to change the slots of an existing one.
 */
export function writeKeyFile(
  dataDir: string,
  keyFile: KeyFile,
  options: { replace: boolean },
): void {
  // Validate what we write as strictly as what we read, so a bug cannot persist a file that
  // would lock the vault at the next start.
  const checked = keyFileSchema.parse(keyFile);
  writeFileAtomically(keyFilePath(dataDir), `${JSON.stringify(checked, null, 2)}\n`, options);
}

export function passphraseSlots(keyFile: KeyFile): PassphraseSlot[] {
  return keyFile.slots.filter((slot): slot is PassphraseSlot => slot.kind === 'passphrase');
}

export function keychainSlots(keyFile: KeyFile): KeychainSlot[] {
  return keyFile.slots.filter((slot): slot is KeychainSlot => slot.kind === 'keychain');
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
