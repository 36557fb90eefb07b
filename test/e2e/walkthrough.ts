/**
 * How a client walks through the kiosk, step by step, as the tests drive it. Helpers find
 * controls by role and label, as a person (or a screen reader) would, in the words of en.json
 * (en-copy.ts), or of another language's bundle for a page `walkIn` names; the only hook is the
 * step's kind and id on `<main>`, so a test knows what the screen is asking for.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { StepVisitor } from '../../src-main/consent/step-walker';
import type { ClientStep } from '../../src-main/contract';
import { copyIn, copyPattern, t, type Copy, type MessageKey } from './en-copy';
import { expect } from './fixtures';

/** What a client types: a name, and the date of birth's three boxes as typed (`07` for July). */
export interface Client {
  fullName: string;
  month: string;
  day: string;
  year: string;
}

/**
 * A name that appears nowhere else, so a leak into the page is unmistakable, born July 14,
 * 1982 (stored as 1982-07-14), typed as a US client writes it: 07 / 14 / 1982.
 */
export const CLIENT: Client = {
  fullName: 'Marguerite Quillfeather',
  month: '07',
  day: '14',
  year: '1982',
};

export type StepKind = ClientStep['kind'];

/** What `<main>` says is on screen: the step's kind and id. */
export type ShownStep = Pick<ClientStep, 'kind' | 'id'>;

const ENGLISH: Copy = { t, copyPattern };
const spoken = new WeakMap<Page, { locale: string; copy: Copy }>();

/**
 * Walks `page` in `locale` from now on: the helpers find controls by their words in that
 * language (its bundle, falling back as the kiosk does). A page is walked in English unless told.
 */
export function walkIn(page: Page, locale: string): void {
  spoken.set(page, { locale, copy: copyIn(locale) });
}

function copyFor(page: Page): Copy {
  return spoken.get(page)?.copy ?? ENGLISH;
}

function localeOf(page: Page): string {
  return spoken.get(page)?.locale ?? 'en';
}

export function stepMain(page: Page): Locator {
  return page.locator('main[data-step-kind]');
}

export async function currentStep(page: Page): Promise<ShownStep> {
  const main = stepMain(page);
  await expect(main).toBeVisible();
  const kind = (await main.getAttribute('data-step-kind')) as StepKind;
  const id = (await main.getAttribute('data-step-id')) ?? '';
  return { kind, id };
}

export function navBar(page: Page): Locator {
  return page.getByRole('navigation', { name: copyFor(page).t('nav.label') });
}

export function forwardButton(page: Page): Locator {
  return navBar(page).getByRole('button', {
    name: copyFor(page).copyPattern(['nav.next', 'nav.continue', 'nav.submit']),
  });
}

export function backButton(page: Page): Locator {
  return navBar(page).getByRole('button', { name: copyFor(page).t('nav.back'), exact: true });
}

/** The clinic's programmes in the default kiosk.json, by pack id. */
export const FIRST_VISIT = 'ketamine-education';
export const CHECK_IN = 'ketamine-check-in';

/**
 * A programme's name on the attract screen, in English unless `locale` is given: pack content,
 * so read from its manifest.
 */
export function programmeName(packId: string, locale = 'en'): string {
  const file = resolve(import.meta.dirname, '../../resources/content', packId, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    title: Record<string, string> & { en: string };
    programme?: { name: Record<string, string> & { en: string } };
  };
  const name = manifest.programme?.name ?? manifest.title;
  return name[locale] ?? name.en;
}

/** The attract screen's first-visit button: there whenever the attract screen is. */
export function attractButton(page: Page): Locator {
  return page.getByRole('button', { name: programmeName(FIRST_VISIT, localeOf(page)) });
}

/**
 * Starts a session of a programme from the attract screen: its button where the clinic offers
 * several, or "Touch to begin" where it offers one.
 */
