import { expect, runKioskCli, test } from './fixtures';
import {
  CLIENT,
  answerCheckCorrectly,
  answerQuestionnaire,
  begin,
  confirmAllStatements,
  currentStep,
  fillIdentity,
  goForward,
  signAs,
  submit,
  watchVideo,
} from './walkthrough';

test('a client walks through every step and submits, and the submission is counted', async ({
  page,
  kiosk,
}) => {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Awaken');
  await begin(page);

  const total = Number((await page.getByText(/^Step 1 of \d+$/).textContent())?.split(' of ')[1]);
  const seen = new Set<string>();
  for (let step = 1; step < total; step += 1) {
    await expect(page.getByText(`Step ${step} of ${total}`)).toBeVisible();
    const { kind, id } = await currentStep(page);
    seen.add(kind);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    switch (kind) {
      case 'page':
        await expect(page.locator('.page-body')).not.toBeEmpty();
        await goForward(page);
        break;
      case 'video':
        await watchVideo(page);
        await goForward(page);
        break;
      case 'check':
        await answerCheckCorrectly(page);
        await goForward(page);
        break;
      case 'acknowledge':
        await confirmAllStatements(page);
        await goForward(page);
        break;
      case 'questionnaire':
        await answerQuestionnaire(page);
        await goForward(page);
        break;
      case 'identity':
        await fillIdentity(page, CLIENT);
        await goForward(page);
        break;
      case 'signature':
        await signAs(page, CLIENT);
        await goForward(page);
        break;
      case 'review':
        throw new Error('the review step is the last one, after this loop');
      default:
        // A new step kind must be walked here too (and added to `seen` below).
        kind satisfies never;
    }
    expect((await currentStep(page)).id).not.toBe(id);
  }

  expect([...seen].sort()).toEqual([
    'acknowledge',
    'check',
    'identity',
    'page',
    'questionnaire',
    'signature',
  ]);
  await expect(page.getByText(`Step ${total} of ${total}`)).toBeVisible();
  expect((await currentStep(page)).kind).toBe('review');
  const review = page.getByRole('main');
  await expect(review.getByText(CLIENT.fullName)).toBeVisible();
  await expect(review.getByText('July 14, 1982')).toBeVisible();
  await expect(review.getByRole('img', { name: 'Your signature' })).toBeVisible();

  await submit(page);
  // No printer configured (the default kiosk.json): no copy is offered.
  await expect(page.getByRole('button', { name: 'Print my copy' })).toHaveCount(0);

  await kiosk.stop();
  const status = await runKioskCli(kiosk.dataDir, ['status', '--json']);
  expect(status.code, status.stderr).toBe(0);
  const json = status.stdout.slice(status.stdout.indexOf('{'), status.stdout.lastIndexOf('}') + 1);
  expect((JSON.parse(json) as { submissions: number }).submissions).toBe(1);
});
