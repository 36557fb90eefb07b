import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackWebhook, type LoopbackWebhook } from '../../test/support/loopback-webhook';
import type { KioskAlert } from '../contract';
import type { AlertDeliveryAttempt } from '../vault';
import { deliverAlert, webhookUrlOf, type WebhookDelivery } from './webhook-delivery';

const ALERT: KioskAlert = {
  alertId: '3f1c9a52-6a0e-4b43-9d0c-1b2f3a4c5d6e',
  kioskId: '0b7d2c1e-5f4a-4e3b-8c2d-1a0f9e8d7c6b',
  kind: 'clinician-now',
  ruleId: 'phq9-item9-any',
  raisedAt: '2026-12-01T14:00:00.000Z',
  acknowledged: null,
};

let hook: LoopbackWebhook | undefined;

/** A real HTTP server on 127.0.0.1 answering the nth request with `status(n)` (0: never). */
async function webhook(status: (index: number) => number): Promise<LoopbackWebhook> {
  hook = await startLoopbackWebhook(status);
  return hook;
}

function delivery(url: URL, more: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return { url, timeoutMs: 2000, retryDelaysMs: [10, 20], ...more };
}

afterEach(async () => {
  await hook?.close();
  hook = undefined;
});

describe('deliverAlert', () => {
  it('POSTs the small JSON, nothing more, and records the delivery', async () => {
    const posted = await webhook(() => 204);
    const attempts: AlertDeliveryAttempt[] = [];
    expect(await deliverAlert(ALERT, delivery(posted.url), (a) => attempts.push(a))).toBe(true);
    expect(posted.received).toEqual([
      {
        method: 'POST',
        contentType: 'application/json',
        body: {
          alertId: ALERT.alertId,
          kioskId: ALERT.kioskId,
          kind: 'clinician-now',
          raisedAt: ALERT.raisedAt,
        },
      },
    ]);
    expect(attempts).toEqual([{ deliveredAt: expect.any(String) as string }]);
  });

  it('retries after a 500, then succeeds', async () => {
    const posted = await webhook((index) => (index === 0 ? 500 : 200));
    const attempts: AlertDeliveryAttempt[] = [];
    expect(await deliverAlert(ALERT, delivery(posted.url), (a) => attempts.push(a))).toBe(true);
    expect(posted.received).toHaveLength(2);
    expect(attempts).toEqual([
      { error: 'HTTP 500' },
      { deliveredAt: expect.any(String) as string },
    ]);
  });

  it('gives up after the last retry, each attempt recorded', async () => {
    const posted = await webhook(() => 503);
    const attempts: AlertDeliveryAttempt[] = [];
    expect(await deliverAlert(ALERT, delivery(posted.url), (a) => attempts.push(a))).toBe(false);
    expect(posted.received).toHaveLength(3);
    expect(attempts).toEqual([{ error: 'HTTP 503' }, { error: 'HTTP 503' }, { error: 'HTTP 503' }]);
  });

  it('times out an attempt that gets no answer, and tries again', async () => {
    // The first request is left hanging; the second is answered.
    const posted = await webhook((index) => (index > 0 ? 200 : 0));
    const attempts: AlertDeliveryAttempt[] = [];
    expect(
      await deliverAlert(ALERT, delivery(posted.url, { timeoutMs: 200 }), (a) => attempts.push(a)),
    ).toBe(true);
    expect(attempts).toEqual([
      { error: 'timed out after 200 ms' },
      { deliveredAt: expect.any(String) as string },
    ]);
  });

  it('records a refused connection as an error', async () => {
    const { url } = await webhook(() => 200);
    await hook?.close();
    hook = undefined;
    const attempts: AlertDeliveryAttempt[] = [];
    expect(
      await deliverAlert(ALERT, delivery(url, { retryDelaysMs: [] }), (a) => attempts.push(a)),
    ).toBe(false);
    expect(attempts).toEqual([{ error: expect.stringMatching(/ECONNREFUSED/) as string }]);
  });
});

describe('webhookUrlOf', () => {
  it('accepts http and https only', () => {
    expect(webhookUrlOf('https://alerts.example.org/hook').protocol).toBe('https:');
    expect(webhookUrlOf('http://127.0.0.1:8080/').protocol).toBe('http:');
    for (const bad of ['file:///etc/passwd', 'data:text/plain,x', 'ftp://example.org/', 'nope']) {
      expect(() => webhookUrlOf(bad), bad).toThrow(TypeError);
    }
  });
});
