import { PASSPHRASE, expect, test } from './fixtures';
import { confirmWrittenDown, createVault, unlockScreen } from './staff-screens';
import { attractButton } from './walkthrough';

// No KIOSK_PASSPHRASE: staff create the vault on screen, and every restart needs a staff secret.
test.use({ kioskOptions: { passphrase: null, thankYouMs: 1500 } });

test('after too many wrong passphrases the unlock screen says how long to wait, then lets staff in', async ({
  page,
  kiosk,
}) => {
  await createVault(page);
  await confirmWrittenDown(page);

  // Waits of 2 × 30 s after the fourth failure: long enough to read, short enough to sit out.
  await kiosk.restart({ passphrase: null, secretDelayMs: 30_000 });
  await page.goto(kiosk.url);
  const screen = unlockScreen(page);
  await expect(screen.heading).toBeVisible();

  for (let i = 0; i < 3; i++) {
    await screen.passphrase.fill(`${PASSPHRASE} but wrong`);
    await screen.unlock.click();
    await expect(screen.alert).toHaveText(/^That passphrase is not right\. Please try again\.$/);
  }
  await screen.passphrase.fill(`${PASSPHRASE} but wrong`);
  await screen.unlock.click();
  await expect(screen.alert).toHaveText(
    /^That passphrase is not right\. Please try again\.\s*Please wait 60 seconds before the next try\.$/,
  );

  // Even the right passphrase waits: main refuses it before checking it.
  await screen.passphrase.fill(PASSPHRASE);
  await screen.unlock.click();
  await expect(screen.alert).toHaveText(/^Too many tries\. Please wait \d+ seconds\.$/);
  await expect(screen.heading).toBeVisible();

  await kiosk.restart({ passphrase: null, secretDelayMs: 0 });
  await page.goto(kiosk.url);
  await screen.passphrase.fill(PASSPHRASE);
  await screen.unlock.click();
  await expect(attractButton(page)).toBeVisible();
});
