/**
 * Composes the kiosk from its parts for any transport: loads the content pack and the clinic
 * profile from the resources folder, puts the vault gate over the data folder, and builds
 * the API table. The Electron main process, the preview server and the CLI all start here.
 */
import { join } from 'node:path';
import { createApi, type KioskApiTable } from './api';
import {
  DEFAULT_PACK_ID,
  defaultResourcesDir,
  loadClinicProfile,
  loadPack,
  type Pack,
} from './content';
import { createVaultGate, type KeychainWrapper, type ScryptParams, type VaultGate } from './vault';

export const DEFAULT_THANK_YOU_MS = 8000;

export interface KioskAppOptions {
  dataDir: string;
  resourcesDir?: string;
  packId?: string;
  keychain?: KeychainWrapper;
  thankYouMs?: number;
  /** Inactivity after which a staff unlock ends by itself (default five minutes). */
  staffIdleMs?: number;
  /** Test-only: cheaper scrypt parameters for new passphrase slots. */
  kdf?: ScryptParams;
}

export interface KioskApp extends KioskApiTable {
  readonly gate: VaultGate;
  readonly pack: Pack;
  close(): void;
}

export function openKioskApp(options: KioskAppOptions): KioskApp {
  const resourcesDir = options.resourcesDir ?? defaultResourcesDir();
  const pack = loadPack(join(resourcesDir, 'content', options.packId ?? DEFAULT_PACK_ID));
  const clinic = loadClinicProfile(join(resourcesDir, 'clinic', 'profile.json'));
  const gate = createVaultGate(options.dataDir, {
    ...(options.keychain ? { keychain: options.keychain } : {}),
    ...(options.kdf ? { kdf: options.kdf } : {}),
  });
  const api = createApi({
    dataDir: options.dataDir,
    gate,
    ...(options.staffIdleMs === undefined ? {} : { staffIdleMs: options.staffIdleMs }),
    ...(options.kdf ? { kdf: options.kdf } : {}),
    pack,
    clinic,
    thankYouMs: options.thankYouMs ?? DEFAULT_THANK_YOU_MS,
  });
  return {
    ...api,
    gate,
    pack,
    close(): void {
      api.clearSessions();
      gate.close();
    },
  };
}
