import { PASSPHRASE, expect, runKioskCli, test } from './fixtures';
import { begin } from './walkthrough';

test.use({ kioskOptions: { passphrase: null, thankYouMs: 1500 } });

test('without a vault, staff create one on the setup screen and the kiosk opens', async ({
  page,
  kiosk,
}) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Set up this kiosk' })).toBeVisible();
  const passphrase = page.getByLabel('Administrator passphrase');
  const confirm = page.getByLabel('Type the passphrase again');
  const create = page.getByRole('button', { name: 'Create passphrase' });

  await passphrase.fill('too short');
  await confirm.fill('too short');
  await create.click();
  await expect(passphrase).toHaveAccessibleDescription(
    /The passphrase must be at least 12 characters\./,
  );

  await passphrase.fill(PASSPHRASE);
  await confirm.fill(`${PASSPHRASE}!`);
  await create.click();
  await expect(confirm).toHaveAccessibleDescription(/The two passphrases do not match\./);

  await confirm.fill(PASSPHRASE);
  await create.click();
  await expect(page.getByRole('button', { name: 'Begin' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(PASSPHRASE);
  await begin(page);

  await kiosk.stop();
  const status = await runKioskCli(kiosk.dataDir, ['status', '--json']);
  expect(status.code, status.stderr).toBe(0);
  const json = status.stdout.slice(status.stdout.indexOf('{'), status.stdout.lastIndexOf('}') + 1);
  expect((JSON.parse(json) as { submissions: number }).submissions).toBe(0);
});
