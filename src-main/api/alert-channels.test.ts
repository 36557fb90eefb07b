import { startLoopbackWebhook, type LoopbackWebhook } from '../../test/support/loopback-webhook';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from '../../test/support/kiosk-fixture';
import type { AlertRow } from '../vault';

const PIN = '482193';
const CLIENT = 'Wilhelmina Quarrington';
let kiosk: TestKiosk;

/** PHQ-9 with item 9 at "Several days": the default pack's rule raises `clinician-now`. */
function phq9(item9: string): Record<string, string> {
  const answers: Record<string, string> = {};
  for (let item = 1; item <= 8; item += 1) {
    answers[`phq9-${String(item)}`] = 'not-at-all';
  }
  answers['phq9-9'] = item9;
  return answers;
}

async function start(): Promise<string> {
  return (await kiosk.ok('session.start', { locale: 'en' })).sessionId;
}

async function answerPhq9(sessionId: string, item9 = 'several-days') {
  return kiosk.ok('session.answerQuestionnaire', {
    sessionId,
    stepId: 'phq-9',
    answers: phq9(item9),
  });
}

async function frontDesk(): Promise<void> {
  await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
  await kiosk.ok('admin.setPin', { pin: PIN, confirm: PIN });
  await kiosk.ok('admin.lock', {});
  await kiosk.ok('frontdesk.unlock', { pin: PIN });
}

/** Every column of every open alert, as stored. */
function openAlertRows(): AlertRow[] {
  return kiosk.app.gate.vault()?.openAlerts() ?? [];
}

function auditRows(action: string): Record<string, unknown>[] {
  return (kiosk.app.gate.vault()?.auditRows() ?? [])
    .filter((row) => row.action === action)
    .map((row) => ({ actor: row.actor, ...(JSON.parse(row.details) as object) }));
}

beforeEach(async () => {
  kiosk = openTestKiosk({ pinDelayBaseMs: 0 });
  await kiosk.setUp();
});

afterEach(() => {
  kiosk.dispose();
});

