/**
 * The kiosk's health snapshot: the one builder behind the front desk's health panel, `kiosk
 * status --json` and the Pushgateway's metrics (pushgateway.ts). Counts, times, versions and
 * states only: never a client's data (no name, no date of birth, no answer, no submission id).
 * Cheap enough for every minute and every change: indexed counts, one statfs, and a quick_check
 * only when the last one is older than its interval (vault-integrity.ts).
 */
import type {
  HealthPushState,
  KioskHealth,
  PackIdentity,
  PauseReason,
  StorageState,
} from '../contract';
import type { Vault } from '../vault';
import { readCrashRecord } from './crash-record';
import type { IntegrityWatch } from './vault-integrity';

/** What the snapshot is made of that the vault does not hold. */
export interface HealthInputs {
  vault: Vault;
  kioskName: string;
  appVersion: string;
  packs: readonly PackIdentity[];
  storage: StorageState;
  /** The front desk's pause; `pauseReason` also says whether low storage pauses the kiosk. */
  paused: boolean;
  pauseReason: PauseReason | null;
  /** The clinic's day now, as UTC instants (for "submitted today"). */
  today: { since: string; before: string };
  integrity: IntegrityWatch;
  startedAt: Date;
  now: Date;
  healthPush: HealthPushState | null;
}

export function buildHealthSnapshot(inputs: HealthInputs): KioskHealth {
  const { vault, storage, now, startedAt } = inputs;
  const pushes = vault.pushCounts();
  const head = vault.lastAuditRow();
  const { integrity, checkedAt } = inputs.integrity(vault);
  return {
    kiosk: { id: vault.kioskId, name: inputs.kioskName },
    appVersion: inputs.appVersion,
    packs: inputs.packs.map(({ id, version, hash }) => ({ id, version, hash })),
    vault: { integrity, schemaVersion: vault.schemaVersion(), checkedAt },
    freeDiskBytes: storage.freeBytes,
    storage,
    paused: inputs.paused,
    pauseReason: inputs.pauseReason,
    submissions: vault.submissionSummaryCounts(inputs.today),
    lastSubmissionAt: vault.lastSubmittedAt(),
    lastExportAt: vault.lastExportAt(),
    notPushed: { total: pushes.notPushed, rejected: pushes.rejected },
    openAlerts: vault.countOpenAlerts(),
    auditHead: head ? { seq: head.seq, at: head.at } : null,
    startedAt: startedAt.toISOString(),
    uptimeSeconds: Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000)),
    lastCrash: readCrashRecord(vault.dataDir),
    healthPush: inputs.healthPush,
  };
}
