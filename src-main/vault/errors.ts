/**
 * Owns the vault's expected failures. Callers (the API table, the CLI) switch on `code`; the
 * message starts with the name of the function that threw it (its own name, written where it
 * throws, not passed down by a caller), then says why, for logs and staff tools. No message ever
 * contains a secret (passphrase, recovery key, key bytes).
 */
export type VaultErrorCode =
  | 'NOT_INITIALISED'
  | 'ALREADY_INITIALISED'
  /** A key of the right shape that does not open this vault's database. */
  | 'WRONG_KEY'
  | 'WRONG_PASSPHRASE'
  | 'WRONG_RECOVERY_KEY'
  /** Not 32 base32 characters once spaces, hyphens and look-alikes are dealt with. */
  | 'BAD_RECOVERY_KEY_FORMAT'
  | 'NEWER_SCHEMA'
  /** keys.json, or a key in it, is not what this app writes. */
  | 'BAD_KEY_SHAPE'
  | 'KEYCHAIN_CHANGED'
  | 'PASSPHRASE_TOO_SHORT'
  /** A staff name that is empty or too long. */
  | 'INVALID_STAFF_NAME'
  | 'LAST_STAFF_SLOT'
  | 'UNKNOWN_STAFF'
  /** libsodium was not loaded: `await ensureSodium()` once at start. */
  | 'SODIUM_NOT_READY'
  /** A submission payload that is not JSON. */
  | 'INVALID_PAYLOAD'
  /** A sealed submission that does not open with this vault's private key. */
  | 'SEALED_DATA_INVALID'
  /** A RecordKeys used after `wipe()`. */
  | 'KEYS_WIPED'
  /** keys.json and the database disagree about the clinic's public key. */
  | 'SEAL_KEY_MISMATCH'
  /** Another connection holds the database (rekey needs it to itself), or it was replaced. */
  | 'VAULT_BUSY'
  /** Too many wrong staff secrets in a row: the next may be tried after a wait. */
  | 'RETRY_LATER';

export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