describe('raising an alert', () => {
  it('says the support screen again in Spanish when the client switches language on it', async () => {
    const sessionId = await start();
    const outcome = await kiosk.ok('session.answerQuestionnaire', {
      sessionId,
      stepId: 'phq-9',
      answers: phq9('several-days'),
    });
    expect(outcome.support?.title).toBe('Thank you for telling us');
    const spanish = await kiosk.ok('session.setLocale', { sessionId, locale: 'es' });
    expect(spanish.support['phq-9']?.title).toBe('Gracias por decírnoslo');
    expect(spanish.support['phq-9']?.body).toContain('988');
    // A calm questionnaire after the switch has no support screen to say again.
    expect(Object.keys(spanish.support)).toEqual(['phq-9']);
  });

  it('raises one when the questionnaire is answered, before any submit, audited as the kiosk', async () => {
    const sessionId = await start();
    expect(openAlertRows()).toHaveLength(0);
    const outcome = await kiosk.ok('session.answerQuestionnaire', {
      sessionId,
      stepId: 'phq-9',
      answers: phq9('several-days'),
    });
    expect(outcome.support).toBeDefined();
    const [row, ...more] = openAlertRows();
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      kind: 'clinician-now',
      ruleId: 'phq9-item9-any',
      kioskId: kiosk.app.gate.vault()?.kioskId,
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    expect(auditRows('alert_raised')).toEqual([
      { actor: 'kiosk', alertId: row?.id, kind: 'clinician-now', ruleId: 'phq9-item9-any' },
    ]);
    // Nothing was submitted: the alert stands on its own.
    expect((await kiosk.ok('app.status', {})).submissions).toBe(0);
  });

  it('still shows the support screen on a full disk, and raises the alert at the next answer', async () => {
    const vault = kiosk.app.gate.vault();
    if (!vault) {
      throw new Error('the test kiosk has no open vault');
    }
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const insert = vi.spyOn(vault, 'insertAlert').mockImplementationOnce(() => {
      throw full;
    });
    const sessionId = await start();
    const outcome = await answerPhq9(sessionId);
    expect(outcome.support?.title).toBe('Thank you for telling us');
    expect(openAlertRows()).toHaveLength(0);
    await answerPhq9(sessionId);
    expect(insert).toHaveBeenCalledTimes(2);
    expect(openAlertRows()).toHaveLength(1);
  });

  it('raises none when no rule fires', async () => {
    await answerPhq9(await start(), 'not-at-all');
    expect(openAlertRows()).toHaveLength(0);
    expect(auditRows('alert_raised')).toHaveLength(0);
  });

  it('raises one per session and rule, however often the questionnaire is answered', async () => {
    const sessionId = await start();
    await answerPhq9(sessionId);
    await answerPhq9(sessionId, 'nearly-every-day');
    await answerPhq9(sessionId, 'not-at-all');
    await answerPhq9(sessionId);
    expect(openAlertRows()).toHaveLength(1);
    // The next client is a new session: their answer raises their own alert.
    await answerPhq9(await start());
    expect(openAlertRows()).toHaveLength(2);
  });

  it('outlives a client who walks away and a restart of the kiosk', async () => {
    const sessionId = await start();
    await answerPhq9(sessionId);
    await kiosk.ok('session.discard', { sessionId });
    kiosk.app.clearSessions();
    const before = openAlertRows();
    kiosk.restart();
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
    expect(openAlertRows()).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it('stores nothing of the client: not their name, answers or score', async () => {
    const sessionId = await start();
    await kiosk.ok('session.setIdentity', {
      sessionId,
      fullName: CLIENT,
      dateOfBirth: '1980-02-03',
    });
    await answerPhq9(sessionId);
    const rows = openAlertRows();
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(CLIENT);
    expect(stored).not.toContain('Quarrington');
    expect(stored).not.toContain('1980-02-03');
    expect(stored).not.toContain('several-days');
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual([
      'acknowledgedAt',
      'acknowledgedBy',
      'deliveredAt',
      'deliveryAttempts',
      'id',
      'kind',
      'kioskId',
      'lastError',
      'raisedAt',
      'ruleId',
    ]);
    expect(JSON.stringify(kiosk.app.gate.vault()?.auditRows())).not.toContain('Quarrington');
  });
});

describe('the front desk and alerts', () => {
  it('lists and acknowledges alerts only with the PIN or an administrator, audited with who', async () => {
    await answerPhq9(await start());
    expect(await kiosk.call('frontdesk.alerts', {})).toMatchObject({
      ok: false,
      error: { code: 'FRONT_DESK_LOCKED' },
    });
    const alertId = openAlertRows()[0]?.id ?? '';
    expect(await kiosk.call('frontdesk.acknowledgeAlert', { alertId })).toMatchObject({
      ok: false,
      error: { code: 'FRONT_DESK_LOCKED' },
    });

    await frontDesk();
    const open = await kiosk.ok('frontdesk.alerts', {});
    expect(open).toEqual([
      {
        alertId,
        kioskId: kiosk.app.gate.vault()?.kioskId,
        kind: 'clinician-now',
        ruleId: 'phq9-item9-any',
        raisedAt: expect.any(String) as string,
        acknowledged: null,
      },
    ]);
    expect((await kiosk.ok('frontdesk.health', {})).openAlerts).toBe(1);

    const acknowledged = await kiosk.ok('frontdesk.acknowledgeAlert', { alertId });
    expect(acknowledged.acknowledged).toEqual({
      by: 'front-desk',
      at: expect.any(String) as string,
    });
    expect(await kiosk.ok('frontdesk.alerts', {})).toEqual([]);
    expect((await kiosk.ok('frontdesk.health', {})).openAlerts).toBe(0);
    // A second tap changes nothing and audits nothing.
    await kiosk.ok('frontdesk.acknowledgeAlert', { alertId });
    expect(auditRows('alert_acknowledged')).toEqual([{ actor: 'front-desk', alertId }]);
  });

  it('lets an administrator acknowledge, named in the audit log; an unknown alert is NOT_FOUND', async () => {
    await answerPhq9(await start());
    const status = await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    const [alert] = await kiosk.ok('frontdesk.alerts', {});
    expect(alert).toBeDefined();
    await kiosk.ok('frontdesk.acknowledgeAlert', { alertId: alert?.alertId ?? '' });
    expect(auditRows('alert_acknowledged')).toEqual([
      { actor: `staff:${status.unlocked?.staffId ?? ''}`, alertId: alert?.alertId },
    ]);
    expect(
      await kiosk.call('frontdesk.acknowledgeAlert', {
        alertId: '3f1c9a52-6a0e-4b43-9d0c-1b2f3a4c5d6e',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a client starting a session locks the staff area, and the alert waits for the next unlock', async () => {
    await frontDesk();
    const sessionId = await start();
    await answerPhq9(sessionId);
    expect(await kiosk.call('frontdesk.alerts', {})).toMatchObject({
      ok: false,
      error: { code: 'FRONT_DESK_LOCKED' },
    });
    await kiosk.ok('frontdesk.unlock', { pin: PIN });
    expect(await kiosk.ok('frontdesk.alerts', {})).toHaveLength(1);
  });
});

describe('delivery to the webhook', () => {
  let hook: LoopbackWebhook | undefined;

  afterEach(async () => {
    await hook?.close();
    hook = undefined;
  });

  it('POSTs a raised alert in the background and records it on the row', async () => {
    // The first attempt fails: the row counts both attempts.
    hook = await startLoopbackWebhook((index) => (index === 0 ? 500 : 204));
    kiosk.restart({ alertWebhookUrl: hook.url.href, alertRetryDelaysMs: [10] });
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });

    await answerPhq9(await start());
    const [raised] = openAlertRows();
    await vi.waitFor(() => {
      expect(openAlertRows()[0]?.deliveredAt).not.toBeNull();
    });
    expect(openAlertRows()[0]).toMatchObject({ deliveryAttempts: 2, lastError: null });
    expect(hook.bodies.at(-1)).toEqual({
      alertId: raised?.id,
      kioskId: raised?.kioskId,
      kind: 'clinician-now',
      raisedAt: raised?.raisedAt,
    });
  });

  it('sends again after a restart an alert the webhook never received, and only that one', async () => {
    const received = await startLoopbackWebhook();
    hook = received;
    // First the webhook is down (nothing listens on port 9 of 127.0.0.1): no retry, undelivered.
    kiosk.restart({ alertWebhookUrl: 'http://127.0.0.1:9/hook', alertRetryDelaysMs: [] });
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
    await answerPhq9(await start());
    await vi.waitFor(() => {
      expect(openAlertRows()[0]?.deliveryAttempts).toBe(1);
    });
    expect(openAlertRows()[0]?.deliveredAt).toBeNull();

    kiosk.restart({ alertWebhookUrl: received.url.href });
    await kiosk.ok('vault.open', { passphrase: PASSPHRASE });
    await start();
    await vi.waitFor(() => {
      expect(openAlertRows()[0]?.deliveredAt).not.toBeNull();
    });
    await start();
    await answerPhq9(await start());
    await vi.waitFor(() => {
      expect(received.bodies).toHaveLength(2);
    });
    expect(new Set(received.bodies.map((body) => JSON.stringify(body))).size).toBe(2);
  });

  it('refuses a webhook that is not http(s) when the kiosk starts', () => {
    expect(() => {
      kiosk.restart({ alertWebhookUrl: 'file:///tmp/alerts' });
    }).toThrow(/http\(s\)/);
  });
});
