import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from './cli/seed-demo';
import { CHANNEL_NAMES, type ChannelName, type Result } from './contract';
import type { SubmissionPayload } from './consent';
import { openKioskApp, type KioskApp } from './kiosk-app';

const PASSPHRASE = 'correct horse battery staple';
const FAST_KDF = { N: 2 ** 14, r: 8, p: 1 };
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const UUID = '3f1c9a52-6a0e-4b43-9d0c-1b2f3a4c5d6e';

let dataDir: string;
let app: KioskApp;

async function call<T>(channel: string, input: unknown): Promise<Result<T>> {
  return (await app.invoke(channel, input)) as Result<T>;
}

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const result = await call<T>(channel, input);
  if (!result.ok) {
    throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  }
  return result.value;
}

function step<K extends string>(kind: K): { id: string; kind: K } & Record<string, unknown> {
  const found = app.pack.steps.find((candidate) => candidate.kind === kind);
  if (!found) {
    throw new Error(`the default pack has no ${kind} step`);
  }
  return found as unknown as { id: string; kind: K } & Record<string, unknown>;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-api-'));
  app = openKioskApp({ dataDir, kdf: FAST_KDF, thankYouMs: 1234 });
});

afterEach(() => {
  app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('before the vault exists', () => {
  it('says setup is needed and refuses to start a session', async () => {
    const info = await ok<{ vault: string; thankYouMs: number }>('kiosk.info', {});
    expect(info.vault).toBe('needs-setup');
    expect(info.thankYouMs).toBe(1234);
    const start = await call('session.start', { locale: 'en' });
    expect(start).toMatchObject({ ok: false, error: { code: 'VAULT_UNAVAILABLE' } });
  });

  it('checks the new passphrase, then creates the vault', async () => {
    expect(await call('setup.create', { passphrase: 'short', confirm: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { passphrase: 'too_short' } },
    });
    expect(
      await call('setup.create', { passphrase: PASSPHRASE, confirm: `${PASSPHRASE}!` }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: { confirm: 'mismatch' } },
    });
    expect((await ok<{ vault: string }>('kiosk.info', {})).vault).toBe('needs-setup');
    await ok('setup.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    expect((await ok<{ vault: string }>('kiosk.info', {})).vault).toBe('ready');
    expect(
      await call('setup.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VAULT_EXISTS' },
    });
  });

  it('refuses a wrong passphrase on unlock and stays locked', async () => {
    await ok('setup.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
    app.close();
    app = openKioskApp({ dataDir, kdf: FAST_KDF });
    expect((await ok<{ vault: string }>('kiosk.info', {})).vault).toBe('needs-unlock');
    expect(await call('setup.unlock', { passphrase: 'not the passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE' },
    });
    expect((await ok<{ vault: string }>('kiosk.info', {})).vault).toBe('needs-unlock');
    await ok('setup.unlock', { passphrase: PASSPHRASE });
    expect((await ok<{ vault: string }>('kiosk.info', {})).vault).toBe('ready');
  });
});

describe('with an open vault', () => {
  beforeEach(async () => {
    await ok('setup.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  });

  async function start(): Promise<string> {
    return (await ok<{ sessionId: string }>('session.start', { locale: 'en' })).sessionId;
  }

  async function submissions(): Promise<number> {
    return (await ok<{ submissions: number }>('kiosk.status', {})).submissions;
  }

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    expect(await call('session.delete', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await call('toString', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  const malformed: Record<ChannelName, unknown[]> = {
    'kiosk.info': [null, 'x', { extra: 1 }],
    'kiosk.status': [null, [], { extra: 1 }],
    'setup.create': [
      {},
      { passphrase: 1, confirm: 1 },
      { passphrase: 'a'.repeat(2000), confirm: 'a' },
    ],
    'setup.unlock': [{}, { passphrase: null }, { passphrase: 'x', extra: true }],
    'session.start': [{}, { locale: 'english' }, { locale: '../../etc' }, { locale: 'en', x: 1 }],
    'session.enterStep': [
      { sessionId: 'nope', stepId: 'a' },
      { sessionId: UUID, stepId: 'Bad Id' },
      { sessionId: UUID },
    ],
    'session.answerCheck': [
      { sessionId: UUID, stepId: 'a' },
      { sessionId: UUID, stepId: 'a', optionId: 7 },
    ],
    'session.acknowledge': [
      { sessionId: UUID, stepId: 'a', statementIds: 'all' },
      { sessionId: UUID, stepId: 'a', statementIds: Array.from({ length: 101 }, () => 'a') },
    ],
    'session.setIdentity': [
      { sessionId: UUID, fullName: 'A' },
      { sessionId: UUID, fullName: 'A'.repeat(1001), dateOfBirth: '1990-01-01' },
    ],
    'session.setSignature': [
      { sessionId: UUID, imageDataUrl: PNG, inkLength: -1, typedName: 'A' },
      { sessionId: UUID, imageDataUrl: PNG, inkLength: Number.NaN, typedName: 'A' },
      { sessionId: UUID, imageDataUrl: 'x'.repeat(600_000), inkLength: 500, typedName: 'A' },
    ],
    'session.submit': [{}, { sessionId: 42 }],
    'session.discard': [{}, { sessionId: 'x' }],
  };

  it('covers every channel of the contract with malformed inputs', () => {
    expect(Object.keys(malformed).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it.each(
    Object.entries(malformed).flatMap(([channel, inputs]) =>
      inputs.map((input) => [channel, input] as const),
    ),
  )('%s rejects %j with INVALID_INPUT and changes nothing', async (channel, input) => {
    const sessionId = await start();
    await ok('session.enterStep', { sessionId, stepId: app.pack.steps[0]?.id });
    const before = await submissions();
    const result = await call(channel, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await submissions()).toBe(before);
    // The live session is untouched: it still answers.
    expect(
      await call('session.enterStep', { sessionId, stepId: app.pack.steps[0]?.id }),
    ).toMatchObject({ ok: true });
  });

  it('refuses an unknown step, a wrong-kind step and an unknown session by name', async () => {
    const sessionId = await start();
    expect(await call('session.enterStep', { sessionId, stepId: 'no-such-step' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_STEP' },
    });
    expect(
      await call('session.answerCheck', { sessionId, stepId: step('page').id, optionId: 'a' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_STEP' },
    });
    expect(
      await call('session.enterStep', { sessionId: UUID, stepId: step('page').id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
  });

  it('sends the pack without the right answers', async () => {
    const { pack } = await ok<{ pack: unknown }>('session.start', { locale: 'en' });
    const text = JSON.stringify(pack);
    expect(text).not.toContain('correctOptionId');
    expect(text).not.toContain('feedback');
  });

  it('corrects a wrong answer, pointing at the page that explains it, and records every attempt', async () => {
    const sessionId = await start();
    const check = step('check') as unknown as {
      id: string;
      correctOptionId: string;
      refersTo: string;
      options: { id: string }[];
    };
    const wrong = check.options.find((option) => option.id !== check.correctOptionId);
    expect(wrong).toBeDefined();
    const outcome = await ok<{
      correct: boolean;
      feedback?: string;
      refersTo?: { stepId: string };
      attempts: number;
    }>('session.answerCheck', { sessionId, stepId: check.id, optionId: wrong?.id });
    expect(outcome.correct).toBe(false);
    expect(outcome.feedback?.length).toBeGreaterThan(10);
    expect(outcome.refersTo?.stepId).toBe(check.refersTo);
    const right = await ok<{ correct: boolean; attempts: number }>('session.answerCheck', {
      sessionId,
      stepId: check.id,
      optionId: check.correctOptionId,
    });
    expect(right).toEqual({ correct: true, attempts: 2 });
  });

  it('keeps Continue closed until every statement is confirmed', async () => {
    const sessionId = await start();
    const ack = step('acknowledge') as unknown as { id: string; statements: { id: string }[] };
    const ids = ack.statements.map((statement) => statement.id);
    const partial = await ok<{ complete: boolean }>('session.acknowledge', {
      sessionId,
      stepId: ack.id,
      statementIds: ids.slice(1),
    });
    expect(partial.complete).toBe(false);
    expect(
      await call('session.acknowledge', {
        sessionId,
        stepId: ack.id,
        statementIds: ['not-a-statement'],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      (
        await ok<{ complete: boolean }>('session.acknowledge', {
          sessionId,
          stepId: ack.id,
          statementIds: ids,
        })
      ).complete,
    ).toBe(true);
  });

  it('returns a message per identity field, and refuses a signature before the name', async () => {
    const sessionId = await start();
    expect(
      await call('session.setSignature', {
        sessionId,
        imageDataUrl: PNG,
        inkLength: 500,
        typedName: 'Ada',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'STEP_NOT_READY' },
    });
    expect(
      await call('session.setIdentity', { sessionId, fullName: '', dateOfBirth: '2001-02-30' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        fields: { fullName: 'required', dateOfBirth: 'invalid_date' },
      },
    });
  });

  it('never stores an unfinished session, and names what is missing', async () => {
    const sessionId = await start();
    const result = await call('session.submit', { sessionId });
    expect(result).toMatchObject({ ok: false, error: { code: 'SESSION_INCOMPLETE' } });
    const missing = result.ok ? [] : (result.error.missing ?? []);
    expect(missing).toContain(step('identity').id);
    expect(missing).toContain(step('signature').id);
    expect(await submissions()).toBe(0);
  });

  it('stores a finished walk with all its evidence, then forgets the session', async () => {
    const [id] = await seedDemo(app, 1);
    const rows = app.gate.vault()?.listSubmissions() ?? [];
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row?.id).toBe(id);
    const payload = JSON.parse(row?.payload ?? '{}') as SubmissionPayload;
    expect(payload.pack).toEqual({
      id: app.pack.id,
      version: app.pack.version,
      hash: app.pack.hash,
    });
    expect(row?.packHash).toBe(app.pack.hash);
    expect(payload.kioskId).toBe(row?.kioskId);
    expect(payload.locale).toBe('en');
    expect(payload.identity).toEqual({ fullName: 'Fake Demo-Client A', dateOfBirth: '1900-01-01' });
    expect(payload.signature.pngBase64.length).toBeGreaterThan(20);
    expect(payload.steps.map((timing) => timing.stepId)).toEqual(app.pack.steps.map((s) => s.id));
    expect(payload.steps.every((timing) => timing.visits === 1 && timing.msOnScreen >= 0)).toBe(
      true,
    );
    const ackCount = app.pack.steps.reduce(
      (n, s) => n + (s.kind === 'acknowledge' ? s.statements.length : 0),
      0,
    );
    expect(payload.acknowledgements).toHaveLength(ackCount);
    expect(
      payload.acknowledgements.every(
        (a) => /^[0-9a-f]{64}$/.test(a.textSha256) && a.confirmedAt !== '',
      ),
    ).toBe(true);
    expect(payload.checks.length).toBe(app.pack.steps.filter((s) => s.kind === 'check').length);
    expect(Date.parse(payload.submittedAt)).toBeGreaterThanOrEqual(Date.parse(payload.startedAt));
    expect(await submissions()).toBe(1);
  });

  it('leaves no plaintext of a client anywhere in the data folder, open or closed', async () => {
    await seedDemo(app, 3);
    const needles = ['Fake Demo-Client', '1900-01-01'].flatMap((text) => [
      Buffer.from(text, 'utf8'),
      Buffer.from(text, 'utf16le'),
    ]);
    const leaks = (): string[] =>
      readdirSync(dataDir).filter((file) => {
        const bytes = readFileSync(join(dataDir, file));
        return needles.some((needle) => bytes.includes(needle));
      });
    expect(readdirSync(dataDir)).toContain('kiosk.db');
    expect(leaks()).toEqual([]);
    app.close();
    expect(leaks()).toEqual([]);
    app = openKioskApp({ dataDir, kdf: FAST_KDF });
  });

  it('discards the previous client when a new session starts', async () => {
    const first = await start();
    await ok('session.setIdentity', {
      sessionId: first,
      fullName: 'Ada Lovelace',
      dateOfBirth: '1990-01-01',
    });
    await start();
    expect(
      await call('session.enterStep', { sessionId: first, stepId: step('page').id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
  });

  it('discards a session on request', async () => {
    const sessionId = await start();
    expect(await ok('session.discard', { sessionId })).toEqual({ discarded: true });
    expect(await call('session.submit', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
  });
});
