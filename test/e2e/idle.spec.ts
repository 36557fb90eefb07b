import { expectAccessible } from './axe';
import { PASSPHRASE, expect, test } from './fixtures';
import { expectNothingOf, traces } from './page-traces';
import {
  CLIENT,
  FIRST_VISIT,
  begin,
  currentStep,
  fillIdentity,
  goForward,
  programmeName,
  walkTo,
} from './walkthrough';

const attractButton = { name: programmeName(FIRST_VISIT) } as const;

test.describe('with the configured warning after 1.5 s and a 2 s countdown', () => {
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      idleWarningMs: 1500,
      idleCountdownMs: 2000,
    },
  });

  test('nobody answers "Are you still there?": the session is discarded and the page wiped', async ({
    page,
  }) => {
    const before = await traces(page);
    await begin(page);
    await walkTo(page, 'identity');
    await fillIdentity(page, CLIENT);
    // Whatever might have written to storage during a session is cleared with it.
    await page.evaluate((name) => {
      localStorage.setItem('left-behind', name);
      sessionStorage.setItem('left-behind', name);
    }, CLIENT.fullName);

    const discarded = page.waitForResponse((response) =>
      response.url().endsWith('/api/session.discard'),
    );
    const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
    await expect(dialog).toBeVisible();
    // The countdown is the configured 2 s, shown in whole seconds as it runs.
    const countdown = dialog.getByTestId('idle-countdown');
    await expect(countdown).toHaveText('2');
    await expect(dialog).toContainText('in 2 seconds');
    await expect(countdown).toHaveText('1');
    expect(((await (await discarded).json()) as { ok: boolean }).ok).toBe(true);

    await expect(page.getByRole('button', attractButton)).toBeVisible();
    await expect(dialog).toHaveCount(0);
    expectNothingOf(await traces(page), before);
  });
});

test.describe('with a warning after 1.5 s and time to answer it', () => {
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      idleWarningMs: 1500,
      idleCountdownMs: 30_000,
    },
  });

  test('"I\'m still here" keeps the session and its answers', async ({ page }) => {
    await begin(page);
    await walkTo(page, 'identity');
    await fillIdentity(page, CLIENT);

    const dialog = page.getByRole('dialog', { name: 'Are you still there?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('idle-countdown')).toHaveText(/^(30|29|28)$/);
    await expectAccessible(page, 'idle warning');
    await dialog.getByRole('button', { name: "I'm still here" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel('Full name')).toHaveValue(CLIENT.fullName);
    await expect(page.getByLabel('Year')).toHaveValue(CLIENT.year);

    // Main still holds the session: the identity is accepted and the walk goes on.
    await goForward(page);
    expect((await currentStep(page)).kind).not.toBe('identity');
  });
});
