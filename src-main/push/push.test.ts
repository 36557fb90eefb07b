/**
 * The push against a real FHIR implementation: Medplum's FHIR router over its in-memory
 * repository, served over HTTP by test/support/fhir-server.ts behind a SMART Backend Services
 * token endpoint that checks the kiosk's client assertion against the JWKS `push.key` prints.
 * Records go through the API table exactly as at the kiosk: submitted by a walked session,
 * pushed at submit, then by the staff run `kiosk push` calls (`push.run`).
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JSONWebKeySet } from 'jose';
import { reportFigures } from '../../test/support/figures';
import { outcome, startFhirServer, type FhirTestServer } from '../../test/support/fhir-server';
import { BILINGUAL_PACK_ID, FIXTURE_CONTENT_DIR } from '../../test/support/bilingual-pack';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from '../../test/support/kiosk-fixture';
import type { KioskAppOptions } from '../kiosk-app';
import { walkSession } from '../cli/seed-demo';
import type { KioskConfig } from '../kiosk-config';

/** What happened in which order: the real PDF writer, its calls noted. */
const order: string[] = [];
vi.mock('../export/pdf-writer', async (original) => {
  const real = await original<typeof import('../export/pdf-writer')>();
  return {
    ...real,
    renderRecordPdf: (...args: Parameters<typeof real.renderRecordPdf>) => {
      order.push('pdf drawn');
      return real.renderRecordPdf(...args);
    },
  };
});

const ROOT = resolve(import.meta.dirname, '../..');
const CLIENT_ID = 'kiosk-test-1';

/** The CLI as a staff machine's nightly job runs it; asynchronous, so the test's server answers. */
function kioskCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src-main/cli/main.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, KIOSK_PASSPHRASE: PASSPHRASE }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
const NAME = 'Zebedee Quartermaine';

let server: FhirTestServer;
let kiosk: TestKiosk;

function pushConfig(baseUrl: string, tokenUrl: string): NonNullable<KioskConfig['fhirPush']> {
  return { baseUrl, tokenUrl, clientId: CLIENT_ID, scope: 'system/*.write', timeoutSeconds: 5 };
}

/** A port nothing listens on: the server "down". */
const DOWN = pushConfig('http://127.0.0.1:9/fhir', 'http://127.0.0.1:9/token');

/** A transaction-response Bundle with one entry of each given status. */
function transactionResponse(...statuses: string[]): string {
  return JSON.stringify({
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: statuses.map((status) => ({ response: { status } })),
  });
}

/**
 * A bare HTTP server standing in for a FHIR server that misbehaves: `/token` issues a token,
 * `/fhir` answers with `answer` (which may wait), each FHIR request counted.
 */
async function bareServer(
  answer: (response: ServerResponse, request: IncomingMessage) => void | Promise<void>,
  tokenStatus = 200,
): Promise<{
  config: NonNullable<KioskConfig['fhirPush']>;
  fhirRequests: () => number;
  close: () => Promise<void>;
}> {
  let fhirRequests = 0;
  const bare = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url === '/token') {
        response.writeHead(tokenStatus, { 'content-type': 'application/json' });
        response.end(
          tokenStatus === 200
            ? JSON.stringify({ access_token: 'bare-token', expires_in: 300 })
            : JSON.stringify({ error: 'temporarily_unavailable' }),
        );
        return;
      }
      fhirRequests += 1;
      void answer(response, request);
    });
  });
  await new Promise<void>((done) => bare.listen(0, '127.0.0.1', done));
  const { port } = bare.address() as AddressInfo;
  const origin = `http://127.0.0.1:${String(port)}`;
  return {
    config: pushConfig(`${origin}/fhir`, `${origin}/token`),
    fhirRequests: () => fhirRequests,
    close: () =>
      new Promise<void>((done) => {
        bare.closeAllConnections();
        bare.close(() => {
          done();
        });
      }),
  };
}

