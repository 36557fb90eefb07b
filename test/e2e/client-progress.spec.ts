import { expectAccessible } from './axe';
import { PASSPHRASE, expect, test } from './fixtures';
import { signInAdmin } from './staff-console';

// Three visits of one fake client, unwell to well (seed-demo --same-client): PHQ-9 21, 7, 1.
test.use({
  kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, seed: 3, seedSameClient: true },
});

test("a record shows its client's progress across visits, as a chart and as a table", async ({
  page,
}) => {
  await signInAdmin(page);
  const rows = page.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  // The list is newest first: open the middle visit, the one that is the response.
  await rows
    .nth(1)
    .getByRole('button', { name: /Fake Demo-Client A/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Consent record' })).toBeVisible();

  const progress = page.getByRole('region', { name: 'Progress across visits' });
  const chart = progress.getByRole('img', { name: 'PHQ-9 and GAD-7 totals over 3 visits' });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(
    /^PHQ-9 from 21 to 1\. GAD-7 from 19 to 1\. Response at the visit of .+\. Remission at 1 visits, first on .+\.$/,
  );
  await expect(chart.locator('[data-mark="response"]')).toHaveCount(1);
  await expect(chart.locator('[data-mark="remission"]')).toHaveCount(1);
  await expect(progress.getByRole('list')).toContainText('Response');
  await expect(progress.getByRole('list')).toContainText('Remission');

  const table = progress.getByRole('table', { name: 'PHQ-9 and GAD-7 at each visit' });
  const visits = table.locator('tbody tr');
  await expect(visits).toHaveCount(3);
  const cells = async (index: number) =>
    (await visits.nth(index).locator('td').allTextContents()).map((text) => text.trim());
  expect(await cells(0)).toEqual(['21', 'Severe', '19', 'Severe', 'Baseline', 'No']);
  expect(await cells(1)).toEqual(['7', 'Mild', '6', 'Mild', 'Yes', 'No']);
  expect(await cells(2)).toEqual(['1', 'Minimal', '1', 'Minimal', 'No', 'Yes']);
  await expect(visits.nth(1).getByRole('rowheader')).toContainText('(this record)');

  await expectAccessible(page, 'record with progress across visits');
});
