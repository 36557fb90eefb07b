/**
 * A real HTTP webhook on 127.0.0.1 for the alert tests (unit and end to end): it records each
 * POST and answers with the status `status(index)` gives (204 unless told otherwise). It
 * listens on a port the system picks and only on loopback.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  method: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

export interface LoopbackWebhook {
  url: URL;
  received: ReceivedPost[];
  /** The parsed bodies, in the order they came. */
  readonly bodies: unknown[];
  close(): Promise<void>;
}

export async function startLoopbackWebhook(
  status: (index: number) => number = () => 204,
): Promise<LoopbackWebhook> {
  const received: ReceivedPost[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method,
        contentType: request.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      const code = status(received.length - 1);
      // 0 means "never answer", for timeouts.
      if (code !== 0) {
        response.writeHead(code).end();
      }
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${String(port)}/alerts`),
    received,
    get bodies() {
      return received.map((post) => post.body);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
