/**
 * Owns `keys.json`: every key the vault stores, only ever wrapped (see KEYS.md in this folder for
 * the key hierarchy and the file layout). The file is read as untrusted input, since it sits on
 * disk beside the database, and validated before any field is used.
 *
 * No vault has been deployed with an earlier layout, so the format was changed in place at
 * version 1 rather than given upgrade code.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { keyFilePath, writeFileAtomically } from '../data-folder';
import { VaultError } from '../errors';

export const KEY_FILE_VERSION = 1;

const base64 = z.base64().max(4096);

const wrappedKeySchema = z.strictObject({
  cipher: z.literal('aes-256-gcm'),
  nonce: base64,
  ciphertext: base64,
  tag: base64,
});

const keychainSlotSchema = z.strictObject({
  /** The OS keychain backend that wrapped the key; another backend cannot unwrap it. */
  backend: z.string().min(1).max(200),
  ciphertext: base64,
});

const databaseKeyEntrySchema = z.strictObject({
  /** See `keyCheckFor` in database-key.ts. */
  keyCheck: base64,
  /** The database key wrapped by the master key. */
  wrapped: wrappedKeySchema,
  /** The same key wrapped by the OS keychain, for unattended start. Wraps nothing else. */
  keychain: keychainSlotSchema.optional(),
});

const staffSlotSchema = z.strictObject({
  staffId: z.uuid(),
  name: z.string().min(1).max(200),
  createdAt: z.iso.datetime(),
  kdf: z.strictObject({
    name: z.literal('scrypt'),
    N: z.int(),
    r: z.int(),
    p: z.int(),
    salt: base64,
  }),
  /** The master key. */
  wrapped: wrappedKeySchema,
});

const recoverySlotSchema = z.strictObject({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  kdf: z.strictObject({ name: z.literal('hkdf-sha256'), salt: base64 }),
  /** The master key. */
  wrapped: wrappedKeySchema,
});

const keyFileSchema = z.strictObject({
  version: z.literal(KEY_FILE_VERSION),
  seal: z.strictObject({
    /** The clinic's X25519 public key: submissions are sealed to it. */
    publicKey: base64,
    /** The matching private key, wrapped by the master key. */
    privateKey: wrappedKeySchema,
  }),
  database: databaseKeyEntrySchema,
  /** Only while a rekey is in flight: the new database key. */
  pendingDatabase: databaseKeyEntrySchema.optional(),
  staff: z.array(staffSlotSchema).min(1),
  recovery: recoverySlotSchema,
});

export type KeychainSlot = z.infer<typeof keychainSlotSchema>;
export type DatabaseKeyEntry = z.infer<typeof databaseKeyEntrySchema>;
export type StaffPassphraseSlot = z.infer<typeof staffSlotSchema>;
export type RecoverySlot = z.infer<typeof recoverySlotSchema>;
export type KeyFile = z.infer<typeof keyFileSchema>;

export function readKeyFile(dataDir: string): KeyFile {
  const file = keyFilePath(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) {
      throw new VaultError(
        'NOT_INITIALISED',
        `readKeyFile: there is no vault key file at ${file}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new VaultError('BAD_KEY_SHAPE', `readKeyFile: ${file} is not valid JSON`, {
      cause: error,
    });
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new VaultError(
      'BAD_KEY_SHAPE',
      `readKeyFile: ${file} is not a vault key file: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/**
 * `replace: false` for a new vault (fails with EEXIST rather than overwrite another key file),
 * `true` to change an existing one. Atomic: temporary file, fsync, rename, fsync of the folder.
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

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** `keyFile` without a pending database key (a copy). */
export function withoutPendingKey(keyFile: KeyFile): KeyFile {
  const copy = { ...keyFile };
  delete copy.pendingDatabase;
  return copy;
}
