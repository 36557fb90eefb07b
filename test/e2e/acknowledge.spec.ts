import { expect, test } from './fixtures';
import {
  begin,
  currentStep,
  forwardButton,
  goForward,
  navBar,
  statementBoxes,
  walkTo,
} from './walkthrough';

test('Continue stays blocked until every statement is confirmed', async ({ page }) => {
  await begin(page);
  await walkTo(page, 'acknowledge');
  const step = await currentStep(page);
  const boxes = statementBoxes(page);
  const count = await boxes.count();
  expect(count).toBeGreaterThan(1);

  await expect(forwardButton(page)).toHaveText(/Continue/);
  await expect(forwardButton(page)).toBeDisabled();
  await expect(navBar(page).getByText('Confirm every statement to continue.')).toBeVisible();

  for (let i = 0; i < count - 1; i += 1) {
    await boxes.nth(i).check();
  }
  await expect(page.getByText(`${count - 1} of ${count} confirmed`)).toBeVisible();
  await expect(forwardButton(page)).toBeDisabled();
  await forwardButton(page).click({ force: true });
  expect((await currentStep(page)).id).toBe(step.id);

  await boxes.nth(count - 1).check();
  await expect(page.getByText('All statements confirmed. You can continue.')).toBeVisible();
  await expect(forwardButton(page)).toBeEnabled();

  await boxes.nth(0).uncheck();
  await expect(forwardButton(page)).toBeDisabled();
  await boxes.nth(0).check();
  await expect(forwardButton(page)).toBeEnabled();
  await goForward(page);
  expect((await currentStep(page)).kind).toBe('questionnaire');
});
