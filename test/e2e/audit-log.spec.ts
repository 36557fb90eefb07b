import { expectAccessible } from './axe';
import { PASSPHRASE, expect, test } from './fixtures';
import { filesUnder, showTab, signInAdmin, submissionRows } from './staff-console';

test.use({ kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, seed: 2 } });

test('a record flags pages read too fast and shows its fingerprint; the audit log shows the reads and exports as CSV', async ({
  page,
  kiosk,
}) => {
  await signInAdmin(page);
  const rows = submissionRows(page);
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole('button').first().click();
  const record = page.getByRole('article');
  // The demo clients spend seconds on pages of a couple of hundred words.
  const flags = record.getByTestId('reading-flag');
  await expect(flags.first()).toContainText(
    /^! Read in \d+ s; its \d+ words need about \d+ s at 240 words a minute\. Worth going over with the client\.$/,
  );
  await expect(record.getByText('Record fingerprint (SHA-256 of the sealed record)')).toBeVisible();
  await page.getByRole('button', { name: 'Back to the list' }).first().click();

  await showTab(page, 'Audit log');
  const entries = page.getByRole('table').locator('tbody tr');
  // Newest first: the record view, then the lists that led to it.
  await expect(entries.first()).toContainText('records_listed');
  await expect(page.getByRole('table')).toContainText('record_viewed');
  await expect(page.getByRole('table')).toContainText('submission_created');
  await expectAccessible(page, 'audit log');

  await page.getByLabel('Action').selectOption('record_viewed');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(entries).toHaveCount(1);
  await expect(page.getByText('1 entries')).toBeVisible();

  await page.getByRole('button', { name: 'Export as CSV' }).click();
  await expect(page.getByText(/^Exported 1 entries to the folder kiosk-audit-log-/)).toBeVisible();
  const written = await filesUnder(kiosk.exportDir);
  expect(written.some((file) => /^kiosk-audit-log-[^/]+\/audit-log\.csv$/.test(file))).toBe(true);
});
