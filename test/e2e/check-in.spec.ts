/**
 * Issue 9, section 3: the treatment-day check-in, the second of the clinic's programmes. Its
 * client gives their details, answers the PHQ-9, the GAD-7 and the clinic's safety checklist,
 * and sends it: no education, no signature. An answer the clinic wants to know of before
 * dosing ("no ride home") tells the front desk, with the lower-priority alert.
 */
import { expectAccessible } from './axe';
import { copyPattern, t } from './en-copy';
import { PASSPHRASE, expect, test } from './fixtures';
import { FRONT_DESK_PIN, lockStaffArea, signInAdmin, signInFrontDesk } from './staff-console';
import {
  CHECK_IN,
  CLIENT,
  answerQuestionnaire,
  begin,
  calmAnswer,
  currentStep,
  goForward,
  stepMain,
  submit,
  walkTo,
} from './walkthrough';

test.use({
  kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, pin: FRONT_DESK_PIN },
});

test('a check-in asks details, PHQ-9, GAD-7 and the safety checklist, needs no signature, and "no ride home" tells the front desk', async ({
  page,
}) => {
  test.slow();
  await begin(page, CHECK_IN);
  await expect(page.getByText(/^Step 1 of 5$/)).toBeVisible();
  expect((await currentStep(page)).kind).toBe('identity');

  const seen: string[] = [];
  for (const expected of ['phq-9', 'gad-7', 'safety-check']) {
    await walkTo(page, 'questionnaire');
    expect((await currentStep(page)).id).toBe(expected);
    seen.push(expected);
    if (expected !== 'safety-check') {
      await answerQuestionnaire(page);
      await goForward(page);
    }
  }
  expect(seen).toEqual(['phq-9', 'gad-7', 'safety-check']);

  // The checklist: yes/no tiles, a time of day, and a note that shows only after a "Yes".
  await expect(stepMain(page).getByText('ride home')).toBeVisible();
  await expectAccessible(page, 'safety checklist item');
  const times: string[] = [];
  await answerQuestionnaire(page, (question, labels) => {
    if (/ride home/.test(question)) {
      return labels.indexOf('No');
    }
    if (/changed the dose/.test(question)) {
      return labels.indexOf('Yes');
    }
    if (/Which medicine/.test(question)) {
      return 'Started sertraline 50 mg';
    }
    const answer = calmAnswer(question, labels);
    if (typeof answer === 'string') {
      times.push(question);
    }
    return answer;
  });
  expect(times).toHaveLength(2);
  await goForward(page);

  // Review, then send: the step after review is the thank-you, with no signature step between.
  expect((await currentStep(page)).kind).toBe('review');
  await expect(stepMain(page)).toContainText('Started sertraline 50 mg');
  await submit(page);

  await signInFrontDesk(page);
  const alerts = page.getByTestId('open-alert');
  // Two front-desk alerts (no ride home, a medicine change); the PHQ-9 raised none.
  await expect(alerts).toHaveCount(2);
  await expect(alerts.filter({ hasText: 'The front desk is needed' })).toHaveCount(2);
  await expect(alerts.filter({ hasText: 'A clinician is needed now' })).toHaveCount(0);
  await expect(page.getByTestId('open-alerts')).not.toContainText('sertraline');
  await expect(page.getByText(copyPattern('alerts.rule', { rule: 'no-ride-home' }))).toBeVisible();
  await lockStaffArea(page);

  // The administrator's record: a check-in record of its pack, its checklist, no signature.
  await signInAdmin(page);
  await page.getByRole('button', { name: new RegExp(CLIENT.fullName) }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: t('record.title.check-in') }),
  ).toBeVisible();
  const record = page.getByRole('article');
  await expect(record).toContainText('ketamine-check-in');
  await expect(record.getByRole('region', { name: 'Safety check for today' })).toContainText(
    'Started sertraline 50 mg',
  );
  await expect(record.getByText(t('record.noSignature'))).toBeVisible();
  await expect(record.getByRole('img', { name: /^Signature of/ })).toHaveCount(0);
  await expectAccessible(page, 'check-in record');
});
