/**
 * Safety and front-desk alerts: raised when a questionnaire rule fires (no client data),
 * stored in the vault, delivered to the clinic's webhook, acknowledged by staff.
 */
export { createAlertDesk, type AlertDesk, type AlertDeskOptions } from './alert-desk';
export type { AlertCause } from './raise-alert';
export {
  DEFAULT_RETRY_DELAYS_MS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  deliverAlert,
  postWithRetries,
  webhookUrlOf,
  type WebhookDelivery,
} from './webhook-delivery';
