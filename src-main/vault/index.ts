/**
 * The vault's production API: the kiosk's encrypted SQLCipher database (db/), the keys that open
 * it (keys/, see keys/KEYS.md), and the sealing that keeps client records unreadable to the kiosk
 * itself. Everything the app may use is exported here; the files behind it are private. Helpers
 * that only tests or the benchmark use are not exported here: those import them from their own
 * module file.
 *
 * libsodium loads asynchronously and the vault's API is synchronous: `await ensureSodium()` once
 * at start, before any vault function; until then they throw SODIUM_NOT_READY.
 */
export { ensureSodium } from '../seal';
export { VaultError, type VaultErrorCode } from './errors';
export type { ScryptParams, StaffIdentity } from './keys/passphrase-slot';
export type { KeychainWrapper } from './keys/keychain-slot';
export type { NewSubmission, SubmissionCounts, SubmissionRow } from './db/submissions-repository';
export type { SubmissionFilter } from './db/submission-filter';
export type { ContentSnapshot, NewContentSnapshot } from './db/content-snapshots-repository';
export type { AuditRow } from './db/audit-repository';
export type { AuditHeadCounter } from './audit-head-file';
export type { AlertDeliveryAttempt, AlertRow, NewAlert } from './db/alerts-repository';
export type { PushAttempt, PushCounts, PushOutcome, PushRow } from './db/pushes-repository';
export type { Vault } from './db/vault-database';
export {
  openRecordKeys,
  openRecordKeysAsync,
  openSealedSubmission,
  sealKeyCopiesOf,
  type RecordKeys,
  type SealKeyCopies,
  type StaffSecret,
} from './keys/record-keys';
export type { InitVaultResult } from './init-vault';
export { openVaultWithSecret, openVaultWithSecretAsync } from './open-existing-vault';
export {
  DEFAULT_SECRET_DELAY_BASE_MS,
  isWrongSecret,
  retryLaterError,
  SecretAttempts,
  type SecretAttempt,
  type SecretAuditNote,
} from './secret-attempts';
export { vaultExists } from './data-folder';
export { ensureReserve, freeDiskBytes, isDiskFullError, RESERVE_BYTES } from './storage-space';
export { listStaff, addStaff, removeStaff, changeStaffPassphrase } from './keys/staff-roster';
export { rekeyVault } from './keys/rekey';
export {
  createVaultGate,
  type VaultGate,
  type VaultGateOptions,
  type VaultState,
} from './vault-gate';
// Not in the first API sketch: Electron main needs it to load an Electron-ABI build of SQLite.
export { setSqliteNativeBinding } from './db/sqlite-binding';
