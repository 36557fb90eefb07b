import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { PASSPHRASE, expect, test } from './fixtures';
import { CLIENT, begin, currentStep, goForward, walkTo } from './walkthrough';

test.use({
  kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, onScreenKeyboard: 'on' },
  // The kiosk's own screen: the keyboard must leave the field in view at this size.
  viewport: { width: 1280, height: 800 },
});

const ACCENTED = new Set('áàâäãåæçéèêëíìîïñóòôöõøœúùûüýÿß');
const NAMED: Record<string, string> = { ' ': 'Space', "'": 'Apostrophe', '-': 'Hyphen' };

function keyboard(page: Page): Locator {
  return page.getByRole('group', { name: 'On-screen keyboard' });
}

function key(page: Page, name: string): Locator {
  return keyboard(page).getByRole('button', { name, exact: true });
}

/** Types `text` by tapping keys only: Shift for capitals, the accents layer when needed. */
async function tapText(page: Page, text: string): Promise<void> {
  let accents = false;
  for (const char of text) {
    const lower = char.toLowerCase();
    const named = NAMED[char];
    if (named === undefined && ACCENTED.has(lower) !== accents) {
      await key(page, accents ? 'Plain letters' : 'Accented letters').click();
      accents = !accents;
    }
    if (named === undefined && char !== lower) {
      await key(page, 'Shift').click();
    }
    await key(page, named ?? char).click();
  }
}

test('the on-screen keyboard types an accented name into the identity step', async ({ page }) => {
  const name = "Zoë O'Brien-Núñez";
  await begin(page);
  await walkTo(page, 'identity');
  await expect(keyboard(page)).toHaveCount(0);

  const field = page.getByLabel('Full name');
  await field.click();
  await expect(keyboard(page)).toBeVisible();
  await tapText(page, name);
  await expect(field).toHaveValue(name);
  // The keys never took focus from the field, and the caret is at the end of the name.
  await expect(field).toBeFocused();
  expect(await field.evaluate((input: HTMLInputElement) => input.selectionStart)).toBe(name.length);

  // Backspace deletes before the caret; a key then types there, in the middle of the name.
  await field.evaluate((input: HTMLInputElement) => {
    input.setSelectionRange(3, 3);
  });
  await key(page, 'Backspace').click();
  await expect(field).toHaveValue("Zo O'Brien-Núñez");
  await key(page, 'Accented letters').click();
  await key(page, 'ë').click();
  await expect(field).toHaveValue(name);

  // The field stays in view above the keyboard.
  const fieldBox = await field.boundingBox();
  const keyboardBox = await keyboard(page).boundingBox();
  expect(fieldBox && keyboardBox).toBeTruthy();
  if (fieldBox && keyboardBox) {
    expect(fieldBox.y).toBeGreaterThanOrEqual(0);
    expect(fieldBox.y + fieldBox.height).toBeLessThanOrEqual(keyboardBox.y);
  }
  await expectAccessible(page, 'identity with the keyboard open');
  await page.screenshot({ path: test.info().outputPath('on-screen-keyboard.png') });

  // Every key is a fingertip's size.
  for (const box of await keyboard(page)
    .getByRole('button')
    .evaluateAll((keys) => keys.map((element) => element.getBoundingClientRect()))) {
    expect(box.width).toBeGreaterThanOrEqual(56);
    expect(box.height).toBeGreaterThanOrEqual(56);
  }

  await key(page, 'Hide keyboard').click();
  await expect(keyboard(page)).toHaveCount(0);
  await field.click();
  await expect(keyboard(page)).toBeVisible();

  // Another kind of field takes the keyboard away.
  await page.getByLabel('Day').fill(CLIENT.day);
  await expect(keyboard(page)).toHaveCount(0);
  await page.getByLabel('Month').fill(CLIENT.month);
  await page.getByLabel('Year').fill(CLIENT.year);

  const saved = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.setIdentity'),
  );
  await goForward(page);
  const body = (await (await saved).json()) as { ok: boolean; value?: { fullName: string } };
  expect(body).toMatchObject({ ok: true, value: { fullName: name } });
  expect((await currentStep(page)).kind).not.toBe('identity');
});
