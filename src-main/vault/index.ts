/**
 * The vault: the kiosk's encrypted SQLCipher database, the keys that open it, and the sealing
 * that keeps client records unreadable to the kiosk itself (KEYS.md). Everything the rest of the
 * app may use is exported here; the files behind it are private.
 *
 * libsodium loads asynchronously and the vault's API is synchronous: `await ensureSodium()` once
 * at start, before any vault function; until then they throw SODIUM_NOT_READY.
 */
export { ensureSodium } from '../seal';
export { VaultError, type VaultErrorCode } from './errors';
export type { ScryptParams, StaffSlot } from './staff-slot';
export type { KeychainWrapper } from './keychain-slot';
export type { NewSubmission, SubmissionCounts, SubmissionRow } from './submissions-repository';
export type { SubmissionFilter } from './submission-filter';
export type { ContentSnapshot, NewContentSnapshot } from './content-snapshots-repository';
export type { AuditRow } from './audit-repository';
export type { Vault } from './vault-handle';
export type { MasterUnlock, StaffSecret } from './master-unlock';
export { LATEST_SCHEMA_VERSION } from './migrations/index';
export { vaultExists } from './data-folder';
export { initVault, type InitVaultOptions, type InitVaultResult } from './init-vault';
export {
  openVaultWithSecret,
  openVaultWithKeychain,
  unlockStaff,
  unwrapDatabaseKeyWithKeychain,
  openRawDatabase,
} from './open-vault';
export {
  listStaff,
  addStaff,
  removeStaff,
  changeStaffPassphrase,
  addKeychainSlot,
} from './staff-slots';
export { rekeyVault } from './rekey';
export { formatRecoveryKey, parseRecoveryKey } from './recovery-key';
export { openPlainDatabaseForBench } from './plain-database';
export { createVaultGate, type VaultGate, type VaultGateOptions, type VaultState } from './gate';
// Not in the first API sketch: Electron main needs it to load an Electron-ABI build of SQLite.
export { setSqliteNativeBinding } from './sqlite-binding';