export async function begin(page: Page, packId: string = FIRST_VISIT): Promise<void> {
  await page
    .getByRole('button', { name: copyFor(page).t('welcome.begin') })
    .or(page.getByRole('button', { name: programmeName(packId, localeOf(page)) }))
    .click();
  await expect(
    page.getByText(copyFor(page).copyPattern('progress.label', { current: 1, total: /\d+/ })),
  ).toBeVisible();
}

/** Presses Next (or Continue) and waits until another step is on screen. */
export async function goForward(page: Page): Promise<void> {
  const { id } = await currentStep(page);
  await forwardButton(page).click();
  await expect(stepMain(page)).not.toHaveAttribute('data-step-id', id);
}

export async function goBack(page: Page): Promise<void> {
  const { id } = await currentStep(page);
  await backButton(page).click();
  await expect(stepMain(page)).not.toHaveAttribute('data-step-id', id);
}

function checkOptions(page: Page): Locator {
  return stepMain(page).getByRole('radio');
}

/**
 * Chooses one option and presses "Check answer"; true when main says it is right. Reads main's
 * answer from the response, because feedback from an earlier attempt may still be on screen.
 */
export async function tryAnswer(page: Page, option: Locator): Promise<boolean> {
  await option.check();
  const answered = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.answerCheck'),
  );
  await page.getByRole('button', { name: copyFor(page).t('check.submit') }).click();
  const body = (await (await answered).json()) as { ok: boolean; value?: { correct: boolean } };
  expect(body.ok).toBe(true);
  const correct = body.value?.correct === true;
  if (correct) {
    await expect(page.getByText(copyFor(page).t('check.correct'))).toBeVisible();
  } else {
    await expect(page.getByTestId('check-feedback')).toBeVisible();
  }
  return correct;
}

/** Tries each option in turn until main accepts one (works for any pack). */
export async function answerCheckCorrectly(page: Page): Promise<void> {
  if (await page.getByText(copyFor(page).t('check.correct')).isVisible()) {
    return;
  }
  const count = await checkOptions(page).count();
  for (let i = 0; i < count; i += 1) {
    if (await tryAnswer(page, checkOptions(page).nth(i))) {
      return;
    }
  }
  throw new Error('answerCheckCorrectly: no option was accepted');
}

/** Plays the video on screen with its Play button and waits until main counts it watched. */
export async function watchVideo(page: Page): Promise<void> {
  await stepMain(page)
    .getByRole('button', { name: copyFor(page).t('video.play'), exact: true })
    .click();
  await expect(stepMain(page).getByText(copyFor(page).t('video.watched'))).toBeVisible({
    timeout: 60_000,
  });
}

export function statementBoxes(page: Page): Locator {
  return stepMain(page).getByRole('checkbox');
}

export async function confirmAllStatements(page: Page): Promise<void> {
  const boxes = statementBoxes(page);
  const count = await boxes.count();
  for (let i = 0; i < count; i += 1) {
    await boxes.nth(i).check();
  }
  await expect(
    page.getByText(copyFor(page).t('acknowledge.complete'), { exact: false }),
  ).toBeVisible();
}

/** The date of birth's boxes, in the order they stand on screen (month first in US English). */
export function dateBoxes(page: Page): Locator {
  return page
    .getByRole('group', { name: copyFor(page).t('identity.dateOfBirth') })
    .getByRole('textbox');
}

/** The date typed so far, read back in words under the boxes ("July 14, 1982"). */
export function dateReadBack(page: Page): Locator {
  return page
    .getByRole('group', { name: copyFor(page).t('identity.dateOfBirth') })
    .getByRole('status');
}

/** Fills the name, then each date box by its label, in the US order a client types them. */
export async function fillIdentity(page: Page, client: Client): Promise<void> {
  await page
    .getByLabel(copyFor(page).t('identity.fullName'), { exact: true })
    .fill(client.fullName);
  await page.getByLabel(copyFor(page).t('identity.month'), { exact: true }).fill(client.month);
  await page.getByLabel(copyFor(page).t('identity.day'), { exact: true }).fill(client.day);
  await page.getByLabel(copyFor(page).t('identity.year'), { exact: true }).fill(client.year);
}

