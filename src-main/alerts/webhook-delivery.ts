/**
 * Delivering an alert to the clinic's webhook: one small JSON POST (`{ alertId, kioskId, kind,
 * raisedAt }`, no client data), each attempt bounded by a timeout, retried after growing waits a
 * fixed number of times. Runs in the background: the client's answer never waits for it, and its
 * timers are unref'd so a test or a CLI command can exit while a retry is pending.
 *
 * Node's global fetch (undici): https://nodejs.org/api/globals.html#fetch; the timeout is
 * AbortSignal.timeout, which rejects with a DOMException named "TimeoutError"
 * (https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static).
 */
import type { KioskAlert } from '../contract';
import type { AlertDeliveryAttempt } from '../vault';

export interface WebhookDelivery {
  url: URL;
  /** Each attempt's limit, connection to response headers. */
  timeoutMs: number;
  /** The waits before the 2nd, 3rd… attempts: its length bounds the retries. */
  retryDelaysMs: readonly number[];
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;
/** Four attempts over about 20 s: long enough for a router to come back, short of a shift. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 4000, 15_000];

/** Longest error text kept on the alert row. */
const MAX_ERROR_LENGTH = 200;

/**
 * Only http(s): a `file:` or `data:` URL is no webhook, and fetch would refuse some of them only
 * at the first alert, too late to tell the clinic.
 */
export function webhookUrlOf(raw: string): URL {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `webhookUrlOf: the alert webhook must be an http(s) URL, got ${url.protocol}`,
    );
  }
  return url;
}

/**
 * Tries until one attempt gets a 2xx answer or the retries run out; `record` hears every attempt
 * (the alert row keeps delivered_at, attempts and the last error). Resolves true once delivered.
 */
export async function deliverAlert(
  alert: KioskAlert,
  delivery: WebhookDelivery,
  record: (attempt: AlertDeliveryAttempt) => void,
): Promise<boolean> {
  const body = {
    alertId: alert.alertId,
    kioskId: alert.kioskId,
    kind: alert.kind,
    raisedAt: alert.raisedAt,
  };
  return postWithRetries(body, delivery, record);
}

/**
 * The same delivery for any small JSON notice (the kiosk's own operational alerts, which are
 * not stored: health/storage-watch.ts); `body.alertId` names it in the log.
 */
export async function postWithRetries(
  body: { alertId: string; kind: string },
  delivery: WebhookDelivery,
  record: (attempt: AlertDeliveryAttempt) => void = () => undefined,
): Promise<boolean> {
  const json = JSON.stringify(body);
  for (let attempt = 0; ; attempt += 1) {
    const error = await postOnce(delivery, json);
    if (error === undefined) {
      record({ deliveredAt: new Date().toISOString() });
      return true;
    }
    record({ error });
    console.warn(`deliverAlert: attempt ${String(attempt + 1)} for ${body.alertId}: ${error}`);
    const wait = delivery.retryDelaysMs[attempt];
    if (wait === undefined) {
      return false;
    }
    await sleep(wait);
  }
}

/** One POST; undefined on a 2xx answer, else why not. */
async function postOnce(delivery: WebhookDelivery, body: string): Promise<string | undefined> {
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      // A redirect could carry the POST somewhere the clinic did not name.
      redirect: 'error',
      signal: AbortSignal.timeout(delivery.timeoutMs),
    });
    // Free the connection: the answer's body is not ours to read.
    await response.body?.cancel();
    return response.ok ? undefined : `HTTP ${String(response.status)}`;
  } catch (error) {
    return describeFailure(error, delivery.timeoutMs).slice(0, MAX_ERROR_LENGTH);
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `timed out after ${String(timeoutMs)} ms`;
  }
  // undici reports "fetch failed" and puts the reason (ECONNREFUSED…) in `cause`.
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    return cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
}
