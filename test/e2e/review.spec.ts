import { expect, test } from './fixtures';
import {
  CLIENT,
  begin,
  currentStep,
  acceptSigningDisclosure,
  drawSignature,
  forwardButton,
  navBar,
  submit,
  walkTo,
} from './walkthrough';

test('review shows what was given, Change jumps there and back, and Submit lists what is missing', async ({
  page,
}) => {
  await begin(page);
  await walkTo(page, 'review');
  const review = await currentStep(page);
  const details = page.getByRole('region', { name: 'Your details' });
  await expect(details).toContainText(CLIENT.fullName);
  await expect(details).toContainText('July 14, 1982');
  await expect(
    page.getByRole('region', { name: 'Statements you confirmed' }).getByRole('listitem'),
  ).not.toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Questions you answered' })).not.toContainText(
    'Not done yet',
  );

  // Change the name: the step opens with a way straight back to review.
  await page.getByRole('button', { name: 'Change: Your details' }).click();
  expect((await currentStep(page)).kind).toBe('identity');
  await expect(page.getByLabel('Full name')).toHaveValue(CLIENT.fullName);
  const newName = `${CLIENT.fullName}-Smith`;
  await page.getByLabel('Full name').fill(newName);
  await navBar(page).getByRole('button', { name: 'Back to review' }).click();
  await expect(page.locator(`main[data-step-id="${review.id}"]`)).toBeVisible();
  await expect(details).toContainText(newName);

  // A signature belongs to the name it was made under: it must be given again.
  const signature = page.getByRole('region', { name: 'Your signature' });
  await expect(signature).toContainText('Not done yet');
  await forwardButton(page).click();
  const missing = page
    .getByRole('alert')
    .filter({ hasText: 'A few steps still need your attention' });
  await expect(missing).toBeVisible();
  await missing.getByRole('button', { name: /^Go to '.+'$/ }).click();
  expect((await currentStep(page)).kind).toBe('signature');

  await acceptSigningDisclosure(page);
  await drawSignature(page);
  await page.getByLabel('Type your full name').fill(newName);
  await navBar(page).getByRole('button', { name: 'Back to review' }).click();
  await expect(signature.getByRole('img', { name: 'Your signature' })).toBeVisible();
  await submit(page);
});
