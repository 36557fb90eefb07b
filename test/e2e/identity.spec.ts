import { expect, test } from './fixtures';
import { CLIENT, begin, currentStep, fillIdentity, forwardButton, walkTo } from './walkthrough';

test('identity errors are shown on the field they belong to', async ({ page }) => {
  await begin(page);
  await walkTo(page, 'identity');
  const fullName = page.getByLabel('Full name');
  const day = page.getByLabel('Day');

  // Nothing typed: both fields say what is missing.
  await forwardButton(page).click();
  await expect(page.getByRole('alert')).toHaveText('Please check the highlighted fields.');
  await expect(fullName).toHaveAttribute('aria-invalid', 'true');
  await expect(fullName).toHaveAccessibleDescription('Error: Please enter your full name.');
  await expect(day).toHaveAttribute('aria-invalid', 'true');
  await expect(day).toHaveAccessibleDescription('Error: Please enter your date of birth.');
  await expect(page.getByRole('group', { name: 'Date of birth' })).toHaveAccessibleDescription(
    /For example, 27 3 1985 Error: Please enter your date of birth\./,
  );
  expect((await currentStep(page)).kind).toBe('identity');

  // A date in the future: only the date is wrong.
  const nextYear = String(new Date().getFullYear() + 1);
  await fillIdentity(page, { ...CLIENT, day: '1', month: '1', year: nextYear });
  await forwardButton(page).click();
  await expect(day).toHaveAccessibleDescription(
    'Error: Your date of birth cannot be in the future.',
  );
  await expect(fullName).not.toHaveAttribute('aria-invalid');
  expect((await currentStep(page)).kind).toBe('identity');

  // A date that does not exist.
  await fillIdentity(page, { ...CLIENT, day: '30', month: '2', year: '2001' });
  await forwardButton(page).click();
  await expect(day).toHaveAccessibleDescription(
    'Error: Please enter a real date of birth, for example 27 3 1985.',
  );
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
