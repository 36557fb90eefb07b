// page.evaluate callbacks run in the browser: type them against the DOM.
/// <reference lib="dom" />
import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { PASSPHRASE, expect, test } from './fixtures';
import {
  confirmWrittenDown,
  createVault,
  recoveryKeyScreen,
  setupForm,
  unlockScreen,
} from './staff-screens';
import {
  begin,
  currentStep,
  forwardButton,
  statementBoxes,
  stepMain,
  submit,
  tryAnswer,
  walkTo,
  attractButton,
  FIRST_VISIT,
  programmeName,
} from './walkthrough';

// Long enough for a scan of the thank-you screen before it clears itself.
test.use({ kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 60_000 } });

test('every client screen passes axe without serious or critical violations', async ({ page }) => {
  // It walks all twenty steps, the questionnaires' nineteen items among them, scanning as it
  // goes: 45 s on a busy two-core machine, too close to the default minute.
  test.slow();
  await expect(attractButton(page)).toBeVisible();
  await expectAccessible(page, 'welcome');

  await begin(page);
  await expectAccessible(page, 'page');

  await walkTo(page, 'check');
  // Show the corrective feedback: try options until one is wrong (or all were right).
  const options = stepMain(page).getByRole('radio');
  let sawFeedback = false;
  for (let i = 0; i < (await options.count()) && !sawFeedback; i += 1) {
    sawFeedback = !(await tryAnswer(page, options.nth(i)));
  }
  expect(sawFeedback).toBe(true);
  await expectAccessible(page, 'check with feedback');

  await walkTo(page, 'acknowledge');
  await statementBoxes(page).first().check();
  await expectAccessible(page, 'acknowledge');

  await walkTo(page, 'identity');
  await forwardButton(page).click();
  await expect(page.getByText('Please enter your full name.')).toBeVisible();
  await expectAccessible(page, 'identity with errors');

  await walkTo(page, 'signature');
  await expectAccessible(page, 'signature');
  await forwardButton(page).click();
  await expect(page.getByText('Please sign in the box before continuing.')).toBeVisible();
  await expectAccessible(page, 'signature with errors');

  await walkTo(page, 'review');
  await expectAccessible(page, 'review');

  await page.getByRole('button', { name: 'Start over' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'start-over dialog');
  await page.getByRole('button', { name: 'No, keep going' }).click();

  await submit(page);
  await expectAccessible(page, 'thank you');
});

test.describe('staff screens', () => {
  test.use({ kioskOptions: { passphrase: null, thankYouMs: 1500 } });

  test('setup, recovery key and unlock pass axe without serious or critical violations', async ({
    page,
    kiosk,
  }) => {
    const form = setupForm(page);
    await expect(form.heading).toBeVisible();
    await expectAccessible(page, 'setup');
    await form.create.click();
    await expect(form.name).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'setup with errors');
    await form.name.fill('');

    await createVault(page);
    await expectAccessible(page, 'recovery key');
    await recoveryKeyScreen(page).continue.click({ force: true });
    await expectAccessible(page, 'recovery key, Continue blocked');
    await confirmWrittenDown(page);

    await kiosk.restart({ passphrase: null });
    await page.goto(kiosk.url);
    const unlock = unlockScreen(page);
    await expect(unlock.heading).toBeVisible();
    await expectAccessible(page, 'unlock with a passphrase');
    await unlock.passphrase.fill('not the passphrase');
    await unlock.unlock.click();
    await expect(unlock.alert).toBeVisible();
    await expectAccessible(page, 'unlock with a wrong passphrase');
    await unlock.useRecoveryKey.click();
    await unlock.recoveryKey.fill('not a key');
    await unlock.unlock.click();
    await expect(unlock.recoveryKey).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'unlock with the recovery key, with an error');
  });
});

/** Presses Tab until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, what: string): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) {
      return;
    }
  }
  throw new Error(`tabTo: Tab never reached ${what}`);
}

test('the flow works from the keyboard alone', async ({ page }) => {
  await tabTo(page, attractButton(page), programmeName(FIRST_VISIT));
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^Step 1 of \d+$/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // Tab reaches Next, Enter presses it, and focus lands on the new step's heading.
  const first = await currentStep(page);
  await tabTo(page, forwardButton(page), 'Next');
  await page.keyboard.press('Enter');
  await expect(stepMain(page)).not.toHaveAttribute('data-step-id', first.id);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // A check: arrow keys choose an option, Space presses "Check answer".
  await walkTo(page, 'check');
  const options = stepMain(page).getByRole('radio');
  await tabTo(page, options.first(), 'the first option');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toBeChecked();
  const answered = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.answerCheck'),
  );
  await tabTo(page, page.getByRole('button', { name: 'Check answer' }), 'Check answer');
  await page.keyboard.press('Space');
  await answered;

  // Statements tick with Space.
  await walkTo(page, 'acknowledge');
  const box = statementBoxes(page).first();
  await tabTo(page, box, 'the first statement');
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
});
