/**
 * The vault's expected failures. Callers (the API table, the CLI) switch on `code`; the message
 * names the function that refused and why, for logs and staff tools.
 */
export type VaultErrorCode =
  | 'NOT_INITIALISED'
  | 'ALREADY_INITIALISED'
  | 'WRONG_KEY'
  | 'WRONG_PASSPHRASE'
  | 'NEWER_SCHEMA'
  | 'BAD_KEY_SHAPE'
  | 'KEYCHAIN_CHANGED'
  | 'PASSPHRASE_TOO_SHORT';

export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
