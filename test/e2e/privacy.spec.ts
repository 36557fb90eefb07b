import { expect, test } from './fixtures';
import { expectNothingOf, traces } from './page-traces';
import { CLIENT, begin, fillIdentity, submit, walkTo, attractButton } from './walkthrough';

test('after the thank-you delay the kiosk is back at welcome with nothing of the client left', async ({
  page,
}) => {
  const before = await traces(page);
  await begin(page);
  await walkTo(page, 'review');
  await expect(page.getByText(CLIENT.fullName)).toBeVisible();
  await submit(page);
  // The thank-you screen already holds nothing of the client.
  await expect(page.locator('body')).not.toContainText(CLIENT.fullName);

  // Nobody touches the screen: it returns to welcome by itself (thank-you-ms is 1.5 s here).
  await expect(attractButton(page)).toBeVisible({ timeout: 10_000 });
  expectNothingOf(await traces(page), before);

  // The next client starts from nothing.
  await begin(page);
  await walkTo(page, 'identity');
  await expect(page.getByLabel('Full name')).toHaveValue('');
  await expect(page.getByLabel('Year')).toHaveValue('');
});

test('Start over asks first, then discards the session and clears the screen', async ({ page }) => {
  const before = await traces(page);
  await begin(page);
  await walkTo(page, 'identity');
  await fillIdentity(page, CLIENT);

  await page.getByRole('button', { name: 'Start over' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start over?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'No, keep going' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Full name')).toHaveValue(CLIENT.fullName);

  await page.getByRole('button', { name: 'Start over' }).click();
  const discarded = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.discard'),
  );
  await dialog.getByRole('button', { name: 'Yes, start over' }).click();
  const body = (await (await discarded).json()) as { ok: boolean };
  expect(body.ok).toBe(true);
  await expect(attractButton(page)).toBeVisible();
  expectNothingOf(await traces(page), before);
});
