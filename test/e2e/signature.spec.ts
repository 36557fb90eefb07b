import { expectAccessible } from './axe';
import { t } from './en-copy';
import { expect, test } from './fixtures';
import { signInAdmin } from './staff-console';
import {
  CLIENT,
  submit,
  begin,
  currentStep,
  acceptSigningDisclosure,
  drawSignature,
  forwardButton,
  signatureCanvas,
  walkTo,
} from './walkthrough';

test('an empty, too short or wrongly named signature is refused with a visible reason', async ({
  page,
}) => {
  // Six refusals, each a round trip and a redraw: more than the default minute on a busy machine.
  test.slow();
  await begin(page);
  await walkTo(page, 'signature');
  const typedName = page.getByLabel('Type your full name');
  const pad = page.getByRole('group', { name: 'Sign here with your finger' });

  // Nothing drawn, nothing typed.
  await forwardButton(page).click();
  await expect(page.getByText('Please sign in the box before continuing.')).toBeVisible();
  await expect(pad).toHaveAccessibleDescription(/Please sign in the box before continuing\./);
  await expect(typedName).toHaveAccessibleDescription(/Please type your full name\./);
  expect((await currentStep(page)).kind).toBe('signature');

  // A name but still no drawing.
  await typedName.fill(CLIENT.fullName);
  await forwardButton(page).click();
  await expect(page.getByText('Please sign in the box before continuing.')).toBeVisible();
  expect((await currentStep(page)).kind).toBe('signature');

  // A tick too short to be a signature: main refuses it for lack of ink.
  const box = await signatureCanvas(page).boundingBox();
  if (!box) {
    throw new Error('the signature canvas is not on screen');
  }
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 130, box.y + 110, { steps: 5 });
  await page.mouse.up();
  await forwardButton(page).click();
  await expect(page.getByText('It looks too short.', { exact: false })).toBeVisible();
  expect((await currentStep(page)).kind).toBe('signature');

  // Clear empties the pad.
  await page.getByRole('button', { name: 'Clear signature' }).click();
  await expect(page.getByText('Your signature is empty.')).toBeVisible();

  // A real signature under another name.
  await drawSignature(page);
  await typedName.fill('Somebody Else');
  await forwardButton(page).click();
  await expect(typedName).toHaveAccessibleDescription(
    /Please type the same name you entered earlier\./,
  );
  expect((await currentStep(page)).kind).toBe('signature');

  // Right name and drawing, but signing on the screen not agreed to: refused, and said why.
  await typedName.fill(CLIENT.fullName);
  await forwardButton(page).click();
  await expect(page.getByText(t('field.disclosure.required'))).toBeVisible();
  expect((await currentStep(page)).kind).toBe('signature');

  await acceptSigningDisclosure(page);
  await forwardButton(page).click();
  await expect(page.locator('main[data-step-kind="review"]')).toBeVisible();
});

test('the signature step shows the signing disclosure, then what signing means, above the pad', async ({
  page,
}) => {
  await begin(page);
  await walkTo(page, 'signature');
  const disclosure = page.getByRole('group', { name: t('signature.disclosure.title') });
  await expect(disclosure).toContainText(
    'Signing here has the same meaning as signing on paper. If you would rather sign a paper form, please ask the front desk.',
  );
  await expect(disclosure.getByRole('checkbox')).not.toBeChecked();
  await expect(page.getByRole('group', { name: t('signature.meaning.title') })).toContainText(
    'By signing, I confirm that I read these pages and agree to the statements I checked.',
  );
  await expectAccessible(page, 'the signature step with its disclosure and meaning');
});

test('a client who cannot draw signs by typing their name with a statement of intent, and the record says so', async ({
  page,
}) => {
  test.slow();
  await begin(page);
  await walkTo(page, 'signature');
  await page.getByRole('button', { name: t('signature.typeInstead') }).click();
  await expect(page.getByRole('group', { name: 'Sign here with your finger' })).toHaveCount(0);
  const intent = page.getByRole('checkbox', { name: /I mean my typed name to be my signature/ });
  await expect(intent).not.toBeChecked();
  await expectAccessible(page, 'signing by typing');

  // The name alone is not a signature: the statement must be confirmed.
  await page.getByLabel(t('signature.typedName')).fill(CLIENT.fullName);
  await forwardButton(page).click();
  await expect(page.getByText(t('field.intent.required'))).toBeVisible();
  expect((await currentStep(page)).kind).toBe('signature');

  await intent.check();
  await acceptSigningDisclosure(page);
  await forwardButton(page).click();
  await expect(page.getByText(t('review.signedByTyping', { name: CLIENT.fullName }))).toBeVisible();
  const sent = page.waitForResponse((response) => response.url().endsWith('/api/session.submit'));
  await submit(page);
  expect(((await (await sent).json()) as { ok: boolean }).ok).toBe(true);

  await signInAdmin(page);
  await page.getByRole('button', { name: new RegExp(CLIENT.fullName) }).click();
  const record = page.getByRole('article');
  await expect(record.getByText(t('record.signedByTyping'))).toBeVisible();
  await expect(record).toContainText('I mean my typed name to be my signature');
  await expect(record.getByRole('img', { name: /^Signature of/ })).toHaveCount(0);
});
