import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { PASSPHRASE, expect, test } from './fixtures';
import { CLIENT, begin, currentStep, dateReadBack, goForward, walkTo } from './walkthrough';

test.use({
  kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, onScreenKeyboard: 'on' },
  // The kiosk's own screen: the keyboard must leave the field in view at this size.
  viewport: { width: 1280, height: 800 },
});

const ACCENTED = new Set('áàâäãåæçéèêëíìîïñóòôöõøœúùûüýÿß');
const NAMED: Record<string, string> = {
  ' ': 'Space',
  "'": 'Apostrophe',
  '-': 'Hyphen',
  ',': 'Comma',
  '.': 'Period',
};

function keyboard(page: Page): Locator {
  return page.getByRole('group', { name: 'On-screen keyboard' });
}

function key(page: Page, name: string): Locator {
  return keyboard(page).getByRole('button', { name, exact: true });
}

/** Every key is a fingertip's size. */
async function expectFingertipKeys(page: Page): Promise<void> {
  for (const box of await keyboard(page)
    .getByRole('button')
    .evaluateAll((keys) => keys.map((element) => element.getBoundingClientRect()))) {
    expect(box.width).toBeGreaterThanOrEqual(56);
    expect(box.height).toBeGreaterThanOrEqual(56);
  }
}

/** The field is in view, above the keyboard. */
async function expectAboveKeyboard(page: Page, field: Locator): Promise<void> {
  const fieldBox = await field.boundingBox();
  const keyboardBox = await keyboard(page).boundingBox();
  expect(fieldBox && keyboardBox).toBeTruthy();
  if (fieldBox && keyboardBox) {
    expect(fieldBox.y).toBeGreaterThanOrEqual(0);
    expect(fieldBox.y + fieldBox.height).toBeLessThanOrEqual(keyboardBox.y);
  }
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

test('the on-screen keyboard types a name, and its number pad the date of birth', async ({
  page,
}) => {
  const name = "Zoë Quill-Marchetti O'Brien, Jr.";
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
  await expect(field).toHaveValue(`Zo${name.slice(3)}`);
  await key(page, 'Accented letters').click();
  await key(page, 'ë').click();
  await expect(field).toHaveValue(name);

  await expectAboveKeyboard(page, field);
  await expectAccessible(page, 'identity with the keyboard open');
  await page.screenshot({ path: test.info().outputPath('on-screen-keyboard.png') });
  await expectFingertipKeys(page);

  // Digits are on the letters keyboard too, where names have them.
  await key(page, 'Plain letters').click();
  await field.fill('Henry Ford ');
  await tapText(page, '2nd');
  await expect(field).toHaveValue('Henry Ford 2nd');
  await field.fill(name);

  await key(page, 'Hide keyboard').click();
  await expect(keyboard(page)).toHaveCount(0);
  await field.click();
  await expect(keyboard(page)).toBeVisible();

  // A date box opens the number pad: digits, Backspace and Hide, no letters.
  const month = page.getByLabel('Month');
  await month.click();
  await expect(keyboard(page)).toBeVisible();
  await expect(key(page, 'q')).toHaveCount(0);
  await expect(key(page, '7')).toBeVisible();
  await key(page, '0').click();
  await key(page, '7').click();
  // The box holds two digits: a third is refused.
  await key(page, '1').click();
  await expect(month).toHaveValue('07');
  await expect(month).toBeFocused();
  await expect(dateReadBack(page)).toHaveText('July');
  await expectAboveKeyboard(page, month);
  await expectFingertipKeys(page);
  await expectAccessible(page, 'identity with the number pad open');
  await page.screenshot({ path: test.info().outputPath('number-pad.png') });

  const day = page.getByLabel('Day');
  await day.click();
  await key(page, '1').click();
  await key(page, '5').click();
  await key(page, 'Backspace').click();
  await key(page, '4').click();
  await expect(day).toHaveValue(CLIENT.day);
  const year = page.getByLabel('Year');
  await year.click();
  for (const digit of CLIENT.year) {
    await key(page, digit).click();
  }
  await expect(year).toHaveValue(CLIENT.year);
  await expect(dateReadBack(page)).toHaveText('July 14, 1982');

  // Back in the name, the letters return.
  await field.click();
  await expect(key(page, 'q')).toBeVisible();

  const saved = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.setIdentity'),
  );
  await goForward(page);
  const body = (await (await saved).json()) as { ok: boolean; value?: { fullName: string } };
  expect(body).toMatchObject({ ok: true, value: { fullName: name, dateOfBirth: '1982-07-14' } });
  expect((await currentStep(page)).kind).not.toBe('identity');
});
