/**
 * Composes the kiosk from its parts for any transport: loads the content pack and the clinic
 * profile from the resources folder, puts the vault gate over the data folder, and builds
 * the API table. The Electron main process, the preview server and the CLI all start here.
 */
import { join } from 'node:path';
import packageJson from '../package.json' with { type: 'json' };
import { existsSync } from 'node:fs';
import { createApi, type KioskApiTable } from './api';
import { purgeExpired } from './export';
import { DEFAULT_KIOSK_CONFIG, loadKioskConfig, type KioskConfig } from './kiosk-config';
import { retentionDays } from './staff/kiosk-settings';
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
  /** Inactivity after which a staff unlock ends by itself (default: kiosk.json, five minutes). */
  staffIdleMs?: number;
  /** Overrides of kiosk.json's idle timings (milliseconds), for tests and previews. */
  idleWarningMs?: number;
  idleCountdownMs?: number;
  /** Override of kiosk.json's on-screen keyboard setting, for tests and previews. */
  onScreenKeyboard?: KioskConfig['onScreenKeyboard'];
  /** The unit of the front-desk PIN's growing delays; shortened only for tests and previews. */
  pinDelayBaseMs?: number;
  /** The transport's folder picker for exports (Electron: the system dialog). */
  chooseExportFolder?: () => Promise<string | undefined>;
  /** The transport's way out of kiosk mode (Electron: quit). */
  exitKiosk?: () => void;
  /** Test-only: the clock (retention, timings). */
  now?: () => Date;
  /** Test-only: cheaper scrypt parameters for new passphrase slots. */
  kdf?: ScryptParams;
}

export interface KioskApp extends KioskApiTable {
  readonly gate: VaultGate;
  readonly pack: Pack;
  readonly config: KioskConfig;
  /**
   * Purges exported submissions older than the retention setting, if one is set and the vault
   * is open (audited as the kiosk's own action). Runs at start and then every hour.
   */
  applyRetention(): number;
  close(): void;
}

const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export function openKioskApp(options: KioskAppOptions): KioskApp {
  const resourcesDir = options.resourcesDir ?? defaultResourcesDir();
  const pack = loadPack(join(resourcesDir, 'content', options.packId ?? DEFAULT_PACK_ID));
  const clinic = loadClinicProfile(join(resourcesDir, 'clinic', 'profile.json'));
  const configFile = join(resourcesDir, 'kiosk.json');
  const config = existsSync(configFile) ? loadKioskConfig(configFile) : DEFAULT_KIOSK_CONFIG;
  const gate = createVaultGate(options.dataDir, {
    ...(options.keychain ? { keychain: options.keychain } : {}),
    ...(options.kdf ? { kdf: options.kdf } : {}),
  });
  const api = createApi({
    dataDir: options.dataDir,
    gate,
    appVersion: packageJson.version,
    ...(options.pinDelayBaseMs === undefined ? {} : { pinDelayBaseMs: options.pinDelayBaseMs }),
    ...(options.chooseExportFolder ? { chooseExportFolder: options.chooseExportFolder } : {}),
    ...(options.exitKiosk ? { exitKiosk: options.exitKiosk } : {}),
    staffIdleMs: options.staffIdleMs ?? config.staffIdleMinutes * 60_000,
    idle: {
      warnAfterMs: options.idleWarningMs ?? config.idleWarningSeconds * 1000,
      countdownMs: options.idleCountdownMs ?? config.idleCountdownSeconds * 1000,
    },
    onScreenKeyboard: options.onScreenKeyboard ?? config.onScreenKeyboard,
    ...(options.kdf ? { kdf: options.kdf } : {}),
    ...(options.now ? { now: options.now } : {}),
    pack,
    clinic,
    thankYouMs: options.thankYouMs ?? DEFAULT_THANK_YOU_MS,
  });
  const now = options.now ?? ((): Date => new Date());
  const applyRetention = (): number => {
    const vault = gate.vault();
    const days = vault ? retentionDays(vault) : null;
    return vault && days !== null ? purgeExpired(vault, days, 'kiosk', now()) : 0;
  };
  const retentionTimer = setInterval(() => {
    try {
      applyRetention();
    } catch (error) {
      console.error('applyRetention: the scheduled purge failed', error);
    }
  }, RETENTION_INTERVAL_MS);
  // Never keeps a CLI command or a test alive.
  retentionTimer.unref();
  applyRetention();
  return {
    ...api,
    gate,
    pack,
    config,
    applyRetention,
    close(): void {
      clearInterval(retentionTimer);
      api.clearSessions();
      gate.close();
    },
  };
}
