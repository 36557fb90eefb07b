import { expectAccessible } from './axe';
import { PASSPHRASE, expect, test } from './fixtures';
import { FRONT_DESK_PIN, lockStaffArea, signInFrontDesk } from './staff-console';
import { attractButton } from './walkthrough';

// More free space than any disk has: the kiosk is low on storage from its first check.
test.use({
  kioskOptions: {
    passphrase: PASSPHRASE,
    thankYouMs: 1500,
    pin: FRONT_DESK_PIN,
    minFreeDiskMegabytes: 1_000_000_000,
  },
});

test('low storage shows clients the paused screen and tells the front desk why, with the space free and needed', async ({
  page,
}) => {
  await expect(
    page.getByRole('heading', { level: 1, name: 'Please see the front desk' }),
  ).toBeVisible();
  await expect(attractButton(page)).toHaveCount(0);

  await signInFrontDesk(page);
  const state = page.getByRole('status').filter({ hasText: 'low on storage' });
  await expect(state).toContainText('The kiosk is low on storage and takes no new clients');
  await expect(state).toContainText(/is free; it needs 954 TB/);
  const health = page.getByRole('region', { name: 'Kiosk health' });
  await expect(
    health.locator('div', { hasText: 'Needed for new clients' }).locator('dd'),
  ).toHaveText('954 TB');
  // The front desk's own pause stays its own: the button still pauses.
  await expect(page.getByRole('button', { name: 'Pause the kiosk' })).toBeVisible();
  await expectAccessible(page, 'front desk, low storage');
  await lockStaffArea(page);
  await expect(attractButton(page)).toHaveCount(0);
});
