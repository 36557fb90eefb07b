/**
 * Composes the kiosk from its parts for any transport: loads the clinic's programmes (content packs) and its
 * profile from the resources folder, puts the vault gate over the data folder, and builds
 * the API table. The Electron main process, the preview server and the CLI all start here.
 */
import { join } from 'node:path';
import packageJson from '../package.json' with { type: 'json' };
import { existsSync } from 'node:fs';
import { createApi, type KioskApiTable } from './api';
import { createHealthPusher, type HealthPusher } from './health';
import {
  definedOnly,
  resolveKioskOptions,
  type KioskOptions,
  type KioskOverrides,
} from './kiosk-options';
import { nodeFileSink, purgeExpired, removeUnfinishedExports } from './export';
import { DEFAULT_KIOSK_CONFIG, loadKioskConfig, type KioskConfig } from './kiosk-config';
import { retentionDays } from './staff/kiosk-settings';
import {
  defaultResourcesDir,
  loadClinicProfile,
  loadProgrammes,
  mediaLibraryOf,
  type MediaBase,
  type MediaLibrary,
  type Programmes,
} from './content';
import { createVaultGate, type KeychainWrapper, type VaultGate } from './vault';

export interface KioskAppOptions extends KioskOverrides {
  dataDir: string;
  resourcesDir?: string;
  /** The folder of content packs: `<resourcesDir>/content` unless given (tests' fixture packs). */
  contentDir?: string;
  /** Offer only this pack, whatever kiosk.json lists (tests, previews of one pack). */
  packId?: string;
  keychain?: KeychainWrapper;
  /** Where the transport serves pack media to the renderer (content/media-path.ts). */
  mediaBase?: MediaBase;
  /**
   * Push the health snapshot to kiosk.json's (or the overrides') Pushgateway while open; the
   * CLI's short commands pass false, so only the running kiosk reports on itself.
   */
  pushHealth?: boolean;
}

export interface KioskApp extends KioskApiTable {
  readonly gate: VaultGate;
  readonly programmes: Programmes;
  /** The programmes' declared media, for the transport to serve (content/media-library.ts). */
  readonly media: MediaLibrary;
  readonly config: KioskConfig;
  /** The push of the health snapshot, when a Pushgateway is configured (health/pushgateway.ts). */
  readonly healthPusher: HealthPusher | undefined;
  /**
   * Purges exported submissions older than the retention setting, if one is set and the vault
   * is open (audited as the kiosk's own action). Runs at start and then every hour.
   */
  applyRetention(): number;
  /**
   * Removes what exports killed part-way left on their drives (audited), if the vault is open.
   * Runs at start and then every hour, with the retention purge.
   */
  removeUnfinishedExports(): Promise<void>;
  close(): void;
}

const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export function openKioskApp(options: KioskAppOptions): KioskApp {
  const {
    dataDir,
    resourcesDir = defaultResourcesDir(),
    contentDir = join(resourcesDir, 'content'),
    packId,
    keychain,
    mediaBase,
    pushHealth = true,
    ...overrides
  } = options;
  const clinic = loadClinicProfile(join(resourcesDir, 'clinic', 'profile.json'));
  const configFile = join(resourcesDir, 'kiosk.json');
  const config = existsSync(configFile) ? loadKioskConfig(configFile) : DEFAULT_KIOSK_CONFIG;
  const programmes = loadProgrammes(
    contentDir,
    packId === undefined ? config.programmes : [packId],
    definedOnly({ mediaBase }),
  );
  const kioskOptions = resolveKioskOptions(config, overrides);
  const gate = createVaultGate(dataDir, definedOnly({ keychain, kdf: kioskOptions.kdf }));
  const api = createApi({
    dataDir,
    gate,
    appVersion: packageJson.version,
    programmes,
    clinic,
    options: kioskOptions,
    healthPushState: () => healthPusher?.state() ?? null,
  });
  const healthPusher = pushHealth ? healthPusherOf(api, kioskOptions) : undefined;
  healthPusher?.start();
  const stopHealthSignal = api.onHealthChange(() => healthPusher?.changed());
  const { now } = kioskOptions;
  const applyRetention = (): number => {
    const vault = gate.vault();
    const days = vault ? retentionDays(vault) : null;
    return vault && days !== null ? purgeExpired(vault, days, 'kiosk', now()) : 0;
  };
  const removeUnfinished = async (): Promise<void> => {
    const vault = gate.vault();
    if (vault) {
      await removeUnfinishedExports(vault, nodeFileSink, 'kiosk', now());
    }
  };
  const housekeeping = (): void => {
    try {
      applyRetention();
    } catch (error) {
      console.error('applyRetention: the scheduled purge failed', error);
    }
    removeUnfinished().catch((error: unknown) => {
      console.error('removeUnfinishedExports: the scheduled clean-up failed', error);
    });
  };
  const retentionTimer = setInterval(housekeeping, RETENTION_INTERVAL_MS);
  // Never keeps a CLI command or a test alive.
  retentionTimer.unref();
  applyRetention();
  removeUnfinished().catch((error: unknown) => {
    console.error('removeUnfinishedExports: the clean-up at start failed', error);
  });
  return {
    ...api,
    gate,
    programmes,
    media: mediaLibraryOf(programmes.packs),
    config,
    healthPusher,
    applyRetention,
    removeUnfinishedExports: removeUnfinished,
    close(): void {
      clearInterval(retentionTimer);
      stopHealthSignal();
      healthPusher?.stop();
      api.clearSessions();
      api.closeConnections();
      gate.close();
    },
  };
}

/** The health push, when kiosk.json (or an override) names a Pushgateway. */
function healthPusherOf(api: KioskApiTable, options: KioskOptions): HealthPusher | undefined {
  if (options.health === null) {
    return undefined;
  }
  return createHealthPusher({
    pushgatewayUrl: options.health.pushgatewayUrl,
    intervalMs: options.health.intervalSeconds * 1000,
    timeoutMs: options.healthPushTimeoutMs,
    snapshot: () => api.healthSnapshot(),
    now: options.now,
  });
}
