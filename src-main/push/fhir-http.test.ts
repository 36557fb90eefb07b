/**
 * TLS to the clinic's server, against a real HTTPS server with a certificate from a CA made for
 * the test by the `openssl` command: with kiosk.json's `caFile` naming that CA the kiosk talks to
 * it; without, Node's trust store does not know it and the push gets no answer (never an
 * unverified connection); a certificate for another name is refused even with the CA.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushHttp, NoAnswerError } from './fhir-http';

let dir: string;

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** A CA, and a server certificate it signed for `host` (subjectAltName). */
function certificateFor(name: string, host: string): { key: string; cert: string } {
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${host}\n`);
  openssl([
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-subj',
    `/CN=${name}`,
    '-out',
    `${name}.csr`,
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  ]);
  return {
    key: readFileSync(join(dir, `${name}.key`), 'utf8'),
    cert: readFileSync(join(dir, `${name}.pem`), 'utf8'),
  };
}

async function listen(tls: {
  key: string;
  cert: string;
}): Promise<{ server: Server; url: string }> {
  const server = createServer(tls, (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/fhir+json' });
    response.end('{"resourceType":"Bundle","type":"transaction-response","entry":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `https://127.0.0.1:${String(port)}/fhir` };
}

let good: { server: Server; url: string };
let misnamed: { server: Server; url: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-tls-'));
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-subj',
    '/CN=Clinic test CA',
    '-days',
    '2',
    '-out',
    'ca.pem',
  ]);
  good = await listen(certificateFor('fhir', 'IP:127.0.0.1'));
  misnamed = await listen(certificateFor('other', 'DNS:fhir.other.example'));
});

afterAll(() => {
  good.server.close();
  misnamed.server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS to the clinic FHIR server', () => {
  it("talks to a server whose certificate the clinic's pinned CA signed", async () => {
    const http = createPushHttp({ timeoutMs: 5000, caFile: join(dir, 'ca.pem') });
    try {
      const answer = await http.post(good.url, '{}', { 'content-type': 'application/fhir+json' });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ type: 'transaction-response' });
    } finally {
      await http.close();
    }
  });

  it('refuses the same server without the CA: the system trust store does not know it', async () => {
    const http = createPushHttp({ timeoutMs: 5000 });
    try {
      const refused = await http.post(good.url, '{}', {}).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(NoAnswerError);
      expect((refused as NoAnswerError).reason).toBe('unreachable');
      expect((refused as Error).message).toMatch(/certificate/i);
    } finally {
      await http.close();
    }
  });

  it('refuses a certificate the CA signed for another name', async () => {
    const http = createPushHttp({ timeoutMs: 5000, caFile: join(dir, 'ca.pem') });
    try {
      const refused = await http.post(misnamed.url, '{}', {}).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(NoAnswerError);
      expect((refused as Error).message).toMatch(/altnames|certificate|hostname|IP/i);
    } finally {
      await http.close();
    }
  });
});
