/**
 * Raising an alert: stored and audited in one transaction, before the client's answer returns,
 * so a client who walks away (idle wipe, Start over) still leaves it. The row and the audit entry
 * name the rule, never the client, an answer or a score.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit';
import type { AlertKind, KioskAlert } from '../contract';
import type { Vault } from '../vault';
import { kioskAlertOf } from './kiosk-alert';

/** What fired: the pack's rule id and the alert kind it raises. */
export interface AlertCause {
  kind: AlertKind;
  ruleId: string;
}

export function raiseAlert(vault: Vault, cause: AlertCause, now: Date): KioskAlert {
  const id = randomUUID();
  return vault.atomically(() => {
    vault.insertAlert({ id, kind: cause.kind, ruleId: cause.ruleId, raisedAt: now.toISOString() });
    appendAudit(
      vault,
      {
        actor: 'kiosk',
        action: 'alert_raised',
        details: { alertId: id, kind: cause.kind, ruleId: cause.ruleId },
      },
      now,
    );
    return storedAlert(vault, id);
  });
}

export function storedAlert(vault: Vault, id: string): KioskAlert {
  const row = vault.alert(id);
  if (!row) {
    throw new Error(`storedAlert: alert ${id} is not in the vault`);
  }
  return kioskAlertOf(row);
}