/** A bare server whose FHIR answers (a carried-out transaction) wait until `release()`. */
async function heldServer() {
  let release = (): void => undefined;
  const held = new Promise<void>((done) => {
    release = done;
  });
  const bare = await bareServer(async (response) => {
    await held;
    response.writeHead(200, { 'content-type': 'application/fhir+json' });
    response.end(transactionResponse('201 Created'));
  });
  return {
    bare,
    release: () => {
      release();
    },
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 10) {
    if (check()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('until: timed out');
}

beforeEach(async () => {
  server = await startFhirServer({ clientId: CLIENT_ID, jwks: { keys: [] } });
});

afterEach(async () => {
  kiosk.dispose();
  await server.close();
});

/** A kiosk pushing to `config`, its key registered with the test server. */
async function kioskPushingTo(
  config: NonNullable<KioskConfig['fhirPush']>,
  more: Partial<KioskAppOptions> = {},
): Promise<void> {
  kiosk = openTestKiosk({ fhirPush: config, pushRetryDelaysMs: [10, 20], ...more });
  await kiosk.setUp();
  server.setJwks(await registeredKey());
}

async function registeredKey(): Promise<JSONWebKeySet> {
  await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
  const { jwks } = await kiosk.ok('push.key', {});
  await kiosk.ok('admin.lock', {});
  return jwks;
}

async function submit(fullName = NAME): Promise<string> {
  const { sessionId } = await kiosk.ok('session.start', { locale: 'en' });
  await walkSession(kiosk.app, kiosk.app.programmes.first, sessionId, fullName);
  return (await kiosk.ok('session.submit', { sessionId })).submissionId;
}

/** The push at submit is not awaited by the handler: wait for its recorded outcome. */
async function settled(submissionId: string): Promise<NonNullable<ReturnType<typeof pushState>>> {
  for (let waited = 0; waited < 30_000; waited += 25) {
    const row = pushState(submissionId);
    if (row !== undefined) {
      return row;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no push outcome for ${submissionId}`);
}

function pushState(submissionId: string) {
  return kiosk.app.gate.vault()?.pushState(submissionId);
}

function auditDetails(action: string): Record<string, unknown>[] {
  return (kiosk.app.gate.vault()?.auditRows() ?? [])
    .filter((row) => row.action === action)
    .map((row) => ({ actor: row.actor, ...(JSON.parse(row.details) as object) }));
}

async function pushRun(input: { includeRejected?: boolean } = {}) {
  await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
  try {
    return await kiosk.ok('push.run', input);
  } finally {
    await kiosk.ok('admin.lock', {});
  }
}

describe('push to a FHIR server', () => {
  it("puts a submitted record's resources on the server, references resolved, with no client data in any URL or id", async () => {
    await kioskPushingTo(pushConfig(server.baseUrl, server.tokenUrl));
    const started = performance.now();
    const submissionId = await submit();
    const row = await settled(submissionId);
    const ms = performance.now() - started;
    expect(row).toMatchObject({ state: 'pushed', attempts: 1, server: server.baseUrl });

    const counts = await server.counts();
    expect(counts).toMatchObject({
      Organization: 1,
      Patient: 1,
      DocumentReference: 1,
      Provenance: 1,
    });
    // The default pack: acknowledgements, comprehension, PHQ-9 and GAD-7; a total each.
    expect(counts.QuestionnaireResponse).toBe(4);
    expect(counts.Observation).toBe(2);

    const [patient] = await server.resources<{
      resourceType: 'Patient';
      id: string;
      name: { text: string }[];
    }>('Patient');
    expect(patient?.name[0]?.text).toBe(NAME);
    const patientRef = `Patient/${patient?.id ?? ''}`;
    const [document] = await server.resources<{
      resourceType: 'DocumentReference';
      id: string;
      subject: { reference: string };
      content: { attachment: { contentType: string; data: string } }[];
    }>('DocumentReference');
    expect(document?.subject.reference).toBe(patientRef);
    const pdf = Buffer.from(document?.content[0]?.attachment.data ?? '', 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [provenance] = await server.resources<{
      resourceType: 'Provenance';
      target: { reference: string }[];
      signature: {
        type: { code: string }[];
        who: { reference: string };
        sigFormat: string;
        data: string;
      }[];
    }>('Provenance');
    expect(provenance?.target[0]?.reference).toBe(`DocumentReference/${document?.id ?? ''}`);
    expect(provenance?.signature[0]).toMatchObject({
      type: [{ code: '1.2.840.10065.1.12.1.7' }],
      who: { reference: patientRef },
      sigFormat: 'image/png',
    });
    for (const response of await server.resources<{
      resourceType: 'QuestionnaireResponse';
      subject: { reference: string };
    }>('QuestionnaireResponse')) {
      expect(response.subject.reference).toBe(patientRef);
    }
    for (const observation of await server.resources<{
      resourceType: 'Observation';
      subject: { reference: string };
      derivedFrom: { reference: string }[];
    }>('Observation')) {
      expect(observation.subject.reference).toBe(patientRef);
      expect(observation.derivedFrom[0]?.reference).toMatch(/^QuestionnaireResponse\//);
    }

    // Nothing the client typed in any request line, fullUrl, identifier or conditional URL.
    expect(server.requests).toEqual(['POST /token', 'POST /fhir']);
    const words = NAME.split(' ');
    const seen = [
      ...server.requests,
      ...server.bundles.flatMap((bundle) =>
        (bundle.entry ?? []).flatMap((entry) => [
          entry.fullUrl ?? '',
          entry.request?.url ?? '',
          entry.request?.ifNoneExist ?? '',
          JSON.stringify((entry.resource as { identifier?: unknown }).identifier ?? ''),
        ]),
      ),
    ];
    for (const line of seen) {
      for (const word of words) {
        expect(line).not.toContain(word);
      }
    }
    expect(auditDetails('record_push')).toEqual([
      { actor: 'kiosk', submissionId, server: server.baseUrl, outcome: 'pushed' },
    ]);
    reportFigures('fhir push at submit', {
      'submit to pushed, ms': Math.round(ms),
      'bundle bytes': JSON.stringify(server.bundles[0]).length,
    });
  });

  it('answers the submit before the push draws its PDF', async () => {
    await kioskPushingTo(pushConfig(server.baseUrl, server.tokenUrl));
    order.length = 0;
    const { sessionId } = await kiosk.ok('session.start', { locale: 'en' });
    await walkSession(kiosk.app, kiosk.app.programmes.first, sessionId, NAME);
    const submitted = kiosk.ok('session.submit', { sessionId }).then((answer) => {
      order.push('submit answered');
      return answer;
    });
    const { submissionId } = await submitted;
    expect(await settled(submissionId)).toMatchObject({ state: 'pushed' });
    expect(order).toEqual(['submit answered', 'pdf drawn']);
  });

  it('leaves a record whose push at submit is still under way out of a staff run', async () => {
    const { bare, release } = await heldServer();
    try {
      await kioskPushingTo(bare.config);
      const submissionId = await submit();
      await until(() => bare.fhirRequests() === 1);
      await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
      const run = kiosk.ok('push.run', {});
      // The run must not send it again: give it time to, then let the first answer go.
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      expect(await run).toMatchObject({ tried: 0, pushed: 0 });
      await kiosk.ok('admin.lock', {});
      expect(await settled(submissionId)).toMatchObject({ state: 'pushed', attempts: 1 });
      expect(bare.fhirRequests()).toBe(1);
    } finally {
      release();
      await bare.close();
    }
  });

  it('does not count a 2xx that is not a transaction-response Bundle as pushed', async () => {
    const answers = [
      (response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html><body>Welcome to the proxy</body></html>');
      },
      (response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'application/fhir+json' });
        response.end(transactionResponse('201 Created', '400 Bad Request'));
      },
    ];
    let next = 0;
    const bare = await bareServer((response) => {
      answers[Math.min(next++, answers.length - 1)]?.(response);
    });
    try {
      await kioskPushingTo(bare.config, { pushRetryDelaysMs: [] });
      const submissionId = await submit();
      expect(await settled(submissionId)).toMatchObject({
        state: 'retry',
        httpStatus: 200,
        reason: 'unexpected answer',
      });
      expect(await pushRun()).toMatchObject({ tried: 1, pushed: 0, retry: 1 });
      expect(pushState(submissionId)).toMatchObject({
        state: 'retry',
        attempts: 2,
        reason: 'unexpected answer',
      });
    } finally {
      await bare.close();
    }
  });

  it('calls a token endpoint answering 503 a server error, not unauthorized', async () => {
    const bare = await bareServer((response) => {
      response.writeHead(200, { 'content-type': 'application/fhir+json' });
      response.end(transactionResponse('201 Created'));
    }, 503);
    try {
      await kioskPushingTo(bare.config, { pushRetryDelaysMs: [] });
      const submissionId = await submit();
      expect(await settled(submissionId)).toMatchObject({
        state: 'retry',
        httpStatus: 503,
        reason: 'server error',
      });
    } finally {
      await bare.close();
    }
  });

  it('stops a run at the first record the server is down for, the rest reported untried', async () => {
    await kioskPushingTo(DOWN);
    const first = await submit();
    const second = await submit('Another Client');
    expect((await settled(first)).state).toBe('retry');
    expect((await settled(second)).state).toBe('retry');
    const run = await pushRun();
    expect(run).toMatchObject({ tried: 1, pushed: 0, retry: 1, untried: 1 });
    expect(run.failures).toEqual([
      { submissionId: first, state: 'retry', httpStatus: null, reason: 'unreachable' },
    ]);
    // The first record was tried once and retried twice; the second not at all by the run.
    expect(pushState(first)).toMatchObject({ attempts: 4 });
    expect(pushState(second)).toMatchObject({ attempts: 1 });
    expect(auditDetails('push_run')).toMatchObject([{ tried: 1, retry: 1, untried: 1 }]);
  });

  it('audits a run the staff keys were wiped in the middle of, with its counts so far', async () => {
    await kioskPushingTo(DOWN);
    const first = await submit();
    const second = await submit('Another Client');
    expect((await settled(first)).state).toBe('retry');
    expect((await settled(second)).state).toBe('retry');
    const { bare, release } = await heldServer();
    try {
      kiosk.restart({ fhirPush: bare.config, pushRetryDelaysMs: [] });
      await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
      await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
      const run = kiosk.call('push.run', {});
      await until(() => bare.fhirRequests() === 1);
      await kiosk.ok('admin.lock', {});
      release();
      expect((await run).ok).toBe(false);
      expect(pushState(first)).toMatchObject({ state: 'pushed' });
      expect(auditDetails('push_run')).toMatchObject([
        { tried: 1, pushed: 1, untried: 1, aborted: true },
      ]);
    } finally {
      release();
      await bare.close();
    }
  });

  it('sends the Consent of a step the pack marks, its patient and source resolved on the server', async () => {
    await kioskPushingTo(pushConfig(server.baseUrl, server.tokenUrl), {
      contentDir: FIXTURE_CONTENT_DIR,
      packId: BILINGUAL_PACK_ID,
    });
    const submissionId = await submit();
    expect(await settled(submissionId)).toMatchObject({ state: 'pushed' });
    const consents = await server.resources<{
      resourceType: 'Consent';
      patient: { reference: string };
      sourceReference: { reference: string };
    }>('Consent');
    expect(consents.length).toBeGreaterThan(0);
    const [patient] = await server.resources<{ resourceType: 'Patient'; id: string }>('Patient');
    const [document] = await server.resources<{ resourceType: 'DocumentReference'; id: string }>(
      'DocumentReference',
    );
    for (const consent of consents) {
      expect(consent.patient.reference).toBe(`Patient/${patient?.id ?? ''}`);
      expect(consent.sourceReference.reference).toBe(`DocumentReference/${document?.id ?? ''}`);
    }
  });

  it('creates nothing new when the same record is sent again (the answer was lost)', async () => {
    await kioskPushingTo(pushConfig(server.baseUrl, server.tokenUrl));
    // The transaction is carried out, but the kiosk hears 503: it must send it again.
    server.loseAnswers(1);
    const submissionId = await submit();
    expect(await settled(submissionId)).toMatchObject({
      state: 'retry',
      httpStatus: 503,
      reason: 'server error',
    });
    const before = await server.counts();
    expect(before.Patient).toBe(1);

    const run = await pushRun();
    expect(run).toMatchObject({ tried: 1, pushed: 1, retry: 0, rejected: 0 });
    expect(pushState(submissionId)).toMatchObject({ state: 'pushed', attempts: 2 });
    expect(server.bundles).toHaveLength(2);
    expect(await server.counts()).toEqual(before);
  });

  it('leaves a record waiting when the server is down at submit, and `kiosk push` sends it later', async () => {
    await kioskPushingTo(DOWN);
    const submissionId = await submit();
    expect(await settled(submissionId)).toMatchObject({
      state: 'retry',
      httpStatus: null,
      reason: 'unreachable',
    });
    expect(kiosk.app.gate.vault()?.pushCounts()).toEqual({ notPushed: 1, rejected: 0, pushed: 0 });

    kiosk.restart({
      fhirPush: pushConfig(server.baseUrl, server.tokenUrl),
      pushRetryDelaysMs: [10],
    });
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
    const run = await pushRun();
    expect(run).toMatchObject({ server: server.baseUrl, tried: 1, pushed: 1, failures: [] });
    expect(kiosk.app.gate.vault()?.pushCounts()).toEqual({ notPushed: 0, rejected: 0, pushed: 1 });
    expect((await server.counts()).Patient).toBe(1);
    expect(auditDetails('push_run')).toMatchObject([
      { server: server.baseUrl, tried: 1, pushed: 1, retry: 0, rejected: 0 },
    ]);
  });

  it("pushes the waiting records from a real `npm run kiosk -- push` process, pointed at a copy of the kiosk's resources", async () => {
    await kioskPushingTo(DOWN);
    const submissionId = await submit();
    expect((await settled(submissionId)).state).toBe('retry');
    kiosk.app.close();
    // A staff machine's copy of the kiosk's resources, its kiosk.json naming the server.
    const resources = mkdtempSync(join(tmpdir(), 'kiosk-push-resources-'));
    try {
      cpSync(join(ROOT, 'resources'), resources, { recursive: true });
      const config = JSON.parse(readFileSync(join(resources, 'kiosk.json'), 'utf8')) as object;
      writeFileSync(
        join(resources, 'kiosk.json'),
        JSON.stringify({ ...config, fhirPush: pushConfig(server.baseUrl, server.tokenUrl) }),
      );
      const args = ['push', '--data-dir', kiosk.dataDir, '--resources-dir', resources];
      const first = await kioskCli(args);
      expect(first.stdout).toContain(`push: 1 of 1 records pushed to ${server.baseUrl}`);
      expect(first.code).toBe(0);
      expect((await server.counts()).Patient).toBe(1);
      const again = await kioskCli(args);
      expect(again.stdout).toContain('push: 0 of 0 records pushed');
      expect(again.code).toBe(0);
      expect((await server.counts()).Patient).toBe(1);
    } finally {
      rmSync(resources, { recursive: true, force: true });
    }
  }, 120_000);

  it("marks a record the server refuses as rejected, with the server's message for staff, and never retries it by itself", async () => {
    await kioskPushingTo(pushConfig(server.baseUrl, server.tokenUrl));
    server.refuse((bundle) =>
      bundle.entry?.some((entry) => entry.resource?.resourceType === 'Provenance')
        ? outcome('invalid', 'Provenance is not accepted by this server profile')
        : undefined,
    );
    const submissionId = await submit();
    expect(await settled(submissionId)).toMatchObject({
      state: 'rejected',
      httpStatus: 400,
      reason: 'refused by the server',
    });
    // The server's words are sealed: the kiosk cannot read them without a staff secret.
    const row = pushState(submissionId);
    expect(Buffer.from(row?.detailSealed ?? []).toString('latin1')).not.toContain('Provenance');

    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const status = await kiosk.ok('push.status', {});
    expect(status).toMatchObject({ server: server.baseUrl, notPushed: 1, rejected: 1, pushed: 0 });
    expect(status.failures).toEqual([
      expect.objectContaining({
        submissionId,
        state: 'rejected',
        httpStatus: 400,
        serverMessage: 'error invalid: Provenance is not accepted by this server profile',
      }),
    ]);
    // Opening the sealed message is on the record, by id.
    expect(auditDetails('push_failures_read')).toMatchObject([{ submissionIds: [submissionId] }]);
    // A plain run leaves it alone; once the server is fixed, --rejected sends it.
    expect(await kiosk.ok('push.run', {})).toMatchObject({ tried: 0 });
    server.refuse(null);
    expect(await kiosk.ok('push.run', { includeRejected: true })).toMatchObject({
      tried: 1,
      pushed: 1,
    });
    expect(server.bundles).toHaveLength(2);
  });

  it('handles a key the server does not know (401), audited, and a token the server revoked', async () => {
    await kioskPushingTo(pushConfig(server.baseUrl, server.tokenUrl));
    // Registered: some other key, not the kiosk's.
    const other = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({
      format: 'jwk',
    });
    server.setJwks({ keys: [{ ...other, kid: 'someone-else', alg: 'ES384' }] });
    const first = await submit();
    expect(await settled(first)).toMatchObject({
      state: 'retry',
      httpStatus: 401,
      reason: 'unauthorized',
    });
    expect(server.assertionsRefused.length).toBeGreaterThan(0);
    expect(auditDetails('record_push')).toEqual([
      {
        actor: 'kiosk',
        submissionId: first,
        server: server.baseUrl,
        outcome: 'retry',
        httpStatus: 401,
        reason: 'unauthorized',
      },
    ]);
    expect(await server.counts()).toMatchObject({ Patient: 0 });

    // The clinic registers the kiosk's key: the next run sends it.
    server.setJwks(await registeredKey());
    expect(await pushRun()).toMatchObject({ tried: 1, pushed: 1 });
    const issued = server.tokensIssued;

    // The server forgets its tokens: a 401 on the FHIR call, one fresh token, pushed.
    server.revokeTokens();
    const second = await submit('Another Client');
    expect(await settled(second)).toMatchObject({ state: 'pushed', attempts: 1 });
    expect(server.tokensIssued).toBe(issued + 1);
  });

  it('rotates the key: a new kid, audited, and the old key no longer gets a token', async () => {
    await kioskPushingTo(pushConfig(server.baseUrl, server.tokenUrl));
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const before = await kiosk.ok('push.key', {});
    const after = await kiosk.ok('push.key', { rotate: true });
    await kiosk.ok('admin.lock', {});
    expect(after.kid).not.toBe(before.kid);
    expect(JSON.stringify(after.jwks)).not.toContain('"d"');
    expect(auditDetails('push_key_rotated')).toMatchObject([
      { oldKid: before.kid, newKid: after.kid },
    ]);
    // The server still has only the old key registered.
    const submissionId = await submit();
    expect(await settled(submissionId)).toMatchObject({ state: 'retry', reason: 'unauthorized' });
  });
});
