/**
 * The vault: the kiosk's encrypted SQLCipher database and the key slots that open it.
 * Everything the rest of the app may use is exported here; the files behind it are private.
 */
export { VaultError, type VaultErrorCode } from './errors';
export type { ScryptParams } from './passphrase-slot';
export type { KeychainWrapper } from './keychain-slot';
export type { NewSubmission, SubmissionRow } from './submissions-repository';
export type { Vault } from './vault-handle';
export { LATEST_SCHEMA_VERSION } from './migrations/index';
export { vaultExists } from './data-folder';
export { initVault } from './init-vault';
export { openVaultWithPassphrase, openVaultWithKeychain, addKeychainSlot } from './open-vault';
export { openPlainDatabaseForBench } from './plain-database';
export { createVaultGate, type VaultGate, type VaultState } from './gate';
// Not in the first API sketch: Electron main needs it to load an Electron-ABI build of SQLite.
export { setSqliteNativeBinding } from './sqlite-binding';
