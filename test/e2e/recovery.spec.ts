import { PASSPHRASE, expect, test } from './fixtures';
import { confirmWrittenDown, createVault, unlockScreen } from './staff-screens';
import { begin, attractButton } from './walkthrough';

// No KIOSK_PASSPHRASE: staff create the vault on screen, and the preview server, which has no
// keychain, can never reopen it unattended: every restart comes up needing a staff member.
test.use({ kioskOptions: { passphrase: null, thankYouMs: 1500 } });

/** The same key with its first character changed: well formed, but not this kiosk's. */
function anotherKey(key: string): string {
  return `${key.startsWith('A') ? 'B' : 'A'}${key.slice(1)}`;
}

test('after a restart without the keychain, the recovery key unlocks the kiosk', async ({
  page,
  kiosk,
}) => {
  const key = await createVault(page);
  await confirmWrittenDown(page);

  await kiosk.restart({ passphrase: null });
  await page.goto(kiosk.url);
  const screen = unlockScreen(page);
  await expect(screen.heading).toBeVisible();
  await expect(screen.heading).toBeFocused();
  await expect(page.getByText('Enter an administrator passphrase to unlock it.')).toBeVisible();
  // The passphrase is the default; the recovery key is one clear switch away.
  await expect(screen.passphrase).toBeVisible();
  await expect(screen.recoveryKey).toHaveCount(0);
  await screen.useRecoveryKey.click();
  await expect(screen.recoveryKey).toBeFocused();
  await expect(screen.passphrase).toHaveCount(0);

  // Not a key at all: the field says so.
  await screen.recoveryKey.fill('ABCD-EFGH');
  await screen.unlock.click();
  await expect(screen.recoveryKey).toHaveAccessibleDescription(/This is not a recovery key\./);

  // A well-formed key that is not this kiosk's: a clear error, and still locked.
  await screen.recoveryKey.fill(anotherKey(key));
  await screen.unlock.click();
  await expect(screen.alert).toHaveText(/That recovery key does not open this kiosk\./);
  await expect(screen.heading).toBeVisible();

  // The right key, typed in lower case without hyphens, as staff might copy it from paper.
  await screen.recoveryKey.fill(key.replaceAll('-', '').toLowerCase());
  await screen.unlock.click();
  await expect(attractButton(page)).toBeVisible();
  await expect(page.locator('body')).not.toContainText(key);
  await begin(page);
});

test('after a restart without the keychain, a wrong passphrase is refused and the right one unlocks', async ({
  page,
  kiosk,
}) => {
  await createVault(page);
  await confirmWrittenDown(page);

  await kiosk.restart({ passphrase: null });
  await page.goto(kiosk.url);
  const screen = unlockScreen(page);
  await expect(screen.heading).toBeVisible();

  // Switching back and forth lands on the passphrase again.
  await screen.useRecoveryKey.click();
  await screen.usePassphrase.click();
  await expect(screen.passphrase).toBeFocused();

  await screen.passphrase.fill(`${PASSPHRASE} but wrong`);
  await screen.unlock.click();
  await expect(screen.alert).toHaveText(/That passphrase is not right\./);

  await screen.passphrase.fill(PASSPHRASE);
  await screen.unlock.click();
  await expect(attractButton(page)).toBeVisible();
});
