// page.evaluate callbacks run in the browser: type them against the DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * "Read aloud" really plays the pack's recorded speech, in the client's language, and marks the
 * sentence being read: measured in the page, by the audio element's clock moving and by the
 * text under the highlight, not by a button being there. The default first-visit pack, whose
 * committed clips (npm run pack:audio) are served from the kiosk's own media route.
 */
import type { Locator, Page } from '@playwright/test';
import { copyIn, type Copy } from './en-copy';
import { PASSPHRASE, expect, test } from './fixtures';
import { FIRST_VISIT, begin, goForward, stepMain } from './walkthrough';

const EN = copyIn('en');
const ES = copyIn('es');

test.use({ kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 1500, pack: FIRST_VISIT } });

function readAloudButton(page: Page, copy: Copy): Locator {
  return page.getByRole('button', { name: copy.t('readAloud.button') });
}

function audioElement(page: Page): Locator {
  return page.getByTestId('read-aloud-audio');
}

async function audioState(page: Page): Promise<{ time: number; paused: boolean; src: string }> {
  return audioElement(page).evaluate((element: HTMLAudioElement) => ({
    time: element.currentTime,
    paused: element.paused,
    src: element.currentSrc,
  }));
}

/** The text under the read-aloud highlight, or null when nothing is marked. */
function highlighted(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('read-aloud');
    return highlight
      ? [...highlight].map((range) => (range instanceof Range ? range.toString() : '')).join('')
      : null;
  });
}

/** Whether any audio in the page is playing (the old screen's included, were it left behind). */
function anythingPlaying(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.querySelectorAll('audio')].some((audio) => !audio.paused),
  );
}

/** Reads the page on screen aloud and checks it is heard and marked, title first, then body. */
async function readsPageAloud(page: Page, copy: Copy, locale: string): Promise<void> {
  const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const firstBlock =
    (await stepMain(page).locator('.page-body > :first-child').textContent()) ?? '';
  const [firstSentence] = new Intl.Segmenter(locale, { granularity: 'sentence' }).segment(
    firstBlock.trim(),
  );
  const button = readAloudButton(page, copy);
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');

  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThan(0);
  expect((await audioState(page)).src).toMatch(
    new RegExp(`/media/${FIRST_VISIT}/audio/${locale}/[0-9a-f]{32}\\.ogg$`),
  );
  expect(await highlighted(page)).toBe(title.trim());
  // The title's clip ends and the first sentence of the page's text is read next.
  await expect.poll(() => highlighted(page)).toBe(firstSentence?.segment.trim());
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThan(0);
}

test('Read aloud plays a page in English, then in Spanish, marking each sentence; pause and Next stop it', async ({
  page,
}) => {
  await begin(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await readsPageAloud(page, EN, 'en');

  // Pause: the clock stops where it is, the button is released, the sentence stays marked.
  const marked = await highlighted(page);
  await readAloudButton(page, EN).click();
  await expect(readAloudButton(page, EN)).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await audioState(page)).paused).toBe(true);
  const pausedAt = (await audioState(page)).time;
  await page.waitForTimeout(500);
  expect((await audioState(page)).time).toBe(pausedAt);
  expect(await highlighted(page)).toBe(marked);

  // Play again: it goes on from there; then Next leaves the page and the reading with it.
  await readAloudButton(page, EN).click();
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThan(pausedAt);
  await goForward(page);
  expect(await anythingPlaying(page)).toBe(false);
  expect(await highlighted(page)).toBeNull();
  await expect(readAloudButton(page, EN)).toHaveAttribute('aria-pressed', 'false');

  // Reading the second page, then switching to Spanish: the reading stops, and Read aloud in
  // Spanish reads the same page in Spanish.
  await readAloudButton(page, EN).click();
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThan(0);
  await page
    .getByRole('group', { name: EN.t('welcome.language') })
    .getByRole('button', { name: 'Español' })
    .click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  expect(await anythingPlaying(page)).toBe(false);
  expect(await highlighted(page)).toBeNull();

  await readsPageAloud(page, ES, 'es');
  const spanishPage = await stepMain(page).getAttribute('data-step-id');
  await page
    .getByRole('navigation', { name: ES.t('nav.label') })
    .getByRole('button', { name: ES.t('nav.next') })
    .click();
  await expect(stepMain(page)).not.toHaveAttribute('data-step-id', spanishPage ?? '');
  expect(await anythingPlaying(page)).toBe(false);
  expect(await highlighted(page)).toBeNull();
});

test.describe('with "Are you still there?" after 1.5 s of quiet', () => {
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      pack: FIRST_VISIT,
      idleWarningMs: 1500,
      idleCountdownMs: 30_000,
    },
  });

  test('a client listening is not asked; once paused, they are, and the question stops the reading', async ({
    page,
  }) => {
    await begin(page);
    const dialog = page.getByRole('dialog', { name: EN.t('idle.title') });
    await readAloudButton(page, EN).click();
    // The welcome page's third sentence is read well past the longest wait the page gets (four
    // times 1.5 s): the question never came, or it would have stopped the reading.
    await expect
      .poll(() => highlighted(page), { timeout: 30_000 })
      .toBe('It usually takes about 15 minutes.');
    await expect(dialog).toBeHidden();

    await readAloudButton(page, EN).click();
    await expect(dialog).toBeVisible();
    expect(await anythingPlaying(page)).toBe(false);
    expect(await highlighted(page)).toBeNull();
  });
});
