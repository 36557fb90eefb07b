/**
 * The health snapshot as Prometheus gauges (README, "Kiosk health", lists them): numbers for
 * what is counted or timed, info-style gauges (value 1) whose labels carry versions and hashes.
 * Times are Unix seconds, as Prometheus' own `push_time_seconds`; a time not known yet (no
 * submission, no crash) is left out rather than sent as 0. The exposition text is prom-client's,
 * never written by hand. `job` and `instance` are not labels here: the Pushgateway's grouping key
 * adds them (pushgateway.ts).
 */
import { Gauge, Registry } from 'prom-client';
import type { KioskHealth } from '../contract';

export const METRIC_PREFIX = 'clinic_kiosk_';

type Labels = Record<string, string>;

/** A registry holding this snapshot's gauges, ready for `registry.metrics()`. */
export function healthRegistry(health: KioskHealth): Registry {
  const registry = new Registry();
  const gauge = (
    name: string,
    help: string,
    samples: readonly { value: number | null; labels?: Labels }[],
  ): void => {
    const known = samples.filter((sample) => sample.value !== null);
    if (known.length === 0) {
      return;
    }
    const labelNames = Object.keys(known[0]?.labels ?? {});
    const metric = new Gauge({
      name: METRIC_PREFIX + name,
      help,
      labelNames,
      registers: [registry],
    });
    for (const { value, labels } of known) {
      metric.set(labels ?? {}, value ?? 0);
    }
  };
  const one = (value: number | null): { value: number | null }[] => [{ value }];
  const flag = (on: boolean): { value: number }[] => [{ value: on ? 1 : 0 }];

  gauge('info', 'The kiosk: its name and app version (always 1).', [
    { value: 1, labels: { kiosk_name: health.kiosk.name, app_version: health.appVersion } },
  ]);
  gauge(
    'pack_info',
    'Each programme content pack the kiosk offers: id, version, SHA-256 (always 1).',
    health.packs.map((pack) => ({
      value: 1,
      labels: { pack_id: pack.id, pack_version: pack.version, pack_hash: pack.hash },
    })),
  );
  gauge('start_time_seconds', 'When the kiosk process started.', one(seconds(health.startedAt)));
  gauge('uptime_seconds', 'Seconds since the kiosk process started.', one(health.uptimeSeconds));
  gauge('paused', 'Whether new clients are refused (1), and why: front-desk or storage-low.', [
    {
      value: health.pauseReason === null ? 0 : 1,
      labels: { reason: health.pauseReason ?? 'none' },
    },
  ]);
  gauge('vault_integrity_ok', 'The vault passed its last quick_check (1) or not (0).', [
    { value: health.vault.integrity === 'ok' ? 1 : 0 },
  ]);
  gauge(
    'vault_integrity_check_time_seconds',
    'When the vault last ran quick_check.',
    one(seconds(health.vault.checkedAt)),
  );
  gauge(
    'vault_schema_version',
    'The vault database schema version.',
    one(health.vault.schemaVersion),
  );
  gauge('disk_free_bytes', 'Free bytes on the data folder disk.', one(health.storage.freeBytes));
  gauge(
    'disk_min_free_bytes',
    'Below this many free bytes no new client session starts (kiosk.json).',
    one(health.storage.neededBytes),
  );
  gauge('storage_low', 'Free disk is below the threshold (1).', flag(health.storage.low));
  gauge(
    'storage_reserve_held',
    'The storage reserve file is on disk (1).',
    flag(health.storage.reserveHeld),
  );
  gauge('submissions_stored', 'Submissions stored in the vault.', one(health.submissions.total));
  gauge(
    'submissions_today',
    'Submissions stored today (clinic time).',
    one(health.submissions.today),
  );
  gauge(
    'records_not_exported',
    'Stored submissions not yet exported.',
    one(health.submissions.notExported),
  );
  gauge(
    'records_not_pushed',
    'Stored submissions not yet pushed to the FHIR server.',
    one(health.notPushed.total),
  );
  gauge(
    'records_push_rejected',
    'Of those not pushed, the ones the FHIR server refused.',
    one(health.notPushed.rejected),
  );
  gauge(
    'last_submission_time_seconds',
    'When the newest stored submission was made.',
    one(seconds(health.lastSubmissionAt)),
  );
  gauge(
    'last_export_time_seconds',
    'When submissions were last exported.',
    one(seconds(health.lastExportAt)),
  );
  gauge(
    'open_alerts',
    'Safety and front-desk alerts not yet acknowledged.',
    one(health.openAlerts),
  );
  gauge(
    'audit_head_seq',
    'The audit log last entry sequence number.',
    one(health.auditHead?.seq ?? null),
  );
  gauge(
    'audit_head_time_seconds',
    'When the last audit entry was written.',
    one(seconds(health.auditHead?.at ?? null)),
  );
  gauge(
    'last_crash_time_seconds',
    'When main last failed, with the kind and the error class.',
    health.lastCrash
      ? [
          {
            value: seconds(health.lastCrash.at),
            labels: { kind: health.lastCrash.kind, error: health.lastCrash.error },
          },
        ]
      : [],
  );
  return registry;
}

function seconds(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso) / 1000;
}
