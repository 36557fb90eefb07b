import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invalidInputMessage } from './input-error';
import {
  openTestKiosk,
  PASSPHRASE,
  PNG,
  UUID,
  type TestKiosk,
} from '../../test/support/kiosk-fixture';
import { CHANNEL_NAMES, type ChannelName } from '../contract';

let kiosk: TestKiosk;

beforeEach(async () => {
  kiosk = openTestKiosk();
  await kiosk.setUp();
});

afterEach(() => {
  kiosk.dispose();
});

async function submissions(): Promise<number> {
  return (await kiosk.ok('app.status', {})).submissions;
}

describe('the API table', () => {
  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    expect(await kiosk.app.dispatch('session.delete', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await kiosk.app.dispatch('toString', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  const malformed: Record<ChannelName, unknown[]> = {
    'app.info': [null, 'x', { extra: 1 }],
    'app.status': [null, [], { extra: 1 }],
    'push.run': [{ limit: 0 }, { includeRejected: 'yes' }, { extra: 1 }],
    'push.status': [null, { all: true }],
    'push.key': [{ rotate: 'yes' }, { kid: 'x' }],
    'vault.create': [
      {},
      { name: 'A', passphrase: 1, confirm: 1 },
      { name: 'A', passphrase: 'a'.repeat(2000), confirm: 'a' },
    ],
    'vault.open': [{}, { passphrase: null }, { passphrase: 'x', extra: true }, { recoveryKey: 7 }],
    'admin.unlock': [
      {},
      { passphrase: PASSPHRASE, recoveryKey: 'x' },
      { recoveryKey: 'x'.repeat(201) },
    ],
    'admin.lock': [null, { now: true }],
    'admin.status': ['', { x: 1 }],
    'admin.listStaff': [[], { all: true }],
    'admin.addStaff': [
      { name: 'A' },
      { name: 'A', passphrase: PASSPHRASE, confirm: PASSPHRASE, role: 'admin' },
    ],
    'admin.removeStaff': [{}, { staffId: 'jane' }],
    'admin.changePassphrase': [
      { passphrase: PASSPHRASE, confirm: PASSPHRASE },
      { current: 1, passphrase: 'x', confirm: 'x' },
    ],
    'admin.auditLog': [null, { action: 'DROP TABLE' }, { from: 'today' }, { actor: '' }],
    'admin.exportAuditLog': [[], { to: '2026-13-01' }, { action: 7 }],
    'submissions.list': [null, { from: '2026-02-30' }, { query: 7 }, { to: 'yesterday' }],
    'submissions.get': [{}, { submissionId: 'x' }],
    'submissions.progress': [null, {}, { submissionId: 'x' }, { submissionId: UUID, extra: 1 }],
    'export.run': [
      { format: 'xlsx' },
      { format: 'csv', submissionIds: ['x'] },
      { format: 'csv', from: '01/02/2026' },
    ],
    'frontdesk.access': [null, { pin: '1' }],
    'frontdesk.unlock': [{}, { pin: 482193 }, { pin: '1'.repeat(65) }],
    'frontdesk.lock': [[], { all: 1 }],
    'frontdesk.health': [null, { verbose: true }],
    'frontdesk.alerts': [null, { all: true }],
    'frontdesk.acknowledgeAlert': [{}, { alertId: 'not-a-uuid' }, { alertId: UUID, by: 'me' }],
    'frontdesk.pause': ['', { minutes: 5 }],
    'frontdesk.resume': [0, { now: true }],
    'frontdesk.exit': [null, { force: true }],
    'admin.setPin': [{ pin: '482193' }, { pin: 482193, confirm: 482193 }],
    'admin.enablePin': [null, { pin: '1' }],
    'admin.settings': [null, { all: true }],
    'admin.updateSettings': [
      {},
      { retentionDays: 0 },
      { retentionDays: 1.5 },
      { retentionDays: '30' },
    ],
    'admin.purge': [null, { olderThan: 3 }],
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
    'session.answerQuestionnaire': [
      { sessionId: UUID, stepId: 'a' },
      { sessionId: UUID, stepId: 'a', answers: { 'item-1': 3 } },
      { sessionId: UUID, stepId: 'a', answers: { 'Not An Id': 'yes' } },
      { sessionId: UUID, stepId: 'a', answers: { 'item-1': 'x'.repeat(2001) } },
      {
        sessionId: UUID,
        stepId: 'a',
        answers: Object.fromEntries(
          Array.from({ length: 101 }, (_, i) => [`item-${String(i)}`, true]),
        ),
      },
      { sessionId: UUID, stepId: 'a', answers: {}, answeredIn: { 'item-1': 'spanish' } },
    ],
    'session.videoProgress': [
      { sessionId: UUID, stepId: 'a', played: [], durationSeconds: null },
      { sessionId: UUID, stepId: 'a', played: [[0, -1]], durationSeconds: null, ended: false },
      { sessionId: UUID, stepId: 'a', played: [[0, 1, 2]], durationSeconds: 3, ended: true },
      { sessionId: UUID, stepId: 'a', played: [], durationSeconds: 0, ended: false },
      { sessionId: UUID, stepId: 'a', played: [[0, 1e9]], durationSeconds: null, ended: false },
      {
        sessionId: UUID,
        stepId: 'a',
        played: Array.from({ length: 201 }, () => [0, 1]),
        durationSeconds: null,
        ended: false,
      },
    ],
    'session.setIdentity': [
      { sessionId: UUID, fullName: 'A' },
      { sessionId: UUID, fullName: 'A'.repeat(1001), dateOfBirth: '1990-01-01' },
    ],
    'session.setSignature': [
      { sessionId: UUID, imageDataUrl: PNG, inkLength: -1, typedName: 'A' },
      { sessionId: UUID, imageDataUrl: PNG, inkLength: Number.NaN, typedName: 'A' },
      { sessionId: UUID, imageDataUrl: 'x'.repeat(600_000), inkLength: 500, typedName: 'A' },
      { sessionId: UUID, imageDataUrl: PNG, inkLength: 500, typedName: 'A', disclosureAccepted: 1 },
    ],
    'session.setLocale': [
      { sessionId: UUID },
      { sessionId: UUID, locale: 'Español' },
      { sessionId: 'x', locale: 'es' },
      { sessionId: UUID, locale: 'es', stepId: 'a' },
    ],
    'session.submit': [{}, { sessionId: 42 }],
    'session.discard': [{}, { sessionId: 'x' }],
    'session.printCopy': [{}, { sessionId: 'x' }, { sessionId: UUID, copies: 5 }],
    'submissions.printCopy': [{}, { submissionId: 'x' }, { submissionId: UUID, printer: 'p' }],
  };

  it('covers every channel of the contract with malformed inputs', () => {
    expect(Object.keys(malformed).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it.each(
    Object.entries(malformed).flatMap(([channel, inputs]) =>
      inputs.map((input) => [channel, input] as const),
    ),
  )('%s rejects %j with INVALID_INPUT and changes nothing', async (channel, input) => {
    const { sessionId } = await kiosk.ok('session.start', { locale: 'en' });
    const firstStep = kiosk.app.programmes.first.steps[0]?.id ?? '';
    await kiosk.ok('session.enterStep', { sessionId, stepId: firstStep });
    const before = await submissions();
    const result = await kiosk.app.dispatch(channel, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await submissions()).toBe(before);
    // The live session is untouched: it still answers.
    expect(await kiosk.call('session.enterStep', { sessionId, stepId: firstStep })).toMatchObject({
      ok: true,
    });
  });
});

describe('a refused input', () => {
  it('gets a short message naming a few unknown keys and counting the rest, however many', async () => {
    const input: Record<string, unknown> = { locale: 'en' };
    for (let key = 0; key < 80_000; key += 1) {
      input[`extra${String(key)}`] = key;
    }
    const result = await kiosk.app.dispatch('session.start', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toBe(
      'Invalid input for session.start: input: unknown keys "extra0", "extra1", "extra2", "extra3", "extra4" and 79995 more',
    );
    expect(JSON.stringify(result).length).toBeLessThan(1024);
  });

  it('cuts a long key or path and counts problems past the fifth', async () => {
    const long = 'k'.repeat(5000);
    const one = await kiosk.app.dispatch('session.start', { locale: 'en', [long]: 1 });
    expect(one.ok ? '' : one.error.message).toBe(
      `Invalid input for session.start: input: unknown key "${'k'.repeat(60)}…"`,
    );
    const seven = z
      .object(
        Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => [name, z.string()])),
      )
      .safeParse({});
    expect(invalidInputMessage('x.y', seven.error?.issues ?? [])).toBe(
      'Invalid input for x.y: a: Invalid input: expected string, received undefined; ' +
        'b: Invalid input: expected string, received undefined; ' +
        'c: Invalid input: expected string, received undefined; ' +
        'd: Invalid input: expected string, received undefined; ' +
        'e: Invalid input: expected string, received undefined; and 2 more problems',
    );
  });
});

describe('a range of days', () => {
  it('refuses a year the records cannot have, by name, and takes the widest one it allows', async () => {
    await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    for (const [channel, input] of [
      ['submissions.list', { from: '0050-01-01' }],
      ['submissions.list', { to: '9999-12-31' }],
      ['submissions.list', { from: '1899-12-31' }],
      ['export.run', { format: 'csv', from: '0000-01-01' }],
      ['admin.auditLog', { to: '3000-01-01' }],
    ] as const) {
      const result = await kiosk.app.dispatch(channel, input);
      expect(result, `${channel} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(result.ok ? '' : result.error.message).toMatch(
        /must be a day from 1900-01-01 to 2999-12-31/,
      );
    }
    expect(
      await kiosk.call('submissions.list', { from: '1900-01-01', to: '2999-12-31' }),
    ).toMatchObject({ ok: true });
  });
});
