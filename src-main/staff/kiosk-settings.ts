/** The kiosk's own settings, kept in the encrypted database: one place for their names. */
import type { SettingsStore } from './front-desk-pin';

const PAUSED = 'kiosk.paused';
const RETENTION_DAYS = 'retention.days';

export function kioskPaused(store: Pick<SettingsStore, 'getSetting'>): boolean {
  return store.getSetting(PAUSED) === '1';
}

export function setKioskPaused(store: SettingsStore, paused: boolean): void {
  store.setSetting(PAUSED, paused ? '1' : '0');
}

/** Days after which exported submissions are purged; null when retention is off (the default). */
export function retentionDays(store: Pick<SettingsStore, 'getSetting'>): number | null {
  const raw = store.getSetting(RETENTION_DAYS);
  return raw === undefined ? null : Number(raw);
}

export function setRetentionDays(store: SettingsStore, days: number | null): void {
  if (days === null) {
    store.deleteSetting(RETENTION_DAYS);
  } else {
    store.setSetting(RETENTION_DAYS, String(days));
  }
}
