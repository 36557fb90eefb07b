/**
 * The PHQ-9 and GAD-7 as a client meets them: one item a screen with "Question x of y", Next
 * held until a required item is answered, Back keeping answers, the difficulty item only after
 * a problem was checked, and the support screen when item 9 is above "Not at all".
 */
import { expectAccessible } from './axe';
import { copyPattern, t } from './en-copy';
import { expect, test } from './fixtures';
import {
  answerQuestionnaire,
  backButton,
  begin,
  currentStep,
  forwardButton,
  goForward,
  questionPosition,
  stepMain,
  walkTo,
} from './walkthrough';

const ITEM_9 = /^Thoughts that you would be better off dead/;

test('one item a screen: Next waits for an answer, Back keeps it, item 10 follows a problem', async ({
  page,
}) => {
  await begin(page);
  await walkTo(page, 'questionnaire');
  expect((await currentStep(page)).id).toBe('phq-9');
  await expect(
    stepMain(page).getByText(copyPattern('questionnaire.progress', { current: 1, total: 9 })),
  ).toBeVisible();
  await expect(
    stepMain(page).getByText('Over the last 2 weeks, how often have you been bothered'),
  ).toBeVisible();
  await expect(stepMain(page).getByText(/^Developed by Drs\. Robert L\. Spitzer/)).toBeVisible();
  await expect(stepMain(page).getByRole('radio')).toHaveCount(4);
  await expectAccessible(page, 'questionnaire item');

  // Required: Next is held, and says why.
  await expect(forwardButton(page)).toBeDisabled();
  await expect(page.getByText(t('nav.nextBlocked.questionnaire'))).toBeVisible();

  await stepMain(page).getByRole('radio', { name: 'Several days' }).check();
  await forwardButton(page).click();
  await expect(
    stepMain(page).getByText(copyPattern('questionnaire.progress', { current: 2, total: 10 })),
  ).toBeVisible();

  // Back to item 1: the answer is still there; Back again leaves the questionnaire.
  await backButton(page).click();
  await expect(stepMain(page).getByRole('radio', { name: 'Several days' })).toBeChecked();
  await backButton(page).click();
  expect((await currentStep(page)).kind).not.toBe('questionnaire');
  await goForward(page);
  // Coming back from the step before starts at the first item, answers kept.
  expect(await questionPosition(page)).toEqual({ current: 1, total: 10 });
  await expect(stepMain(page).getByRole('radio', { name: 'Several days' })).toBeChecked();

  // "Not at all" everywhere hides the difficulty item again.
  await stepMain(page).getByRole('radio', { name: 'Not at all' }).check();
  expect(await questionPosition(page)).toEqual({ current: 1, total: 9 });
});

test('an answer above "Not at all" to item 9 brings the support screen, then the client goes on', async ({
  page,
}) => {
  await begin(page);
  await walkTo(page, 'questionnaire');
  await answerQuestionnaire(page, (question) => (ITEM_9.test(question) ? 1 : 0));
  // With a problem checked, the difficulty item comes last; leave it (it is optional).
  const { current, total } = await questionPosition(page);
  if (current < total) {
    await forwardButton(page).click();
  }
  await forwardButton(page).click();
  const support = page.getByTestId('support-screen');
  await expect(support).toBeVisible();
  await expect(support.getByRole('heading', { name: 'Thank you for telling us' })).toBeVisible();
  await expect(support.getByText(/call or text 988/)).toBeVisible();
  await expectAccessible(page, 'support');
  await goForward(page);
  expect((await currentStep(page)).id).toBe('gad-7');
});
