import type { ClinicInfo } from '../../src-main/contract';
import { expectAccessible } from './axe';
import { t } from './en-copy';
import { expect, PASSPHRASE, test } from './fixtures';
import { CHECK_IN, FIRST_VISIT, programmeName, stepMain } from './walkthrough';

test.describe('a clinic with one programme', () => {
  test.use({ kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, pack: FIRST_VISIT } });

  test('the attract screen offers "Touch to begin" alone, with a row of the pack\'s languages', async ({
    page,
  }) => {
    const begin = page.getByRole('button', { name: 'Touch to begin', exact: true });
    await expect(begin).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The default pack is in English and Spanish: each named in itself, English chosen.
    const languages = page.getByRole('group', { name: 'Choose your language' });
    await expect(languages.getByRole('button')).toHaveText(['English', 'Español']);
    await expect(languages.getByRole('button', { name: 'English' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(languages.getByRole('button', { name: 'Español' })).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { name: t('welcome.programmes') })).toHaveCount(0);
    await expectAccessible(page, 'attract');

    // The target fills the screen below the name: a tap near its far corner begins too.
    const box = await begin.boundingBox();
    if (!box) {
      throw new Error('the begin button is not on screen');
    }
    expect(box.height).toBeGreaterThan(300);
    await page.mouse.click(box.x + box.width - 20, box.y + box.height - 20);
    await expect(page.getByText(/^Step 1 of \d+$/)).toBeVisible();
  });
});

test("the attract screen offers the clinic's programmes in kiosk.json's order, each a large target", async ({
  page,
}) => {
  const programmes = page.getByRole('region', { name: t('welcome.programmes') });
  const buttons = programmes.getByRole('button');
  await expect(buttons).toHaveCount(2);
  await expect(buttons.nth(0)).toContainText(programmeName(FIRST_VISIT));
  await expect(buttons.nth(1)).toContainText(programmeName(CHECK_IN));
  // Each says what it holds, in words, not only its name.
  await expect(buttons.nth(1)).toContainText('safety check');
  await expect(page.getByRole('button', { name: 'Touch to begin', exact: true })).toHaveCount(0);
  for (const index of [0, 1]) {
    const box = await buttons.nth(index).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(140);
  }
  await expectAccessible(page, 'attract with two programmes');

  // The check-in has no education: it starts at "Your details", and its record names its pack.
  await buttons.nth(1).click();
  await expect(page.getByText(/^Step 1 of 5$/)).toBeVisible();
  await expect(stepMain(page)).toHaveAttribute('data-step-kind', 'identity');
});

test("the attract screen shows the clinic's opening hours", async ({ page, kiosk }) => {
  const info = await page.request.post(`${kiosk.url}api/app.info`, { data: {} });
  const { value } = (await info.json()) as { value: { clinic: ClinicInfo } };
  expect(value.clinic.hours).not.toBe('');
  await expect(page.getByText(`Open: ${value.clinic.hours}`, { exact: true })).toBeVisible();
  await expectAccessible(page, 'attract with opening hours');
});