export function signatureCanvas(page: Page): Locator {
  return page.locator('canvas#signature-pad');
}

/** Signs with the mouse: a looping scrawl well over the minimum ink length. */
export async function drawSignature(page: Page): Promise<void> {
  const canvas = signatureCanvas(page);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) {
    throw new Error('drawSignature: the signature canvas is not on screen');
  }
  const left = box.x + box.width * 0.15;
  const middle = box.y + box.height * 0.55;
  await page.mouse.move(left, middle);
  await page.mouse.down();
  for (let i = 1; i <= 60; i += 1) {
    const x = left + i * ((box.width * 0.6) / 60);
    const y = middle + Math.sin(i / 3) * box.height * 0.2;
    await page.mouse.move(x, y, { steps: 2 });
  }
  await page.mouse.up();
  await expect(page.getByText(copyFor(page).t('signature.drawn'))).toBeVisible();
}

/** Accepts the kiosk's electronic-signing disclosure, shown on the signature step. */
export async function acceptSigningDisclosure(page: Page): Promise<void> {
  await page
    .getByRole('checkbox', { name: copyFor(page).t('signature.disclosure.accept') })
    .check();
}

export async function signAs(page: Page, client: Client): Promise<void> {
  await acceptSigningDisclosure(page);
  await drawSignature(page);
  await page.getByLabel(copyFor(page).t('signature.typedName')).fill(client.fullName);
}

/** "Question 3 of 9" on a questionnaire step: which item, of how many shown now. */
export async function questionPosition(page: Page): Promise<{ current: number; total: number }> {
  const label = stepMain(page).getByText(
    copyFor(page).copyPattern('questionnaire.progress', { current: /\d+/, total: /\d+/ }),
  );
  const [current = 0, total = 0] =
    ((await label.textContent()) ?? '').match(/\d+/g)?.map(Number) ?? [];
  return { current, total };
}

/** An item's answer: a position among its answer buttons, or the text typed (a time, a note). */
export type ItemAnswer = number | string;

/** The ride-home question of the treatment-day checklist, the one "Yes" there is the calm answer. */
const RIDE_HOME = /ride home/i;

/**
 * A well client's answer, by the question and its answer labels: the first answer on a scale
 * ("Not at all" on the PHQ-9 and GAD-7), "No" to a yes/no safety question but "Yes" to having a
 * ride home, "No" to a possible pregnancy, 08:30 for a time of day, nothing in an optional note.
 */
export function calmAnswer(
  question: string,
  labels: readonly string[],
  copy: Copy = ENGLISH,
): ItemAnswer {
  if (labels.length === 0) {
    return '08:30';
  }
  const no = labels.indexOf(copy.t('questionnaire.no'));
  return no >= 0 && !RIDE_HOME.test(question) ? no : 0;
}

/**
 * Answers the items of the questionnaire on screen, pressing Next after each but the last (the
 * caller's Next leaves the step). `choose` picks each item's answer by its question and its
 * answer buttons' labels; the default is a well client's (`calmAnswer`). A time of day is typed;
 * an optional note given `''` stays empty.
 */
