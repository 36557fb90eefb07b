import { expectAccessible } from './axe';
import { ADMIN_NAME, PASSPHRASE, expect, test } from './fixtures';
import {
  FRONT_DESK_PIN,
  chooseFrontDesk,
  lockStaffArea,
  openStaffArea,
  pinPad,
  showTab,
  signInAdmin,
  signInFrontDesk,
} from './staff-console';

// A vault made by the CLI with no PIN: the administrator sets it on screen.
test.use({ kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, seed: 1 } });

test('an administrator sets the front-desk PIN, with reasons for a refused one', async ({
  page,
}) => {
  // No PIN yet: the front desk is told so.
  await openStaffArea(page);
  await chooseFrontDesk(page);
  await expect(pinPad(page).alert).toHaveText(/No front-desk PIN has been set/);
  await lockStaffArea(page);

  await signInAdmin(page);
  await showTab(page, 'Settings');
  await expect(page.getByText('No PIN is set')).toBeVisible();
  const pin = page.getByLabel('New PIN');
  const again = page.getByLabel('Type the PIN again');
  const setPin = page.getByRole('button', { name: 'Set PIN' });

  await pin.fill('12ab');
  await again.fill('12ab');
  await setPin.click();
  await expect(pin).toHaveAccessibleDescription(/The PIN can only hold the digits 0 to 9\./);
  await expectAccessible(page, 'settings with a refused PIN');

  await pin.fill('4821');
  await again.fill('4821');
  await setPin.click();
  await expect(pin).toHaveAccessibleDescription(/The PIN must be at least 6 digits\./);

  await pin.fill('123456');
  await again.fill('123456');
  await setPin.click();
  await expect(pin).toHaveAccessibleDescription(/too easy to guess/);

  await pin.fill(FRONT_DESK_PIN);
  await again.fill('274916');
  await setPin.click();
  await expect(again).toHaveAccessibleDescription(/The two PINs do not match\./);

  await again.fill(FRONT_DESK_PIN);
  await setPin.click();
  await expect(page.getByText('The front-desk PIN is set.')).toBeVisible();
  await expect(page.getByText('A PIN is set.')).toBeVisible();
  await expect(pin).toHaveValue('');
  await lockStaffArea(page);

  await signInFrontDesk(page);
});

test('retention and purge, and the staff list', async ({ page }) => {
  await signInAdmin(page);
  await showTab(page, 'Settings');
  await expectAccessible(page, 'settings');
  await expect(page.getByRole('radio', { name: 'Keep them until removed' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Purge now' })).toHaveCount(0);

  await page.getByRole('radio', { name: 'Keep exported submissions for a number of days' }).check();
  const days = page.getByLabel('Days to keep');
  await days.fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(days).toHaveAccessibleDescription(/whole number of days/);
  await days.fill('30');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();

  await page.getByRole('button', { name: 'Purge now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Purge exported submissions now?' });
  await expect(dialog).toContainText('older than 30 days');
  await dialog.getByRole('button', { name: 'Yes, purge now' }).click();
  // Nothing is exported yet, let alone 30 days old.
  await expect(page.getByText('Submissions purged: 0.')).toBeVisible();

  // Staff: add one (with field errors first), remove them, and the last one stays.
  await showTab(page, 'Staff');
  const list = page.getByRole('region', { name: 'Administrators' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText(ADMIN_NAME);
  await expect(list).toContainText('(you)');
  const add = page.getByRole('region', { name: 'Add an administrator' });
  await add.getByLabel('Name').fill('Priya Raman');
  await add.getByLabel('Their passphrase').fill('short');
  await add.getByLabel('Type the passphrase again').fill('short');
  await add.getByRole('button', { name: 'Add administrator' }).click();
  await expect(add.getByLabel('Their passphrase')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'staff with errors');
  const second = 'a second administrator, also not a secret';
  await add.getByLabel('Their passphrase').fill(second);
  await add.getByLabel('Type the passphrase again').fill(second);
  await add.getByRole('button', { name: 'Add administrator' }).click();
  await expect(page.getByText('Priya Raman was added.')).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(2);

  await list.getByRole('button', { name: 'Remove Priya Raman' }).click();
  await page
    .getByRole('dialog', { name: 'Remove Priya Raman?' })
    .getByRole('button', {
      name: 'Yes, remove',
    })
    .click();
  await expect(page.getByText('Priya Raman was removed.')).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);

  await list.getByRole('button', { name: `Remove ${ADMIN_NAME}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, remove' }).click();
  await expect(list.getByRole('alert')).toHaveText(/The last administrator cannot be removed/);
});
