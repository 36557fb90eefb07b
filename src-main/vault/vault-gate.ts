/**
 * Owns the vault gate: what the app's transports hold instead of a vault. A small state machine
 * over the data folder, deciding at start whether the kiosk can open its vault unattended.
 *
 *   needs-setup  --create({ name, passphrase })-->  ready
 *   needs-unlock --unlock(staff secret)---------->  ready
 *   ready        --close()---------------------->  needs-unlock
 *
 * Opened unattended (keychain), the vault is write-only; an unlock returns a RecordKeys, which
 * the caller holds as long as staff need to read records and wipes after.
 *
 * The state names are the same literals as `VaultState` in contract.ts (the vault may not
 * import the contract, so they are repeated here and must stay identical).
 */
import { vaultExists } from './data-folder';
import type { Vault } from './db/vault-database';
import { VaultError } from './errors';
import { initVault, type InitVaultOptions, type InitVaultResult } from './init-vault';
import { readKeyFile } from './keys/key-file';
import { unwrapKeychainSlot, type KeychainWrapper } from './keys/keychain-slot';
import {
  masterKeyOf,
  openRecordKeysAsync,
  type RecordKeys,
  type StaffSecret,
} from './keys/record-keys';
import type { ScryptParams } from './keys/passphrase-slot';
import { wrapDatabaseKeysForKeychain } from './keys/staff-roster';
import { openVaultWithKeychain, openVaultWithSecretAsync } from './open-existing-vault';
import { assertSodiumReady } from './sodium-ready';

export type VaultState = 'ready' | 'needs-setup' | 'needs-unlock';

export interface VaultGate {
  state(): VaultState;
  /** The open vault when ready. */
  vault(): Vault | undefined;
  /** needs-setup -> ready; adds a keychain slot if the gate has a keychain. */
  create(opts: { name: string; passphrase: string }): InitVaultResult;
  /**
   * needs-unlock -> ready. When the gate has a keychain that could not open the vault (none
   * recorded, another backend, or one that fails), the database key is wrapped for it again so
   * the next start is unattended: `rewrapped` is true (a recovery after keychain loss).
   * When already ready, checks the secret the same way and returns the open vault. scrypt runs
   * off main's thread, so the kiosk's other calls are answered meanwhile.
   */
  unlock(secret: StaffSecret): Promise<{ vault: Vault; unlock: RecordKeys; rewrapped: boolean }>;
  close(): void;
}

export interface VaultGateOptions {
  keychain?: KeychainWrapper;
  /** scrypt cost for a vault created through the gate; tests only. */
  kdf?: ScryptParams;
}

export function createVaultGate(dataDir: string, opts: VaultGateOptions = {}): VaultGate {
  assertSodiumReady();
  let open: Vault | undefined = openUnattended(dataDir, opts.keychain);
  // Read through a call after an await: another call may have changed it meanwhile.
  const current = (): Vault | undefined => open;

  return {
    state() {
      if (open) {
        return 'ready';
      }
      return vaultExists(dataDir) ? 'needs-unlock' : 'needs-setup';
    },

    vault: () => open,

    create({ name, passphrase }) {
      if (open || vaultExists(dataDir)) {
        throw new VaultError(
          'ALREADY_INITIALISED',
          `VaultGate.create: ${dataDir} already holds a vault`,
        );
      }
      const initOptions: InitVaultOptions = { adminName: name, passphrase };
      if (opts.kdf) {
        initOptions.kdf = opts.kdf;
      }
      if (opts.keychain) {
        initOptions.keychain = opts.keychain;
      }
      const created = initVault(dataDir, initOptions);
      open = created.vault;
      return created;
    },

    async unlock(secret) {
      if (!vaultExists(dataDir)) {
        throw new VaultError(
          'NOT_INITIALISED',
          `VaultGate.unlock: there is no vault in ${dataDir}`,
        );
      }
      if (open) {
        // Checked even when already open: unlock answers "is this a staff secret?" the same way
        // in every state.
        return {
          vault: open,
          unlock: await openRecordKeysAsync(dataDir, secret),
          rewrapped: false,
        };
      }
      const opened = await openVaultWithSecretAsync(dataDir, secret);
      const openedMeanwhile = current();
      if (openedMeanwhile) {
        // Another unlock finished while this one ran scrypt: keep its vault, close this one.
        opened.vault.close();
        return { vault: openedMeanwhile, unlock: opened.unlock, rewrapped: false };
      }
      const rewrapped = opts.keychain
        ? rewrapIntoKeychain(dataDir, opened.unlock, opts.keychain)
        : false;
      open = opened.vault;
      return { ...opened, rewrapped };
    },

    close() {
      open?.close();
      open = undefined;
    },
  };
}

/**
 * The vault opened with the keychain, or undefined when staff must decide. A keychain slot for a
 * different backend means the OS keychain changed (a new login keyring, a moved disk): that is a
 * question for staff, never a silent re-key. A wrong key or a newer schema is thrown: the kiosk
 * must not start on those.
 */
function openUnattended(dataDir: string, keychain: KeychainWrapper | undefined): Vault | undefined {
  if (!vaultExists(dataDir)) {
    console.info(`openUnattended: no vault in ${dataDir}; needs setup`);
    return undefined;
  }
  if (!keychain) {
    console.info('openUnattended: no keychain on this machine; needs a staff secret to unlock');
    return undefined;
  }
  try {
    return openVaultWithKeychain(dataDir, keychain);
  } catch (error) {
    if (error instanceof VaultError && error.code === 'KEYCHAIN_CHANGED') {
      console.warn(`openUnattended: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

/**
 * After a staff unlock, wraps the database key for this machine's keychain unless the recorded
 * slot already works with it. True when it wrote a new slot.
 */
function rewrapIntoKeychain(
  dataDir: string,
  unlock: RecordKeys,
  keychain: KeychainWrapper,
): boolean {
  try {
    if (keychainSlotWorks(dataDir, keychain)) {
      return false;
    }
    const masterKey = masterKeyOf(unlock);
    try {
      wrapDatabaseKeysForKeychain(dataDir, masterKey, keychain);
    } finally {
      masterKey.fill(0);
    }
    return true;
  } catch (error) {
    // The vault is open and usable; only the next unattended start is lost, so say so loudly
    // rather than refuse the unlock.
    console.error(
      `rewrapIntoKeychain: could not wrap the key for the "${keychain.backend}" keychain; the next start will need a staff secret`,
      error,
    );
    return false;
  }
}

function keychainSlotWorks(dataDir: string, keychain: KeychainWrapper): boolean {
  try {
    unwrapKeychainSlot(readKeyFile(dataDir).database, keychain).fill(0);
    return true;
  } catch {
    return false;
  }
}
