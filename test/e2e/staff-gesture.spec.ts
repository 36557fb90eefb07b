import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { lockStaffArea, openStaffArea, staffEntryHeading, tapCorner } from './staff-console';
import { CLIENT, begin, fillIdentity, walkTo, attractButton } from './walkthrough';

test('the corner is invisible: not focusable, hidden from assistive technology, 72×72 px', async ({
  page,
}) => {
  const corner = page.getByTestId('staff-corner');
  await expect(corner).toHaveAttribute('aria-hidden', 'true');
  await expect(corner).not.toHaveAttribute('tabindex');
  expect(await corner.boundingBox()).toEqual({ x: 0, y: 0, width: 72, height: 72 });
  const look = await corner.evaluate((element) => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, cursor: style.cursor, outline: style.outlineStyle };
  });
  expect(look).toEqual({ background: 'rgba(0, 0, 0, 0)', cursor: 'auto', outline: 'none' });
});

test('near misses do nothing: four taps, five without the hold, five elsewhere', async ({
  page,
}) => {
  const begin = attractButton(page);
  await expect(begin).toBeVisible();

  // Four taps, the last held well past a second.
  await tapCorner(page, { taps: 4, holdLastMs: 1500 });
  await page.waitForTimeout(300);
  await expect(staffEntryHeading(page)).toHaveCount(0);
  await expect(begin).toBeVisible();

  // Five quick taps, none held; reload so no earlier tap counts towards the next try.
  await page.reload();
  await tapCorner(page, { taps: 5, holdLastMs: 0 });
  await page.waitForTimeout(1500);
  await expect(staffEntryHeading(page)).toHaveCount(0);

  // Five taps with the hold, just outside the corner and in the opposite corner.
  await page.reload();
  await tapCorner(page, { taps: 5, holdLastMs: 1300, at: { x: 80, y: 20 } });
  await page.reload();
  const width = page.viewportSize()?.width ?? 1920;
  await tapCorner(page, { taps: 5, holdLastMs: 1300, at: { x: width - 30, y: 30 } });
  await page.waitForTimeout(300);
  await expect(staffEntryHeading(page)).toHaveCount(0);
  await expect(begin).toBeVisible();
});

test('the gesture mid-session discards the client session and clears the screen', async ({
  page,
}) => {
  await begin(page);
  await walkTo(page, 'identity');
  await fillIdentity(page, CLIENT);

  const discarded = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.discard'),
  );
  await openStaffArea(page);
  expect(((await (await discarded).json()) as { ok: boolean }).ok).toBe(true);
  await expect(page.locator('body')).not.toContainText(CLIENT.fullName);
  expect(await page.content()).not.toContain(CLIENT.fullName);

  // Locking returns to a fresh welcome screen; the next client starts from nothing.
  await lockStaffArea(page);
  await begin(page);
  await walkTo(page, 'identity');
  await expect(page.getByLabel('Full name')).toHaveValue('');
});

test('Ctrl+Alt+Shift+S opens the staff area from the welcome screen', async ({ page }) => {
  await expect(attractButton(page)).toBeVisible();
  await page.keyboard.press('Control+Alt+Shift+S');
  await expect(staffEntryHeading(page)).toBeVisible();
  await expect(staffEntryHeading(page)).toBeFocused();
  await expectAccessible(page, 'staff sign-in');
  await page.getByRole('button', { name: 'Back to the client screen' }).click();
  await expect(attractButton(page)).toBeVisible();
});
