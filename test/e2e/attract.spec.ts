import type { ClinicInfo } from '../../src-main/contract';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';

test('the attract screen offers "Touch to begin" and no language row with a single locale', async ({
  page,
}) => {
  const begin = page.getByRole('button', { name: 'Touch to begin', exact: true });
  await expect(begin).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Choose your language' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'English' })).toHaveCount(0);
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

test("the attract screen shows the clinic's opening hours", async ({ page, kiosk }) => {
  const info = await page.request.post(`${kiosk.url}api/app.info`, { data: {} });
  const { value } = (await info.json()) as { value: { clinic: ClinicInfo } };
  expect(value.clinic.hours).not.toBe('');
  await expect(page.getByText(`Open: ${value.clinic.hours}`, { exact: true })).toBeVisible();
  await expectAccessible(page, 'attract with opening hours');
});
