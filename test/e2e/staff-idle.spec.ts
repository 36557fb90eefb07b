import { PASSPHRASE, expect, test } from './fixtures';
import { pageTraces } from './staff-screens';
import { signInAdmin, submissionRows } from './staff-console';
import { attractButton } from './walkthrough';

test.use({
  kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, seed: 2, staffIdleMs: 1500 },
});

test('left alone, the console locks itself and keeps no client name', async ({ page }) => {
  await signInAdmin(page);
  await expect(submissionRows(page)).toHaveCount(2);
  await expect(page.getByRole('table')).toContainText('Fake Demo-Client');

  // Nobody touches the screen: back to welcome by itself (idle lock 1.5 s here).
  await expect(attractButton(page)).toBeVisible({ timeout: 10_000 });
  const traces = await pageTraces(page);
  for (const fragment of ['Fake Demo-Client', 'data:image/png', 'Staff area']) {
    expect(traces.html).not.toContain(fragment);
  }
  expect(traces.localStorage).toBe(0);
  expect(traces.sessionStorage).toBe(0);
});
