/**
 * The gate: what the app's transports hold instead of a vault. A small state machine over the
 * data folder, deciding at start whether the kiosk can open its vault unattended.
 *
 *   needs-setup  --create(passphrase)-->  ready
 *   needs-unlock --unlock(passphrase)-->  ready
 *   ready        --close()------------->  needs-unlock
 *
 * The state names are the same literals as `VaultState` in contract.ts (the vault may not
 * import the contract, so they are repeated here and must stay identical).
 */
import { vaultExists } from './data-folder';
import { VaultError } from './errors';
import { initVault, type InitVaultOptions } from './init-vault';
import { keychainSlots, readKeyFile, type KeyFile } from './key-file';
import type { KeychainWrapper } from './keychain-slot';
import {
  openVaultWithKey,
  openVaultWithKeychain,
  replaceKeychainSlot,
  unwrapWithPassphrase,
} from './open-vault';
import type { ScryptParams } from './passphrase-slot';
import type { Vault } from './vault-handle';

export type VaultState = 'ready' | 'needs-setup' | 'needs-unlock';

export interface VaultGate {
  state(): VaultState;
  /** The open vault when ready. */
  vault(): Vault | undefined;
  /** needs-setup -> ready; adds a keychain slot if the gate has a keychain. */
  create(passphrase: string): Vault;
  /** needs-unlock -> ready; re-wraps the key into the gate's keychain if it has one. */
  unlock(passphrase: string): Vault;
  close(): void;
}

export interface VaultGateOptions {
  keychain?: KeychainWrapper;
  /** scrypt cost for a vault created through the gate; tests only. */
  kdf?: ScryptParams;
}

export function createVaultGate(dataDir: string, opts: VaultGateOptions = {}): VaultGate {
  let open: Vault | undefined = openUnattended(dataDir, opts.keychain);

  return {
    state() {
      if (open) {
        return 'ready';
      }
      return vaultExists(dataDir) ? 'needs-unlock' : 'needs-setup';
    },

    vault: () => open,

    create(passphrase) {
      if (open || vaultExists(dataDir)) {
        throw new VaultError(
          'ALREADY_INITIALISED',
          `VaultGate.create: ${dataDir} already holds a vault`,
        );
      }
      const initOptions: InitVaultOptions = { passphrase };
      if (opts.kdf) {
        initOptions.kdf = opts.kdf;
      }
      if (opts.keychain) {
        initOptions.keychain = opts.keychain;
      }
      open = initVault(dataDir, initOptions);
      return open;
    },

    unlock(passphrase) {
      if (!vaultExists(dataDir)) {
        throw new VaultError(
          'NOT_INITIALISED',
          `VaultGate.unlock: there is no vault in ${dataDir}`,
        );
      }
      const keyFile = readKeyFile(dataDir, 'VaultGate.unlock');
      // Checked even when already open: unlock answers "is this a staff passphrase?" the same way
      // in every state.
      const key = unwrapWithPassphrase(keyFile, passphrase, 'VaultGate.unlock');
      try {
        if (open) {
          return open;
        }
        const vault = openVaultWithKey(dataDir, keyFile, key, 'VaultGate.unlock');
        if (opts.keychain) {
          rewrapIntoKeychain(dataDir, keyFile, key, opts.keychain);
        }
        open = vault;
        return vault;
      } finally {
        key.fill(0);
      }
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
    console.info(`createVaultGate: no vault in ${dataDir}; needs setup`);
    return undefined;
  }
  if (!keychain) {
    console.info('createVaultGate: no keychain on this machine; needs a passphrase to unlock');
    return undefined;
  }
  const recorded = keychainSlots(readKeyFile(dataDir, 'createVaultGate')).map((s) => s.backend);
  if (!recorded.includes(keychain.backend)) {
    console.warn(
      `createVaultGate: the vault's key is wrapped for keychain ${recorded.length > 0 ? `"${recorded.join('", "')}"` : '(none)'}, this machine has "${keychain.backend}"; needs a passphrase to unlock`,
    );
    return undefined;
  }
  try {
    return openVaultWithKeychain(dataDir, keychain);
  } catch (error) {
    if (error instanceof VaultError && error.code === 'KEYCHAIN_CHANGED') {
      console.warn(`createVaultGate: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

/** After a passphrase unlock the key is re-wrapped so the next start is unattended again. */
function rewrapIntoKeychain(
  dataDir: string,
  keyFile: KeyFile,
  key: Buffer,
  keychain: KeychainWrapper,
): void {
  try {
    replaceKeychainSlot(dataDir, keyFile, key, keychain);
  } catch (error) {
    // The vault is open and usable; only the next unattended start is lost, so say so loudly
    // rather than refuse the unlock.
    console.error(
      `rewrapIntoKeychain: could not wrap the key for the "${keychain.backend}" keychain; the next start will need a passphrase`,
      error,
    );
  }
}
