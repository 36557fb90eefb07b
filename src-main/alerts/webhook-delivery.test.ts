import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
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

interface Received {
  method: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

let server: Server | undefined;

/** A real HTTP server on 127.0.0.1 answering each request with the next of `statuses`. */
async function webhook(
  answer: (index: number, response: ServerResponse) => void,
): Promise<{ url: URL; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method,
        contentType: request.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      answer(received.length - 1, response);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${String(port)}/alerts`), received };
}

function delivery(url: URL, more: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return { url, timeoutMs: 2000, retryDelaysMs: [10, 20], ...more };
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => {
    if (server) {
      server.close(() => {
        resolve();
      });
    } else {
      resolve();
    }
  });
  server = undefined;
});

describe('deliverAlert', () => {
  it('POSTs the small JSON, nothing more, and records the delivery', async () => {
    const hook = await webhook((_, response) => response.writeHead(204).end());
    const attempts: AlertDeliveryAttempt[] = [];
    expect(await deliverAlert(ALERT, delivery(hook.url), (a) => attempts.push(a))).toBe(true);
    expect(hook.received).toEqual([
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
    const hook = await webhook((index, response) =>
      response.writeHead(index === 0 ? 500 : 200).end(),
    );
    const attempts: AlertDeliveryAttempt[] = [];
    expect(await deliverAlert(ALERT, delivery(hook.url), (a) => attempts.push(a))).toBe(true);
    expect(hook.received).toHaveLength(2);
    expect(attempts).toEqual([
      { error: 'HTTP 500' },
      { deliveredAt: expect.any(String) as string },
    ]);
  });

  it('gives up after the last retry, each attempt recorded', async () => {
    const hook = await webhook((_, response) => response.writeHead(503).end());
    const attempts: AlertDeliveryAttempt[] = [];
    expect(await deliverAlert(ALERT, delivery(hook.url), (a) => attempts.push(a))).toBe(false);
    expect(hook.received).toHaveLength(3);
    expect(attempts).toEqual([{ error: 'HTTP 503' }, { error: 'HTTP 503' }, { error: 'HTTP 503' }]);
  });

  it('times out an attempt that gets no answer, and tries again', async () => {
    // The first request is left hanging; the second is answered.
    const hook = await webhook((index, response) => {
      if (index > 0) {
        response.writeHead(200).end();
      }
    });
    const attempts: AlertDeliveryAttempt[] = [];
    const started = Date.now();
    expect(
      await deliverAlert(ALERT, delivery(hook.url, { timeoutMs: 200 }), (a) => attempts.push(a)),
    ).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(attempts).toEqual([
      { error: 'timed out after 200 ms' },
      { deliveredAt: expect.any(String) as string },
    ]);
  });

  it('records a refused connection as an error', async () => {
    const hook = await webhook((_, response) => response.writeHead(200).end());
    const { url } = hook;
    server?.close();
    server = undefined;
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
