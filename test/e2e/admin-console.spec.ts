// page.evaluate callbacks run in the browser: type them against the DOM.
/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { localDay } from '../../src-shared/clinic-time';
import { expectAccessible } from './axe';
import { PASSPHRASE, expect, test } from './fixtures';
import { exportButton, filesUnder, showTab, signInAdmin, submissionRows } from './staff-console';
import { attractButton } from './walkthrough';

test.use({ kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, seed: 3 } });

/** A sentence of the pack's first page, as the record view prints it. */
const PAGE_TEXT = 'It usually takes about 15 minutes.';
const EXPORTED = /^Exported /;

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      return;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('tabTo: Tab never reached the target');
}

/** Today in the browser's calendar, `YYYY-MM-DD`, as a date input wants it. */
/** Today in the clinic's time zone (resources/clinic/profile.json): ranges are the clinic's days. */
function isoToday(): string {
  return localDay(new Date().toISOString(), 'America/New_York');
}

test('search, open a record, export the selection as CSV and a date range as FHIR', async ({
  page,
  kiosk,
}) => {
  await signInAdmin(page);
  const rows = submissionRows(page);
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('table')).toContainText('Not exported');
  await expectAccessible(page, 'submissions list');

  // Search by name, as staff type it (the list waits for a pause in typing).
  await page.getByLabel('Search by name').pressSequentially('client b', { delay: 40 });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Fake Demo-Client B');

  // The record: the client, a page's text, the signature image, then back to the list.
  await rows
    .first()
    .getByRole('button', { name: /Fake Demo-Client B/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Consent record' })).toBeVisible();
  const record = page.getByRole('article');
  await expect(record.getByRole('heading', { name: 'Fake Demo-Client B' })).toBeVisible();
  await expect(record.getByText(PAGE_TEXT)).toBeVisible();
  // Each questionnaire: its title as the client saw it, the answers, the total with its band.
  const phq9 = record.getByRole('region', { name: 'How you have been feeling' });
  await expect(phq9.getByRole('table')).toBeVisible();
  await expect(phq9.getByText(/^PHQ-9 total score: \d+$/)).toBeVisible();
  await expect(phq9.getByText(/Band: /)).toBeVisible();
  await expect(phq9.getByText('Alerts raised:')).toBeVisible();
  await expect(
    record.getByRole('region', { name: 'How anxious you have been feeling' }),
  ).toBeVisible();
  const signature = record.getByRole('img', { name: 'Signature of Fake Demo-Client B' });
  await expect(signature).toHaveAttribute('src', /^data:image\/png;base64,/);
  expect(await signature.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(
    0,
  );
  await expectAccessible(page, 'record view');
  await page.getByRole('button', { name: 'Back to the list' }).first().click();
  await expect(rows).toHaveCount(1);

  // Select the row, export it as CSV.
  await rows.first().getByRole('checkbox').check();
  await expect(page.getByText('Selected: 1')).toBeVisible();
  await page.getByRole('button', { name: 'Export selected…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Export' })).toBeVisible();
  await page.getByRole('radio', { name: 'CSV' }).check();
  await expect(page.getByRole('radio', { name: 'The selected submissions (1)' })).toBeChecked();
  // Encrypted is the default; this one is a plain folder, read back below.
  await expect(page.getByRole('radio', { name: /^Encrypted archive/ })).toBeChecked();
  await page.getByRole('radio', { name: /^Plain folder/ }).check();
  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export complete' });
  await expect(result).toBeVisible();
  await expect(result).toContainText('Submissions exported: 1');
  await expectAccessible(page, 'export result');

  const folder = ((await result.locator('dd').first().textContent()) ?? '').trim();
  expect(folder).not.toBe('');
  const written = await filesUnder(kiosk.exportDir);
  expect(written.some((file) => file.startsWith(`${folder}/`))).toBe(true);
  const listed = await result.getByRole('listitem').allTextContents();
  expect(listed.some((file) => /manifest/i.test(file))).toBe(true);
  for (const file of listed) {
    expect(existsSync(join(kiosk.exportDir, folder, file.trim())), file).toBe(true);
  }
  await expect(result.locator('code')).toHaveText(/^[0-9a-f]{64}$/);

  // The list now says which one was exported.
  await showTab(page, 'Submissions');
  await page.getByLabel('Search by name').fill('');
  await expect(rows).toHaveCount(3);
  const exportedRow = rows.filter({ hasText: 'Fake Demo-Client B' });
  await expect(exportedRow.getByRole('cell').last()).toHaveText(EXPORTED);
  await expect(rows.filter({ hasText: 'Fake Demo-Client A' }).getByRole('cell').last()).toHaveText(
    'Not exported',
  );

  // A reversed date range is refused on the From field.
  await page.getByLabel('From').fill('2031-01-02');
  await page.getByLabel('To').fill('2031-01-01');
  await expect(page.getByLabel('From')).toHaveAccessibleDescription(
    /The start date is after the end date\./,
  );
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(3);

  // FHIR of a date range: today, which holds all three.
  await showTab(page, 'Export');
  await page.getByRole('radio', { name: 'FHIR' }).check();
  await page.getByRole('radio', { name: 'Submitted in a date range' }).check();
  await page.getByLabel('From').fill(isoToday());
  await page.getByLabel('To').fill(isoToday());
  // Encrypted, as by default: one archive, its password shown once, no plaintext file.
  await page.getByRole('radio', { name: /^Encrypted archive/ }).check();
  await exportButton(page).click();
  await expect(result).toContainText('Submissions exported: 3');
  const archive = ((await result.locator('dd').first().textContent()) ?? '').trim();
  expect(archive).toMatch(/^kiosk-export-.+-fhir\.zip$/);
  await expect(result.getByTestId('export-password')).toHaveText(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){5}$/);
  expect(existsSync(join(kiosk.exportDir, archive))).toBe(true);
  const afterFhir = await filesUnder(kiosk.exportDir);
  expect(afterFhir.filter((file) => !file.startsWith(`${folder}/`))).toEqual([archive]);
  await expectAccessible(page, 'encrypted export result');

  // Nothing left that was never exported: the default scope finds nothing new.
  await page.getByRole('radio', { name: 'Submissions not yet exported' }).check();
  await exportButton(page).click();
  await expect(page.getByRole('alert')).toContainText('There is nothing to export');

  await showTab(page, 'Submissions');
  await expect(rows).toHaveCount(3);
  for (const cell of await rows.locator('td:last-child').all()) {
    await expect(cell).toHaveText(EXPORTED);
  }
});

