import { expect, test } from './fixtures';
import {
  answerCheckCorrectly,
  begin,
  completeStep,
  currentStep,
  forwardButton,
  navBar,
  stepMain,
  tryAnswer,
  walkTo,
} from './walkthrough';

test('a wrong answer is corrected kindly, links to its page, and Next waits for a right one', async ({
  page,
}) => {
  await begin(page);
  await walkTo(page, 'check');

  // Answer the first option of each check until one is wrong (any pack puts a wrong one first
  // somewhere); a right answer just moves on.
  let check = await currentStep(page);
  for (let guard = 0; ; guard += 1) {
    expect(guard, 'no check had a wrong first option').toBeLessThan(10);
    await expect(forwardButton(page)).toBeDisabled();
    await expect(
      navBar(page).getByText('Answer the question correctly to continue.'),
    ).toBeVisible();
    if (!(await tryAnswer(page, stepMain(page).getByRole('radio').first()))) {
      break;
    }
    await completeStep(page);
    await walkTo(page, 'check');
    check = await currentStep(page);
  }

  const feedback = page.getByTestId('check-feedback');
  await expect(feedback).toBeVisible();
  expect((await feedback.innerText()).trim().length).toBeGreaterThan(20);
  await expect(forwardButton(page)).toBeDisabled();
  // A forced click on the blocked button must not move on.
  await forwardButton(page).click({ force: true });
  expect((await currentStep(page)).id).toBe(check.id);

  const readAgain = feedback.getByRole('button', { name: /^Read '.+' again$/ });
  const label = (await readAgain.textContent()) ?? '';
  const title = /Read '(.+)' again/.exec(label)?.[1] ?? '';
  await readAgain.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  expect((await currentStep(page)).kind).toBe('page');

  await navBar(page).getByRole('button', { name: 'Back to the question' }).click();
  await expect(stepMain(page)).toHaveAttribute('data-step-id', check.id);
  await expect(forwardButton(page)).toBeDisabled();

  await answerCheckCorrectly(page);
  await expect(page.getByText("That's right. You can continue.")).toBeVisible();
  await expect(forwardButton(page)).toBeEnabled();
});
