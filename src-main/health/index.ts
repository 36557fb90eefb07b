/**
 * The kiosk's health: one snapshot (no client data) for the front desk, `kiosk status` and the
 * clinic's Prometheus Pushgateway, the push itself, the disk watch and the last-crash record.
 */
export { buildHealthSnapshot, type HealthInputs } from './health-snapshot';
export { healthRegistry, METRIC_PREFIX } from './health-metrics';
export {
  createHealthPusher,
  groupUrl,
  HEALTH_JOB,
  putHealth,
  type HealthPusher,
  type HealthPusherOptions,
} from './pushgateway';
export { createIntegrityWatch, type IntegrityResult, type IntegrityWatch } from './vault-integrity';
export { readCrashRecord, writeCrashRecord } from './crash-record';
export { createStorageWatch, type StorageWatch, type StorageWatchOptions } from './storage-watch';
