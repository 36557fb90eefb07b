import { PASSPHRASE, expect, test } from './fixtures';
import {
  FRONT_DESK_PIN,
  chooseFrontDesk,
  lockStaffArea,
  openStaffArea,
  pinPad,
  showTab,
  signInFrontDesk,
  tapPin,
} from './staff-console';

const WRONG_PIN = '508316';
const DISABLED = /PIN entry is switched off after too many wrong PINs/;

test.describe('without waits between tries', () => {
  test.use({
    kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, pin: FRONT_DESK_PIN, pinDelayMs: 0 },
  });

  test('ten wrong PINs switch PIN entry off until an administrator switches it on', async ({
    page,
  }) => {
    await openStaffArea(page);
    await chooseFrontDesk(page);
    const pad = pinPad(page);
    for (let tries = 1; tries < 10; tries += 1) {
      expect(await tapPin(page, WRONG_PIN)).toEqual({ ok: false, code: 'WRONG_PIN' });
      await expect(pad.alert).toHaveText(`That PIN is not right. ${tries} of 10 tries used.`);
    }
    expect(await tapPin(page, WRONG_PIN)).toEqual({ ok: false, code: 'PIN_DISABLED' });
    await expect(pad.alert).toHaveText(DISABLED);
    await expect(pad.alert).toContainText('An administrator can switch it on again.');
    await expect(pad.ok).toHaveAttribute('aria-disabled', 'true');

    // Even the right PIN is refused now, on a fresh visit as well.
    await lockStaffArea(page);
    await openStaffArea(page);
    await chooseFrontDesk(page);
    await expect(pad.alert).toHaveText(DISABLED);
    await expect(pad.ok).toHaveAttribute('aria-disabled', 'true');

    // An administrator switches PIN entry on again from Settings.
    await page.getByRole('button', { name: 'Sign in as an administrator instead' }).click();
    await page.getByLabel('Administrator passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await showTab(page, 'Settings');
    await expect(page.getByText(DISABLED)).toBeVisible();
    await page.getByRole('button', { name: 'Switch PIN entry on again' }).click();
    await expect(page.getByText('PIN entry is on again.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Switch PIN entry on again' })).toHaveCount(0);
    await lockStaffArea(page);

    await signInFrontDesk(page);
  });
});

test.describe('with growing waits', () => {
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      pin: FRONT_DESK_PIN,
      pinDelayMs: 1000,
    },
  });

  test('after the free tries, OK waits out a live countdown', async ({ page }) => {
    await openStaffArea(page);
    await chooseFrontDesk(page);
    const pad = pinPad(page);
    for (let tries = 1; tries <= 3; tries += 1) {
      expect(await tapPin(page, WRONG_PIN)).toEqual({ ok: false, code: 'WRONG_PIN' });
    }
    // The third failure costs 2 × 1000 ms: a countdown, and OK blocked while it runs.
    const timer = page.getByRole('timer');
    await expect(timer).toHaveText(/Please wait [12] s before the next try\./);
    for (const digit of FRONT_DESK_PIN) {
      await pad.digit(digit).click();
    }
    await expect(pad.ok).toHaveAttribute('aria-disabled', 'true');
    await expect(timer).toHaveCount(0, { timeout: 5000 });
    await expect(pad.ok).toHaveAttribute('aria-disabled', 'false');
    await pad.ok.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Front desk' })).toBeVisible();
  });
});
