/** The vault's own errors, mapped to the contract's closed set of codes. */
import { KioskFailure } from '../failure';
import type { VaultError } from '../vault';

/** Maps the vault's own errors to the contract's closed set. */
export function vaultFailure(error: VaultError): KioskFailure {
  switch (error.code) {
    case 'WRONG_PASSPHRASE':
    case 'WRONG_KEY':
      return new KioskFailure('WRONG_PASSPHRASE', 'That passphrase does not open this kiosk.');
    case 'WRONG_RECOVERY_KEY':
      return new KioskFailure('WRONG_RECOVERY_KEY', 'That recovery key does not open this kiosk.');
    case 'BAD_RECOVERY_KEY_FORMAT':
      return new KioskFailure('INVALID_INPUT', error.message, {
        fields: { recoveryKey: 'invalid_recovery_key' },
      });
    case 'ALREADY_INITIALISED':
      return new KioskFailure('VAULT_EXISTS', 'This kiosk already has a vault.');
    case 'PASSPHRASE_TOO_SHORT':
      return new KioskFailure('INVALID_INPUT', error.message, {
        fields: { passphrase: 'too_short' },
      });
    case 'LAST_STAFF_SLOT':
      return new KioskFailure('NOT_ALLOWED', 'The last staff member cannot be removed.');
    case 'RETRY_LATER':
      return new KioskFailure('RETRY_LATER', error.message);
    case 'UNKNOWN_STAFF':
      return new KioskFailure('INVALID_INPUT', 'There is no such staff member.');
    default:
      return new KioskFailure('VAULT_UNAVAILABLE', error.message);
  }
}
