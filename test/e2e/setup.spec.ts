import { PASSPHRASE, expect, runKioskCli, test } from './fixtures';
import {
  ADMIN_NAME,
  confirmWrittenDown,
  pageTraces,
  readRecoveryKey,
  recoveryKeyScreen,
  setupForm,
} from './staff-screens';
import { begin } from './walkthrough';

test.use({ kioskOptions: { passphrase: null, thankYouMs: 1500 } });

test('without a vault, staff create the first administrator, write down the recovery key once, and the kiosk opens', async ({
  page,
  kiosk,
}) => {
  const before = await pageTraces(page);
  const form = setupForm(page);
  await expect(form.heading).toBeVisible();

  // Every field is checked by main, and each says what is wrong with it.
  await form.create.click();
  await expect(form.name).toHaveAccessibleDescription(/Please enter your name\./);
  await expect(page.getByRole('alert')).toHaveText('Please check the highlighted fields.');

  await form.name.fill(ADMIN_NAME);
  await form.passphrase.fill('too short');
  await form.confirm.fill('too short');
  await form.create.click();
  await expect(form.passphrase).toHaveAccessibleDescription(
    /The passphrase must be at least 12 characters\./,
  );
  await expect(form.name).not.toHaveAccessibleDescription(/Please enter your name/);

  await form.passphrase.fill('password1234');
  await form.confirm.fill('password1234');
  await form.create.click();
  await expect(form.passphrase).toHaveAccessibleDescription(
    /This passphrase is too common and easy to guess\./,
  );

  await form.passphrase.fill(PASSPHRASE);
  await form.confirm.fill(`${PASSPHRASE}!`);
  await form.create.click();
  await expect(form.confirm).toHaveAccessibleDescription(/The two passphrases do not match\./);

  await form.confirm.fill(PASSPHRASE);
  await form.create.click();

  // The recovery key, shown once; Continue stays blocked until the box is ticked.
  const key = await readRecoveryKey(page);
  const screen = recoveryKeyScreen(page);
  await expect(screen.heading).toBeFocused();
  await expect(page.getByText('This key is shown only once.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: /print|copy/i })).toHaveCount(0);
  await expect(screen.continue).toHaveAttribute('aria-disabled', 'true');
  await expect(screen.continue).toHaveAccessibleDescription(
    'Check the box above once you have written the key down.',
  );
  await screen.continue.click({ force: true }); // aria-disabled: Playwright would wait
  await expect(screen.heading).toBeVisible();
  await expect(screen.written).toBeFocused();
  await expect(screen.written).not.toBeChecked();

  // The check below would see the key: it is in the page's text while shown.
  expect((await pageTraces(page)).text).toContain(key);
  await confirmWrittenDown(page);

  // The key is gone: not in the page, not in storage, not in the history or the URL.
  const after = await pageTraces(page);
  for (const fragment of [key, key.replaceAll('-', ''), PASSPHRASE]) {
    expect(after.html, `the page still holds "${fragment}"`).not.toContain(fragment);
    expect(after.text, `the page still shows "${fragment}"`).not.toContain(fragment);
  }
  expect(after.localStorage).toBe(0);
  expect(after.sessionStorage).toBe(0);
  expect(after.indexedDb).toEqual([]);
  expect(after.historyState).toBeNull();
  expect(after.url).toBe(before.url);

  await begin(page);
  await kiosk.stop();
  const status = await runKioskCli(kiosk.dataDir, ['status', '--json']);
  expect(status.code, status.stderr).toBe(0);
  const json = status.stdout.slice(status.stdout.indexOf('{'), status.stdout.lastIndexOf('}') + 1);
  expect((JSON.parse(json) as { submissions: number }).submissions).toBe(0);
});
