import { hostname } from 'node:os';
import { expectAccessible } from './axe';
import { PASSPHRASE, expect, test } from './fixtures';
import {
  FRONT_DESK_PIN,
  chooseFrontDesk,
  frontDeskHeading,
  lockStaffArea,
  openStaffArea,
  pinPad,
  signInFrontDesk,
  tapPin,
} from './staff-console';
import { attractButton } from './walkthrough';

test.use({
  kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, seed: 2, pin: FRONT_DESK_PIN },
});

const PAUSED = { level: 1, name: 'Please see the front desk' } as const;

test('the front desk signs in with the PIN, sees counts but no names, pauses and resumes', async ({
  page,
  kiosk,
}) => {
  await openStaffArea(page);
  await chooseFrontDesk(page);
  const pad = pinPad(page);
  await expectAccessible(page, 'PIN pad');

  // Dots only, a wrong PIN says how many tries are used, and the keyboard types digits too.
  await page.keyboard.type('1357');
  await expect(pad.dots).toHaveText(/PIN: 4 digits entered/);
  await expect(pad.dots).not.toContainText('1357');
  await pad.remove.click();
  await expect(pad.dots).toHaveText(/PIN: 3 digits entered/);
  await page.keyboard.type('902');
  const answered = page.waitForResponse((response) =>
    response.url().endsWith('/api/frontdesk.unlock'),
  );
  await page.keyboard.press('Enter');
  expect(((await (await answered).json()) as { ok: boolean }).ok).toBe(false);
  await expect(pad.alert).toHaveText('That PIN is not right. 1 of 10 tries used.');
  await expectAccessible(page, 'PIN pad with a wrong PIN');

  expect(await tapPin(page, FRONT_DESK_PIN)).toEqual({ ok: true });
  await expect(frontDeskHeading(page)).toBeVisible();
  const counts = page.getByRole('region', { name: 'Submissions' });
  await expect(counts.getByText('Completed today')).toBeVisible();
  await expect(counts.locator('div', { hasText: 'Completed today' }).locator('dd')).toHaveText('2');
  await expect(counts.locator('div', { hasText: 'On this kiosk' }).locator('dd')).toHaveText('2');
  await expect(counts.locator('div', { hasText: 'Not yet exported' }).locator('dd')).toHaveText(
    '2',
  );
  await expect(
    counts.locator('div', { hasText: 'Not yet sent to the clinic record' }).locator('dd'),
  ).toHaveText('2');
  await expect(
    counts.locator('div', { hasText: 'Last completed form' }).locator('dd'),
  ).not.toHaveText('Never');
  await expect(page.getByText('Healthy (schema')).toBeVisible();
  // The health snapshot's other parts: the kiosk's name (the host's here) and the health push.
  await expect(page.getByText(`Kiosk ${hostname()}`, { exact: true })).toBeVisible();
  const health = page.getByRole('region', { name: 'Kiosk health' });
  await expect(
    health.locator('div', { hasText: 'Health report to the clinic' }).locator('dd'),
  ).toHaveText('Not set up');
  expect(await page.content()).not.toContain('Fake Demo-Client');
  await expectAccessible(page, 'front desk');

  await page.getByRole('button', { name: 'Pause the kiosk' }).click();
  await expect(page.getByText('The kiosk is paused')).toBeVisible();
  await lockStaffArea(page);
  await expect(page.getByRole('heading', PAUSED)).toBeVisible();
  await expect(attractButton(page)).toHaveCount(0);
  await expectAccessible(page, 'paused');

  // A kiosk page loaded afresh is paused too.
  const other = await page.context().newPage();
  await other.goto(kiosk.url);
  await expect(other.getByRole('heading', PAUSED)).toBeVisible();
  await other.close();

  // The gesture works on the paused screen; resuming brings back the welcome screen.
  await signInFrontDesk(page);
  await page.getByRole('button', { name: 'Resume the kiosk' }).click();
  await expect(page.getByText('The kiosk is running')).toBeVisible();
  await lockStaffArea(page);
  await expect(attractButton(page)).toBeVisible();
});

test('Exit kiosk mode asks first', async ({ page }) => {
  await signInFrontDesk(page);
  await page.getByRole('button', { name: 'Exit kiosk mode' }).click();
  const dialog = page.getByRole('dialog', { name: 'Exit kiosk mode?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(frontDeskHeading(page)).toBeVisible();

  await page.getByRole('button', { name: 'Exit kiosk mode' }).click();
  const exited = page.waitForResponse((response) => response.url().endsWith('/api/frontdesk.exit'));
  await dialog.getByRole('button', { name: 'Yes, exit kiosk mode' }).click();
  expect(((await (await exited).json()) as { ok: boolean }).ok).toBe(true);
  // The preview server cannot quit a browser: the staff area is locked and the kiosk is back.
  await expect(attractButton(page)).toBeVisible();
});
