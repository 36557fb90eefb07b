/**
 * Acknowledging an alert: a member of staff (the front desk's PIN or an administrator) says it is
 * seen to. The change and its audit entry, naming who, are one transaction. Acknowledging an
 * alert already acknowledged changes nothing and audits nothing (two people may tap at once).
 */
import { appendAudit } from '../audit';
import type { KioskAlert } from '../contract';
import { KioskFailure } from '../failure';
import type { Vault } from '../vault';
import { storedAlert } from './raise-alert';

export function acknowledgeAlert(
  vault: Vault,
  alertId: string,
  actor: string,
  now: Date,
): KioskAlert {
  return vault.atomically(() => {
    if (!vault.alert(alertId)) {
      throw new KioskFailure('NOT_FOUND', 'There is no such alert.');
    }
    if (vault.acknowledgeAlert(alertId, actor, now.toISOString())) {
      appendAudit(vault, { actor, action: 'alert_acknowledged', details: { alertId } }, now);
    }
    return storedAlert(vault, alertId);
  });
}