export async function answerQuestionnaire(
  page: Page,
  choose: (question: string, labels: readonly string[]) => ItemAnswer = (question, labels) =>
    calmAnswer(question, labels, copyFor(page)),
): Promise<void> {
  for (let guard = 0; guard < 100; guard += 1) {
    const question = (await stepMain(page).locator('legend').first().textContent()) ?? '';
    const radios = stepMain(page).getByRole('radio');
    const labels = await Promise.all((await radios.all()).map(labelOf));
    const answer = choose(question, labels);
    if (labels.length > 0) {
      await radios.nth(typeof answer === 'number' ? answer : 0).check();
    } else if (typeof answer === 'string' && answer !== '') {
      const time = stepMain(page).locator('input[type="time"]');
      await ((await time.count()) > 0 ? time : stepMain(page).locator('textarea')).fill(answer);
    }
    const { current, total } = await questionPosition(page);
    if (current === total) {
      return;
    }
    await forwardButton(page).click();
    await expect(
      stepMain(page).getByText(
        copyFor(page).copyPattern('questionnaire.progress', { current: current + 1, total: /\d+/ }),
      ),
    ).toBeVisible();
  }
  throw new Error('answerQuestionnaire: the questionnaire never ended');
}

/** A radio's visible label: the text of the `<label>` around it. */
async function labelOf(radio: Locator): Promise<string> {
  return ((await radio.locator('xpath=ancestor::label[1]').textContent()) ?? '').trim();
}

/** What a client does at each step kind before moving on (step-walker.ts: one per kind). */
function stepCompleter(page: Page, client: Client): StepVisitor<ShownStep, Promise<void>> {
  return {
    page: () => Promise.resolve(),
    video: () => watchVideo(page),
    check: () => answerCheckCorrectly(page),
    acknowledge: () => confirmAllStatements(page),
    questionnaire: () => answerQuestionnaire(page),
    identity: () => fillIdentity(page, client),
    signature: () => signAs(page, client),
    review: () => Promise.reject(new Error('completeStep: review is submitted, not completed')),
  };
}

/** Does what the current step asks and moves on. */
export async function completeStep(page: Page, client: Client = CLIENT): Promise<void> {
  const step = await currentStep(page);
  await stepCompleter(page, client)[step.kind](step);
  await goForward(page);
}

/** Completes steps until one of `kind` is on screen (left undone). */
export async function walkTo(page: Page, kind: StepKind, client: Client = CLIENT): Promise<void> {
  for (let guard = 0; guard < 100; guard += 1) {
    if ((await currentStep(page)).kind === kind) {
      return;
    }
    await completeStep(page, client);
  }
  throw new Error(`walkTo: never reached a ${kind} step`);
}

export async function submit(page: Page): Promise<void> {
  await forwardButton(page).click();
  await expect(
    page.getByRole('heading', { level: 1, name: copyFor(page).t('thankYou.title') }),
  ).toBeVisible();
}

/**
 * A visit from the start to the review screen as `client`, every field typed key by key (never
 * `fill`, so the only copies of it in the page's heap are the kiosk's own, as the heap tests
 * need); returns the signature image's base64, read from the request that carried it to main.
 */
export async function typeVisitToReview(page: Page, client: Client): Promise<string> {
  let signature = '';
  const onRequest = (request: { url(): string; postDataJSON(): unknown }): void => {
    if (request.url().endsWith('/api/session.setSignature')) {
      const body = request.postDataJSON() as { imageDataUrl?: string };
      signature = (body.imageDataUrl ?? '').replace(/^data:image\/png;base64,/, '');
    }
  };
  const typeInto = async (label: MessageKey, text: string): Promise<void> => {
    await page.getByLabel(copyFor(page).t(label), { exact: true }).focus();
    await page.keyboard.type(text);
  };
  page.on('request', onRequest);
  try {
    await begin(page);
    await walkTo(page, 'identity');
    await typeInto('identity.fullName', client.fullName);
    await typeInto('identity.month', client.month);
    await typeInto('identity.day', client.day);
    await typeInto('identity.year', client.year);
    await goForward(page);
    await walkTo(page, 'signature');
    await acceptSigningDisclosure(page);
    await drawSignature(page);
    await typeInto('signature.typedName', client.fullName);
    await goForward(page);
    await walkTo(page, 'review');
  } finally {
    page.off('request', onRequest);
  }
  return signature;
}
