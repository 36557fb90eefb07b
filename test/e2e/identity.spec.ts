import { expect, test } from './fixtures';
import {
  CLIENT,
  begin,
  currentStep,
  dateBoxes,
  dateReadBack,
  fillIdentity,
  forwardButton,
  goForward,
  walkTo,
  type Client,
} from './walkthrough';

test('identity errors are shown on the field, and the date box, they belong to', async ({
  page,
}) => {
  await begin(page);
  await walkTo(page, 'identity');
  const fullName = page.getByLabel('Full name');
  const month = page.getByLabel('Month');
  const day = page.getByLabel('Day');
  const year = page.getByLabel('Year');

  // Nothing typed: both fields say what is missing.
  await forwardButton(page).click();
  await expect(page.getByRole('alert')).toHaveText('Please check the highlighted fields.');
  await expect(fullName).toHaveAttribute('aria-invalid', 'true');
  await expect(fullName).toHaveAccessibleDescription('Error: Please enter your full name.');
  await expect(day).toHaveAttribute('aria-invalid', 'true');
  await expect(day).toHaveAccessibleDescription('Error: Please enter your date of birth.');
  await expect(page.getByRole('group', { name: 'Date of birth' })).toHaveAccessibleDescription(
    /For example, 03 27 1985 Error: Please enter your date of birth\./,
  );
  expect((await currentStep(page)).kind).toBe('identity');

  // A date in the future: only the date is wrong, all of it.
  const nextYear = String(new Date().getFullYear() + 1);
  await fillIdentity(page, { ...CLIENT, month: '1', day: '1', year: nextYear });
  await forwardButton(page).click();
  await expect(day).toHaveAccessibleDescription(
    'Error: Your date of birth cannot be in the future.',
  );
  await expect(fullName).not.toHaveAttribute('aria-invalid');
  expect((await currentStep(page)).kind).toBe('identity');

  // 14 / 07 / 1982, day first: the month box is the one named, and the only one marked.
  await fillIdentity(page, { ...CLIENT, month: '14', day: '07', year: '1982' });
  await forwardButton(page).click();
  await expect(month).toHaveAccessibleDescription(
    'Error: Please check the month: it must be a number from 1 to 12.',
  );
  await expect(day).not.toHaveAttribute('aria-invalid');
  await expect(year).not.toHaveAttribute('aria-invalid');
  expect((await currentStep(page)).kind).toBe('identity');

  // A day the month does not have: the day box, with the month's length in words.
  await fillIdentity(page, { ...CLIENT, month: '2', day: '30', year: '2001' });
  await forwardButton(page).click();
  await expect(day).toHaveAccessibleDescription(
    'Error: Please check the day: February 2001 has 28 days.',
  );
  await expect(month).not.toHaveAttribute('aria-invalid');
  expect((await currentStep(page)).kind).toBe('identity');

  // A two-digit year.
  await fillIdentity(page, { ...CLIENT, year: '82' });
  await forwardButton(page).click();
  await expect(year).toHaveAccessibleDescription(
    'Error: Please check the year: it must have all 4 digits, for example 1985.',
  );
  await expect(day).not.toHaveAttribute('aria-invalid');
  expect((await currentStep(page)).kind).toBe('identity');

  // Characters nobody can see: a right-to-left override, then a zero-width space.
  for (const hidden of ['\u202E', '\u200B']) {
    await fillIdentity(page, { ...CLIENT, fullName: `Marguerite${hidden} Quillfeather` });
    await forwardButton(page).click();
    await expect(fullName).toHaveAccessibleDescription(
      'Error: Your name contains an invisible character. Please clear the box and type your name again.',
    );
    await expect(day).not.toHaveAttribute('aria-invalid');
    expect((await currentStep(page)).kind).toBe('identity');
  }

  // Put right, the step is accepted.
  await fillIdentity(page, CLIENT);
  await forwardButton(page).click();
  await expect(page.locator('main[data-step-kind="signature"]')).toBeVisible();
});

test('a US client types 07 14 1982 month first: stored as 1982-07-14, read back as July 14, 1982', async ({
  page,
}) => {
  // A name as people write it: diaeresis, hyphen, apostrophe, comma, suffix.
  const client: Client = { ...CLIENT, fullName: "Zoë Quill-Marchetti O'Brien, Jr." };
  await begin(page);
  await walkTo(page, 'identity', client);
  await page.getByLabel('Full name').fill(client.fullName);

  // The boxes stand month, day, year, and each is named.
  const boxes = dateBoxes(page);
  await expect(boxes).toHaveCount(3);
  await expect(boxes.nth(0)).toHaveAccessibleName('Month');
  await expect(boxes.nth(1)).toHaveAccessibleName('Day');
  await expect(boxes.nth(2)).toHaveAccessibleName('Year');

  // Typed box after box, as a client would, the date is read back as it grows.
  await boxes.nth(0).click();
  await page.keyboard.type('07');
  await expect(dateReadBack(page)).toHaveText('July');
  await page.keyboard.press('Tab');
  await page.keyboard.type('14');
  await expect(dateReadBack(page)).toHaveText('July 14');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1982');
  await expect(dateReadBack(page)).toHaveText('July 14, 1982');

  const saved = page.waitForRequest((request) =>
    request.url().endsWith('/api/session.setIdentity'),
  );
  const answered = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.setIdentity'),
  );
  await goForward(page);
  expect((await saved).postDataJSON()).toMatchObject({ dateOfBirth: '1982-07-14' });
  expect(await (await answered).json()).toEqual({
    ok: true,
    value: { fullName: client.fullName, dateOfBirth: '1982-07-14' },
  });

  await walkTo(page, 'review', client);
  const details = page.getByRole('region', { name: 'Your details' });
  await expect(details).toContainText(client.fullName);
  await expect(details).toContainText('July 14, 1982');
});
