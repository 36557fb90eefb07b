/**
 * Issue 9, section 4: a safety answer raises a discreet alert that cannot be lost. The client
 * sees only the pack's support screen; the alert reaches the clinic's webhook (a server this
 * test runs on 127.0.0.1), outlives the client walking away and a restart, and waits at the
 * front desk until someone acknowledges it, which is audited.
 */
import { startLoopbackWebhook } from '../support/loopback-webhook';
import { expectAccessible } from './axe';
import { PASSPHRASE, expect, runKioskCli, test } from './fixtures';
import { FRONT_DESK_PIN, lockStaffArea, signInFrontDesk } from './staff-console';
import {
  CHECK_IN,
  answerQuestionnaire,
  begin,
  forwardButton,
  programmeName,
  stepMain,
  walkTo,
} from './walkthrough';

test.use({
  kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, pin: FRONT_DESK_PIN },
});

const ITEM_9 = 'Thoughts that you would be better off dead';

test('a safety answer in a treatment-day check-in raises an alert the webhook receives, that survives walking away and a restart, and the front desk acknowledges', async ({
  page,
  kiosk,
}) => {
  // Two server restarts and a walk to the PHQ-9: longer than the default minute.
  test.slow();
  const webhook = await startLoopbackWebhook();
  try {
    await kiosk.restart({ alertWebhook: webhook.url.href });
    await page.goto(kiosk.url);
    // The treatment-day check-in: details first, then the PHQ-9.
    await begin(page, CHECK_IN);
    await walkTo(page, 'questionnaire');
    await expect(stepMain(page)).toHaveAttribute('data-step-id', 'phq-9');
    await answerQuestionnaire(page, (question) => (question.startsWith(ITEM_9) ? 1 : 0));
    await forwardButton(page).click();
    const support = page.getByTestId('support-screen');
    await expect(support).toBeVisible();
    // The client's screen says nothing of an alert: only the pack's support words.
    await expect(support).not.toContainText(/alert/i);

    await expect.poll(() => webhook.bodies.length).toBe(1);
    const [body] = webhook.bodies as Record<string, unknown>[];
    expect(Object.keys(body ?? {}).sort()).toEqual(['alertId', 'kind', 'kioskId', 'raisedAt']);
    expect(body?.kind).toBe('clinician-now');

    // The client walks away: Start over clears the session, not the alert.
    await page.getByRole('button', { name: 'Start over' }).click();
    await page.getByRole('button', { name: 'Yes, start over' }).click();
    await expect(page.getByRole('button', { name: programmeName(CHECK_IN) })).toBeVisible();

    await kiosk.restart({ alertWebhook: webhook.url.href });
    await page.goto(kiosk.url);
    await signInFrontDesk(page);
    const alerts = page.getByTestId('open-alerts');
    await expect(alerts.getByRole('heading', { name: 'Alerts needing attention' })).toBeVisible();
    const alert = alerts.getByTestId('open-alert');
    await expect(alert).toHaveCount(1);
    await expect(alert).toContainText('A clinician is needed now');
    await expect(alert).toContainText(String(body?.kioskId).slice(0, 8));
    await expect(
      page.getByRole('region', { name: 'Submissions' }).locator('div', { hasText: 'Open alerts' }),
    ).toContainText('1');
    await expectAccessible(page, 'front desk with an open alert');

    const answered = page.waitForResponse((response) =>
      response.url().endsWith('/api/frontdesk.acknowledgeAlert'),
    );
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    const reply = (await (await answered).json()) as {
      ok: boolean;
      value?: { alertId: string; acknowledged: { by: string } | null };
    };
    expect(reply.ok).toBe(true);
    expect(reply.value?.alertId).toBe(body?.alertId);
    expect(reply.value?.acknowledged?.by).toBe('front-desk');
    await expect(alerts).toHaveCount(0);
    await lockStaffArea(page);
    // Delivered once only: the restart did not send it again.
    expect(webhook.bodies).toHaveLength(1);
  } finally {
    await webhook.close();
  }
  await kiosk.stop();
  const verify = await runKioskCli(kiosk.dataDir, ['verify']);
  // The raise (kiosk) and the acknowledgement (front desk) are in the chain, and it holds; the
  // unit tests (src-main/api/alert-channels.test.ts) check the entries' actors and details.
  expect(verify.code, verify.stderr).toBe(0);
  expect(verify.stdout).toContain('audit chain: ok');
});
