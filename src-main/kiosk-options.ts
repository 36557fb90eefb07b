/**
 * Every knob of a running kiosk, typed once and resolved in one place: `resources/kiosk.json`
 * gives the clinic's values, the defaults below fill the rest, and a transport or a test may
 * override any of them. A new knob is a field here and its one reader.
 */
import { hostname } from 'node:os';
import { DEFAULT_RETRY_DELAYS_MS, DEFAULT_WEBHOOK_TIMEOUT_MS } from './alerts';
import { KioskFailure } from './failure';
import type { KioskConfig } from './kiosk-config';
import { DEFAULT_PIN_DELAY_BASE_MS } from './staff/front-desk-pin';
import { DEFAULT_SECRET_DELAY_BASE_MS, type ScryptParams } from './vault';

export interface KioskOptions {
  /** How long the thank-you screen stays before the kiosk returns to the welcome screen. */
  thankYouMs: number;
  /** Inactivity after which a staff unlock ends by itself. */
  staffIdleMs: number;
  /** A client's inactivity before "Are you still there?", and how long that question waits. */
  idleWarningMs: number;
  idleCountdownMs: number;
  /** kiosk.json's `readingWordsPerMinute`: what a page's words are measured against. */
  readingWordsPerMinute: number;
  /** The on-screen keyboard for text fields: `auto` shows it on touch screens. */
  onScreenKeyboard: KioskConfig['onScreenKeyboard'];
  /** The unit of the front-desk PIN's growing delays (shortened only in tests and previews). */
  pinDelayBaseMs: number;
  /** The same for staff passphrases and the recovery key (vault/secret-attempts.ts). */
  secretDelayBaseMs: number;
  /** The transport's folder picker for exports (Electron: the system dialog); undefined if cancelled. */
  chooseExportFolder: () => Promise<string | undefined>;
  /** The transport's way out of kiosk mode (Electron: quit). */
  exitKiosk: () => void;
  /** The clock (retention, timings); replaced only in tests. */
  now: () => Date;
  /** Where raised alerts are POSTed, or null for none (kiosk.json; tests and previews override). */
  alertWebhookUrl: string | null;
  /** Each webhook attempt's limit, and the waits between attempts (shortened only in tests). */
  alertWebhookTimeoutMs: number;
  alertRetryDelaysMs: readonly number[];
  /** The CUPS queue of the client's copy (kiosk.json `printer`), or null for none. */
  printer: KioskConfig['printer'];
  /** How long `lp` may take to hand a copy to CUPS before the print counts as failed. */
  printTimeoutMs: number;
  /** kiosk.json's `minFreeDiskMegabytes`, in bytes: below it no new client session starts. */
  minFreeDiskBytes: number;
  /** kiosk.json's `fhirPush`: the clinic's FHIR server, or null for no push. */
  fhirPush: KioskConfig['fhirPush'];
  /** The waits between a `kiosk push` run's tries of a retryable failure (shortened in tests). */
  pushRetryDelaysMs: readonly number[];
  /** kiosk.json's `kioskName`, or the host name when it gives none. */
  kioskName: string;
  /** kiosk.json's `health`: where the health snapshot is pushed, or null for nowhere. */
  health: KioskConfig['health'];
  /** Each health push's limit: a Pushgateway that hangs costs a push, never an action. */
  healthPushTimeoutMs: number;
  /** The vault's `PRAGMA quick_check` runs at most this often for the health snapshot. */
  integrityCheckIntervalMs: number;
  /** Cheaper scrypt parameters for new passphrase slots; tests only. */
  kdf: ScryptParams | undefined;
}

/** What a transport or a test may set; anything left out comes from kiosk.json or a default. */
export type KioskOverrides = { [K in keyof KioskOptions]?: KioskOptions[K] };

export const DEFAULT_THANK_YOU_MS = 8000;
export const DEFAULT_PRINT_TIMEOUT_MS = 15_000;
export const DEFAULT_HEALTH_PUSH_TIMEOUT_MS = 5000;
/** Ten minutes: quick_check reads every page, which on a big vault is not free. */
export const DEFAULT_INTEGRITY_CHECK_INTERVAL_MS = 10 * 60_000;

/** The host name, or "Kiosk" where the system gives none. */
function defaultKioskName(): string {
  return hostname().trim().slice(0, 64) || 'Kiosk';
}

function noExportFolder(): Promise<string | undefined> {
  return Promise.reject(
    new KioskFailure('EXPORT_FAILED', 'This kiosk has no way to choose an export folder.'),
  );
}

export function resolveKioskOptions(config: KioskConfig, overrides: KioskOverrides): KioskOptions {
  return {
    thankYouMs: DEFAULT_THANK_YOU_MS,
    staffIdleMs: config.staffIdleMinutes * 60_000,
    idleWarningMs: config.idleWarningSeconds * 1000,
    idleCountdownMs: config.idleCountdownSeconds * 1000,
    onScreenKeyboard: config.onScreenKeyboard,
    readingWordsPerMinute: config.readingWordsPerMinute,
    pinDelayBaseMs: DEFAULT_PIN_DELAY_BASE_MS,
    secretDelayBaseMs: DEFAULT_SECRET_DELAY_BASE_MS,
    alertWebhookUrl: config.alertWebhookUrl,
    alertWebhookTimeoutMs: DEFAULT_WEBHOOK_TIMEOUT_MS,
    alertRetryDelaysMs: DEFAULT_RETRY_DELAYS_MS,
    printer: config.printer,
    printTimeoutMs: DEFAULT_PRINT_TIMEOUT_MS,
    minFreeDiskBytes: config.minFreeDiskMegabytes * 1024 * 1024,
    fhirPush: config.fhirPush,
    pushRetryDelaysMs: [1000, 4000, 15_000],
    kioskName: config.kioskName ?? defaultKioskName(),
    health: config.health,
    healthPushTimeoutMs: DEFAULT_HEALTH_PUSH_TIMEOUT_MS,
    integrityCheckIntervalMs: DEFAULT_INTEGRITY_CHECK_INTERVAL_MS,
    chooseExportFolder: noExportFolder,
    exitKiosk: () => undefined,
    now: () => new Date(),
    kdf: undefined,
    ...definedOnly(overrides),
  };
}

/**
 * Drops keys whose value is undefined, so an override read from an absent flag
 * (`{ thankYouMs: undefined }`) cannot erase a default.
 */
export function definedOnly<T extends object>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
