/**
 * The kiosk's alerts as the API table uses them: raise (stored, audited, then delivered in the
 * background), list the open ones, acknowledge. One desk per running kiosk.
 */
import type { KioskAlert } from '../contract';
import type { AlertDeliveryAttempt, Vault } from '../vault';
import { acknowledgeAlert } from './acknowledge-alert';
import { kioskAlertOf } from './kiosk-alert';
import { raiseAlert, type AlertCause } from './raise-alert';
import { deliverAlert, type WebhookDelivery } from './webhook-delivery';

export interface AlertDeskOptions {
  /** The open vault, or throws (VAULT_UNAVAILABLE). */
  openVault: () => Vault;
  now: () => Date;
  /** Null when the clinic set no webhook: alerts then show at the front desk only. */
  webhook: WebhookDelivery | null;
}

export interface AlertDesk {
  raise(cause: AlertCause): KioskAlert;
  open(): KioskAlert[];
  countOpen(): number;
  acknowledge(alertId: string, actor: string): KioskAlert;
  /**
   * Sends again, once per open vault, the open alerts a restart left undelivered (the process
   * that raised them stopped before the webhook answered).
   */
  resumeDeliveries(): void;
}

export function createAlertDesk(options: AlertDeskOptions): AlertDesk {
  const { openVault, now, webhook } = options;
  const resumed = new WeakSet<Vault>();
  const resume = (vault: Vault): void => {
    if (!webhook || resumed.has(vault)) {
      return;
    }
    resumed.add(vault);
    for (const row of vault.undeliveredAlerts()) {
      deliverInBackground(vault, kioskAlertOf(row), webhook);
    }
  };
  return {
    raise(cause) {
      const vault = openVault();
      // First, so the alert raised now is not also picked up as one left undelivered.
      resume(vault);
      const alert = raiseAlert(vault, cause, now());
      if (webhook) {
        deliverInBackground(vault, alert, webhook);
      }
      return alert;
    },
    open: () => openVault().openAlerts().map(kioskAlertOf),
    countOpen: () => openVault().countOpenAlerts(),
    acknowledge: (alertId, actor) => acknowledgeAlert(openVault(), alertId, actor, now()),
    resumeDeliveries: () => {
      resume(openVault());
    },
  };
}

/** Fire and forget: the row is already durable; delivery only adds its state to it. */
function deliverInBackground(vault: Vault, alert: KioskAlert, webhook: WebhookDelivery): void {
  const record = (attempt: AlertDeliveryAttempt): void => {
    try {
      vault.recordAlertDelivery(alert.alertId, attempt);
    } catch (error) {
      // The kiosk may have closed this vault meanwhile (a restart); the alert itself is stored.
      console.warn(`deliverInBackground: could not record delivery of ${alert.alertId}`, error);
    }
  };
  deliverAlert(alert, webhook, record).catch((error: unknown) => {
    console.error(`deliverInBackground: delivery of ${alert.alertId} failed`, error);
  });
}
