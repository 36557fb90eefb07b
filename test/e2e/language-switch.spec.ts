/**
 * A client switches language in the middle of a session and loses nothing. The pack is the
 * test pack in English and Spanish (test/fixtures/packs/bilingual), whose words the spec names;
 * the kiosk's own strings are found through `copyIn`, in the language on screen.
 */
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { copyIn, t, type Copy } from './en-copy';
import { PASSPHRASE, expect, test } from './fixtures';
import { signInAdmin, staffEntryHeading, submissionRows } from './staff-console';
import {
  CLIENT,
  answerCheckCorrectly,
  begin,
  fillIdentity,
  goForward,
  signAs,
  statementBoxes,
  stepMain,
} from './walkthrough';

const EN = copyIn('en');
const ES = copyIn('es');

function languageSwitch(page: Page, copy: Copy) {
  return page.getByRole('group', { name: copy.t('welcome.language') });
}

/** Taps a language in the step screen's header and waits for the page to be in it. */
async function switchTo(page: Page, from: Copy, name: string, lang: string): Promise<void> {
  await languageSwitch(page, from).getByRole('button', { name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

function navButton(page: Page, copy: Copy, keys: Parameters<Copy['copyPattern']>[0]) {
  return page
    .getByRole('navigation', { name: copy.t('nav.label') })
    .getByRole('button', { name: copy.copyPattern(keys) });
}

/** Next, Continue or Submit, in `copy`'s words. */
async function forward(page: Page, copy: Copy): Promise<void> {
  await navButton(page, copy, ['nav.next', 'nav.continue', 'nav.submit']).click();
}

async function back(page: Page, copy: Copy): Promise<void> {
  await navButton(page, copy, 'nav.back').click();
}

async function expectStep(page: Page, stepId: string, title: string): Promise<void> {
  await expect(stepMain(page)).toHaveAttribute('data-step-id', stepId);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

test.describe('a pack in two languages', () => {
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      pack: 'bilingual',
      contentDir: 'test/fixtures/packs',
    },
  });

  test('a client switches to Spanish and back mid-flow, keeping every answer, and the record says which language showed what', async ({
    page,
  }) => {
    test.slow();
    await begin(page);
    await expectStep(page, 'welcome', 'Welcome');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const choices = languageSwitch(page, EN);
    await expect(choices.getByRole('button', { name: 'English' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const spanish = choices.getByRole('button', { name: 'Español' });
    await expect(spanish).toHaveAttribute('lang', 'es');
    await expect(spanish).toHaveAttribute('aria-pressed', 'false');

    // In English: both pages, the check, the first statement.
    await goForward(page);
    await goForward(page);
    await answerCheckCorrectly(page);
    await goForward(page);
    await expectStep(page, 'statements', 'Before you go on');
    await statementBoxes(page).nth(0).check();

    // Español: the same step, in Spanish, the ticked statement still ticked.
    await switchTo(page, EN, 'Español', 'es');
    await expectStep(page, 'statements', 'Antes de seguir');
    await expect(
      page.getByRole('checkbox', { name: 'Entiendo en qué consiste la visita.' }),
    ).toBeChecked();
    await expect(
      page.getByRole('checkbox', { name: 'Sé que puedo hacer preguntas en cualquier momento.' }),
    ).not.toBeChecked();
    await expect(languageSwitch(page, ES).getByRole('button', { name: 'Español' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByText('Por favor, confirme cada afirmación.')).toBeVisible();
    await expectAccessible(page, 'Spanish statements');

    // The check answered in English stays answered, now in Spanish.
    await back(page, ES);
    await expectStep(page, 'check-length', 'Pregunta rápida');
    await expect(page.getByText('¿Cuánto dura la visita?')).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Alrededor de una hora' })).toBeChecked();
    await expect(page.getByText(ES.t('check.correct'))).toBeVisible();
    await forward(page, ES);
    await expectStep(page, 'statements', 'Antes de seguir');
    await statementBoxes(page).nth(1).check();
    await expect(page.getByText(ES.t('acknowledge.complete'))).toBeVisible();
    await forward(page, ES);

    // The questionnaire: the first item in Spanish, the second after switching back to English.
    await expectStep(page, 'wellbeing', 'Cómo ha estado');
    await stepMain(page).getByRole('radio', { name: 'A menudo' }).check();
    await forward(page, ES);
    await expect(stepMain(page).locator('legend')).toHaveText('Preocuparse mucho');
    await switchTo(page, ES, 'English', 'en');
    await expect(stepMain(page).locator('legend')).toHaveText('Worrying a lot');
    await stepMain(page).getByRole('radio', { name: 'Sometimes' }).check();
    await back(page, EN);
    await expect(stepMain(page).locator('legend')).toHaveText('Sleeping badly');
    await expect(stepMain(page).getByRole('radio', { name: 'Often' })).toBeChecked();
    await forward(page, EN);
    await expect(stepMain(page).getByRole('radio', { name: 'Sometimes' })).toBeChecked();
    await goForward(page);

    // Details and signature in English; then Español again: both kept, there and back.
    await expectStep(page, 'identity', 'Your details');
    await fillIdentity(page, CLIENT);
    await goForward(page);
    await signAs(page, CLIENT);
    await switchTo(page, EN, 'Español', 'es');
    await expectStep(page, 'signature', 'Su firma');
    await expect(page.getByText(ES.t('signature.drawn'))).toBeVisible();
    await expect(page.getByLabel(ES.t('signature.typedName'))).toHaveValue(CLIENT.fullName);
    await back(page, ES);
    await expectStep(page, 'identity', 'Sus datos');
    await expect(page.getByLabel(ES.t('identity.fullName'), { exact: true })).toHaveValue(
      CLIENT.fullName,
    );
    await expect(page.getByLabel(ES.t('identity.day'), { exact: true })).toHaveValue(CLIENT.day);
    await expect(page.getByLabel(ES.t('identity.month'), { exact: true })).toHaveValue(
      CLIENT.month,
    );
    await expect(page.getByLabel(ES.t('identity.year'), { exact: true })).toHaveValue(CLIENT.year);
    await forward(page, ES);
    await expectStep(page, 'signature', 'Su firma');
    await forward(page, ES);
    await expectStep(page, 'review', 'Revise y termine');
    await forward(page, ES);
    await expect(
      page.getByRole('heading', { level: 1, name: ES.t('thankYou.title') }),
    ).toBeVisible();

    // The record: each text in the language it was shown in, marked so.
    await expect(page.getByRole('button', { name: t('welcome.begin') })).toBeVisible();
    await signInAdmin(page);
    await submissionRows(page)
      .first()
      .getByRole('button', { name: new RegExp(CLIENT.fullName) })
      .click();
    const record = page.getByRole('article');
    await expect(record.getByText('English (en) at the start; also Spanish (es)')).toBeVisible();
    // Both pages were read before the switch: their text is the English, marked as English.
    await expect(record.locator('[lang="en"]').getByText('How long it takes')).toBeVisible();
    await expect(record.getByText('Cuánto dura')).toHaveCount(0);
    await expect(record.getByText('I understand what the visit involves.')).toHaveAttribute(
      'lang',
      'en',
    );
    await expect(
      record.getByText('Sé que puedo hacer preguntas en cualquier momento.'),
    ).toHaveAttribute('lang', 'es');
    await expect(record.getByRole('cell', { name: /^Dormir mal/ })).toHaveAttribute('lang', 'es');
    await expect(record.getByRole('cell', { name: 'Worrying a lot' })).toHaveAttribute(
      'lang',
      'en',
    );
    await expectAccessible(page, 'record view of a client who switched language');
  });

  test("the staff area opened from a Spanish session is in English, and the next client starts in the kiosk's language", async ({
    page,
  }) => {
    await begin(page);
    await switchTo(page, EN, 'Español', 'es');
    await page.keyboard.press('Control+Alt+Shift+S');
    await expect(staffEntryHeading(page)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('button', { name: 'Back to the client screen' }).click();
    await expect(page.getByRole('button', { name: EN.t('welcome.begin') })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test.describe('a pack in one language', () => {
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      pack: 'one-language',
      contentDir: 'test/fixtures/packs',
    },
  });

  test('offers no language switch', async ({ page }) => {
    await begin(page);
    await expect(stepMain(page)).toBeVisible();
    await expect(languageSwitch(page, EN)).toHaveCount(0);
  });
});
