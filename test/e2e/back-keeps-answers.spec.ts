import { expect, test } from './fixtures';
import {
  CLIENT,
  answerCheckCorrectly,
  begin,
  currentStep,
  fillIdentity,
  forwardButton,
  goBack,
  goForward,
  signAs,
  statementBoxes,
  stepMain,
  walkTo,
} from './walkthrough';

test('going back and forward keeps every answer the client gave', async ({ page }) => {
  await begin(page);
  await expect(page.getByRole('button', { name: 'Back', exact: true })).toBeDisabled();

  // A check answered correctly stays answered.
  await walkTo(page, 'check');
  const check = await currentStep(page);
  await answerCheckCorrectly(page);
  const chosen = await stepMain(page).getByRole('radio', { checked: true }).inputValue();
  await goBack(page);
  await goForward(page);
  expect((await currentStep(page)).id).toBe(check.id);
  await expect(stepMain(page).getByRole('radio', { checked: true })).toHaveValue(chosen);
  await expect(page.getByText("That's right. You can continue.")).toBeVisible();
  await expect(forwardButton(page)).toBeEnabled();

  // Ticked statements stay ticked; unticked ones stay unticked.
  await walkTo(page, 'acknowledge');
  const boxes = statementBoxes(page);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await goBack(page);
  await goForward(page);
  await expect(boxes.nth(0)).toBeChecked();
  await expect(boxes.nth(1)).toBeChecked();
  await expect(boxes.nth(2)).not.toBeChecked();

  // Typed name and date of birth survive a trip back.
  await walkTo(page, 'identity');
  await fillIdentity(page, CLIENT);
  await goForward(page);
  await goBack(page);
  await expect(page.getByLabel('Full name')).toHaveValue(CLIENT.fullName);
  await expect(page.getByLabel('Day')).toHaveValue(CLIENT.day);
  await expect(page.getByLabel('Month')).toHaveValue(CLIENT.month);
  await expect(page.getByLabel('Year')).toHaveValue(CLIENT.year);

  // So do the drawn signature and the typed name.
  await goForward(page);
  await signAs(page, CLIENT);
  await goBack(page);
  await goForward(page);
  expect((await currentStep(page)).kind).toBe('signature');
  await expect(page.getByText('Signature drawn.')).toBeVisible();
  await expect(page.getByLabel('Type your full name')).toHaveValue(CLIENT.fullName);
  await goForward(page);
  expect((await currentStep(page)).kind).toBe('review');
});