test('the console works from the keyboard alone', async ({ page }) => {
  await expect(page.getByTestId('staff-corner')).toBeAttached();
  await page.keyboard.press('Control+Alt+Shift+S');
  await tabTo(page, page.getByRole('button', { name: 'Administrator', exact: true }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await tabTo(page, page.getByLabel('Administrator passphrase'));
  await page.keyboard.type(PASSPHRASE);
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1, name: 'Submissions' });
  await expect(heading).toBeFocused();

  // Search, then open a record with Enter: focus lands on the record's heading.
  await tabTo(page, page.getByLabel('Search by name'));
  await page.keyboard.type('Client C');
  await expect(submissionRows(page)).toHaveCount(1);
  const row = submissionRows(page).first();
  await tabTo(page, row.getByRole('checkbox'));
  await page.keyboard.press('Space');
  await expect(page.getByText('Selected: 1')).toBeVisible();
  await tabTo(page, row.getByRole('button', { name: /Fake Demo-Client C/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Consent record' })).toBeFocused();

  // The console's tabs and Lock are in the Tab order too.
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, page.getByRole('button', { name: 'Settings', exact: true }), true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Lock', exact: true }), true);
  await page.keyboard.press('Enter');
  await expect(attractButton(page)).toBeVisible();
});

test('a reloaded page is in client mode: the unlock main still held is ended', async ({
  page,
  kiosk,
}) => {
  await signInAdmin(page);
  const locked = page.waitForResponse((response) => response.url().endsWith('/api/admin.lock'));
  await page.reload();
  await locked;
  await expect(attractButton(page)).toBeVisible();
  const state = await page.request.post(`${kiosk.url}api/frontdesk.access`, { data: {} });
  expect(await state.json()).toMatchObject({ ok: true, value: { unlocked: null } });
});

test('an export with nothing to export says so', async ({ page }) => {
  await signInAdmin(page);
  await showTab(page, 'Export');
  await page.getByRole('radio', { name: 'Submitted in a date range' }).check();
  await page.getByLabel('From').fill('2001-01-01');
  await page.getByLabel('To').fill('2001-01-02');
  await exportButton(page).click();
  await expect(page.getByRole('alert')).toHaveText(/There is nothing to export/);
});

test('an export to a folder that is gone says what to do, in words not paths', async ({
  page,
  kiosk,
}) => {
  await signInAdmin(page);
  await showTab(page, 'Export');
  // The "chosen" folder disappears, as an unplugged USB stick would.
  await rm(kiosk.exportDir, { recursive: true, force: true });
  await exportButton(page).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The export failed. Nothing was marked as exported.');
  await expect(alert).toContainText('The chosen folder is not there anymore.');
  await expect(alert).not.toContainText(kiosk.exportDir);
  await expectAccessible(page, 'export failed');
});
