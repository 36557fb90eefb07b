/**
 * Retention: exported submissions older than the clinic's retention period are deleted from the
 * kiosk (they live on in the clinic's own records). Never a submission that was not exported.
 */
import { appendAudit } from '../audit';
import type { Vault } from '../vault';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes exported submissions submitted more than `retentionDays` days before `now`; returns
 * how many. A purge that deleted something is audited (`purge`, with the count and the cutoff);
 * the delete and its audit entry are one transaction, so neither stands without the other.
 */
export function purgeExpired(
  vault: Vault,
  retentionDays: number,
  actor: string,
  now: Date,
): number {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new RangeError(
      `purgeExpired: retentionDays must be a whole number of days, at least 1 (got ${String(retentionDays)})`,
    );
  }
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  return vault.atomically(() => {
    const purged = vault.purgeExportedBefore(cutoff);
    if (purged > 0) {
      appendAudit(
        vault,
        { actor, action: 'purge', details: { count: purged, cutoff, retentionDays } },
        now,
      );
    }
    return purged;
  });
}
