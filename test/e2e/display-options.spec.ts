// page.evaluate callbacks run in the browser: type them against the DOM.
/// <reference lib="dom" />
/**
 * Text size, contrast and layout for older and low-vision clients: the whole first visit at the
 * largest text size in high contrast, landscape, portrait and small; nothing hidden below the
 * fold without a cue; the statements step pointing to what is left; the choices forgotten when
 * the session ends; the idle warning paced to the page; nothing readable behind it.
 * Screenshots of every client screen land in test-results/display-options/ (not committed).
 */
import type { Locator, Page } from '@playwright/test';
import { expectAccessible, expectEnhancedContrast } from './axe';
import { copyIn, t, type Copy } from './en-copy';
import { PASSPHRASE, expect, test } from './fixtures';
import {
  CLIENT,
  attractButton,
  begin,
  completeStep,
  currentStep,
  fillIdentity,
  forwardButton,
  navBar,
  statementBoxes,
  stepMain,
  walkTo,
  walkIn,
  type ShownStep,
} from './walkthrough';

const SCREENS = [
  { name: 'landscape', width: 1920, height: 1080 },
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'small', width: 1280, height: 800 },
] as const;

type TextSize = 'standard' | 'large' | 'largest';

const ENGLISH = copyIn('en');

function textSizeButton(page: Page, copy: Copy = ENGLISH): Locator {
  return page.getByRole('button', { name: copy.t('display.button'), exact: true });
}

function displayPanel(page: Page, copy: Copy = ENGLISH): Locator {
  return page.getByRole('dialog', { name: copy.t('display.title') });
}

/** Opens "Text size", chooses, and closes the panel, as a client would, in `copy`'s words. */
async function chooseDisplay(
  page: Page,
  { size, highContrast }: { size: TextSize; highContrast: boolean },
  copy: Copy = ENGLISH,
): Promise<void> {
  await textSizeButton(page, copy).click();
  const panel = displayPanel(page, copy);
  await expect(panel).toBeVisible();
  const sizeButton = panel.getByRole('button', {
    name: copy.t(`display.size.${size}`),
    exact: true,
  });
  await sizeButton.click();
  await expect(sizeButton).toHaveAttribute('aria-pressed', 'true');
  const contrast = panel.getByRole('button', { name: copy.t('display.contrast'), exact: true });
  if ((await contrast.getAttribute('aria-pressed')) !== String(highContrast)) {
    await contrast.click();
  }
  await expect(contrast).toHaveAttribute('aria-pressed', String(highContrast));
  await panel.getByRole('button', { name: copy.t('display.done'), exact: true }).click();
  await expect(panel).toBeHidden();
}

/** What the page's root says is chosen, and the body text size it gives. */
async function displayState(page: Page) {
  return page.evaluate(() => ({
    textSize: document.documentElement.dataset.textSize,
    contrast: document.documentElement.dataset.contrast,
    bodyPx: parseFloat(getComputedStyle(document.body).fontSize),
  }));
}

async function expectStandardLook(page: Page): Promise<void> {
  const state = await displayState(page);
  expect(state.textSize).toBe('standard');
  expect(state.contrast).toBe('standard');
}

/** Nothing wider than the screen or the step's area: a client never has to scroll sideways. */
async function expectNoSidewaysSpill(page: Page, screen: string): Promise<void> {
  const spill = await page.evaluate(() =>
    [document.documentElement, document.querySelector('main[data-step-kind]')]
      .filter((element) => element !== null)
      .map((element) => element.scrollWidth - element.clientWidth),
  );
  expect(
    spill.filter((pixels) => pixels > 0),
    `the ${screen} screen spills sideways`,
  ).toEqual([]);
}

/** The default pack's languages, each the whole way through: the attract screen's row picks it. */
const LANGUAGES = [
  { locale: 'en', label: 'English' },
  { locale: 'es', label: 'Español' },
] as const;

function shotPath(screen: string, locale: string, index: number, name: string): string {
  const file = `${String(index).padStart(2, '0')}-${name}.png`;
  return `test-results/display-options/${screen}-${locale}/${file}`;
}

function stepName(step: ShownStep): string {
  return `${step.kind}-${step.id}`;
}

test.describe('the whole first visit at the largest text size in high contrast', () => {
  // Long enough for axe on the thank-you screen before it clears itself.
  test.use({ kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 60_000 } });

  for (const language of LANGUAGES) {
    for (const screen of SCREENS) {
      test(`${language.locale} ${screen.name} ${screen.width}×${screen.height}: every screen passes axe and AAA contrast, then the look resets`, async ({
        page,
      }) => {
        // Twenty steps, each scanned twice and photographed: minutes on a shared two-core machine.
        test.setTimeout(300_000);
        const copy = copyIn(language.locale);
        await page.setViewportSize({ width: screen.width, height: screen.height });
        const shoot = async (index: number, name: string, check: string) => {
          const where = `${language.locale} ${check}`;
          await expectNoSidewaysSpill(page, where);
          await expectAccessible(page, where);
          await expectEnhancedContrast(page, where);
          await page.screenshot({ path: shotPath(screen.name, language.locale, index, name) });
        };

        await expect(attractButton(page)).toBeVisible();
        await expectStandardLook(page);
        const standard = await displayState(page);
        // The client picks their language first, on the attract screen, as the kiosk invites.
        await page
          .getByRole('group', { name: t('welcome.language') })
          .getByRole('button', { name: language.label, exact: true })
          .click();
        walkIn(page, language.locale);
        await expect(page.locator('html')).toHaveAttribute('lang', language.locale);
        await textSizeButton(page, copy).click();
        await expect(displayPanel(page, copy)).toBeVisible();
        await expectAccessible(page, `${language.locale} text size panel`);
        await page.screenshot({
          path: shotPath(screen.name, language.locale, 0, 'text-size-panel'),
        });
        await page.keyboard.press('Escape');
        await chooseDisplay(page, { size: 'largest', highContrast: true }, copy);

        const largest = await displayState(page);
        expect(largest).toMatchObject({ textSize: 'largest', contrast: 'high' });
        expect(largest.bodyPx).toBeCloseTo(standard.bodyPx * 1.5, 0);
        await shoot(1, 'attract', 'attract');

        await begin(page);
        for (let index = 2; index < 60; index += 1) {
          const step = await currentStep(page);
          await shoot(index, stepName(step), stepName(step));
          if (step.kind === 'review') {
            break;
          }
          await completeStep(page);
        }
        // The client's choices held through the whole visit.
        expect(await displayState(page)).toMatchObject({ textSize: 'largest', contrast: 'high' });
        await expect(page.locator('html')).toHaveAttribute('lang', language.locale);

        await forwardButton(page).click();
        await expect(
          page.getByRole('heading', { level: 1, name: copy.t('thankYou.title') }),
        ).toBeVisible();
        await shoot(59, 'thank-you', 'thank you');

        // The session is over: the next client finds the standard look, in the kiosk's language.
        await page.getByRole('button', { name: copy.t('thankYou.done'), exact: true }).click();
        walkIn(page, 'en');
        await expect(attractButton(page)).toBeVisible();
        await expectStandardLook(page);
        expect((await displayState(page)).bodyPx).toBe(standard.bodyPx);
      });
    }
  }
});

test.describe('type that fits the screen', () => {
  test('body text: 24 px landscape, at least 32 px portrait, 22 px or more on 1280×800', async ({
    page,
  }) => {
    const bodyPx = async (width: number, height: number) => {
      await page.setViewportSize({ width, height });
      return (await displayState(page)).bodyPx;
    };
    expect(await bodyPx(1920, 1080)).toBeCloseTo(24, 0);
    expect(await bodyPx(1080, 1920)).toBeGreaterThanOrEqual(32);
    expect(await bodyPx(1280, 800)).toBeGreaterThanOrEqual(22);

    // Portrait text fills the height rather than leaving half of it empty.
    await page.setViewportSize({ width: 1080, height: 1920 });
    await begin(page);
    const used = await stepMain(page).evaluate((main) => main.scrollHeight / main.clientHeight);
    expect(used).toBeGreaterThan(0.75);
  });

  test('choosing a size keeps the place: the paragraph at the top stays at the top', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await begin(page);
    const main = stepMain(page);
    /** The marked paragraph's top, from the area's top edge, as a share of its own height. */
    const shareAbove = () =>
      main.evaluate((element) => {
        const marked = element.querySelector('[data-test-anchor]');
        const box = marked?.getBoundingClientRect();
        return box ? (element.getBoundingClientRect().top - box.top) / box.height : NaN;
      });
    // At the large size, scroll so the second paragraph is cut by the top edge, a quarter above.
    await chooseDisplay(page, { size: 'large', highContrast: false });
    await main.evaluate((element) => {
      const paragraph = element.querySelectorAll('.page-body p')[1];
      if (!paragraph) {
        throw new Error('the first page has fewer than two paragraphs');
      }
      paragraph.setAttribute('data-test-anchor', '');
      const box = paragraph.getBoundingClientRect();
      element.scrollTop += box.top - element.getBoundingClientRect().top + box.height / 4;
    });
    expect(await shareAbove()).toBeCloseTo(0.25, 1);

    await chooseDisplay(page, { size: 'largest', highContrast: false });
    // The same paragraph is at the top edge, the same quarter of it above, though it grew.
    expect(await shareAbove()).toBeCloseTo(0.25, 1);
    await chooseDisplay(page, { size: 'large', highContrast: true });
    expect(await shareAbove()).toBeCloseTo(0.25, 1);
    // The step and the walk are where they were.
    await expect(page.getByText(t('progress.label', { current: 1, total: 20 }))).toBeVisible();
  });

  test('no preference is stored: no web storage, no cookie, no URL change', async ({
    page,
    context,
  }) => {
    const url = page.url();
    await chooseDisplay(page, { size: 'large', highContrast: true });
    await begin(page);
    expect(
      await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length })),
    ).toEqual({ local: 0, session: 0 });
    expect(await context.cookies()).toEqual([]);
    expect(page.url()).toBe(url);
  });
});

test.describe('no hidden content', () => {
  test('a long page shows "Scroll down for more" until its end is in view, above the buttons', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await begin(page);
    await walkTo(page, 'page');
    for (let guard = 0; guard < 30 && (await currentStep(page)).id !== 'side-effects'; guard += 1) {
      await completeStep(page);
    }
    expect((await currentStep(page)).id).toBe('side-effects');

    const cue = page.getByRole('button', { name: t('scroll.more') });
    await expect(cue).toBeVisible();
    const lastLine = stepMain(page).locator('.page-body > :last-child');
    await expect(lastLine).not.toBeInViewport({ ratio: 1 });
    for (let guard = 0; guard < 10 && (await cue.isVisible()); guard += 1) {
      await cue.click();
      await page.waitForTimeout(400);
    }
    await expect(cue).toBeHidden();
    await expect(lastLine).toBeInViewport({ ratio: 1 });
    // The last line sits above the navigation bar, not behind it.
    const lineBottom = (await lastLine.boundingBox())?.y ?? Infinity;
    const navTop = (await navBar(page).boundingBox())?.y ?? 0;
    expect(lineBottom).toBeLessThan(navTop);
  });

  test('1280×800: the statements count stays in sight, and Continue points to the first one left', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await begin(page);
    await walkTo(page, 'acknowledge');
    const boxes = statementBoxes(page);
    const count = await boxes.count();
    expect(count).toBeGreaterThan(4);
    const tally = page.getByTestId('statements-tally');
    await expect(page.getByRole('button', { name: t('scroll.more') })).toBeVisible();

    // Continue with nothing confirmed (held back, `aria-disabled`, but a tap still lands): the
    // first statement, focused and in view.
    await forwardButton(page).click({ force: true });
    await expect(boxes.first()).toBeFocused();
    await expect(tally).toHaveText(t('acknowledge.pointTo', { remaining: count }));

    for (let i = 0; i < 3; i += 1) {
      await boxes.nth(i).check();
    }
    // Scrolled to the bottom, the count is still on screen.
    await stepMain(page).evaluate((main) => {
      main.scrollTop = main.scrollHeight;
    });
    await expect(tally).toBeInViewport({ ratio: 1 });
    await expect(tally).toHaveText(t('acknowledge.progress', { ticked: 3, total: count }));

    // Continue again: the page scrolls back up to the fourth, the first one still unconfirmed.
    await forwardButton(page).click({ force: true });
    await expect(boxes.nth(3)).toBeFocused();
    await expect(boxes.nth(3)).toBeInViewport();
    await expect(tally).toHaveText(t('acknowledge.pointTo', { remaining: count - 3 }));
    await expect(tally).toBeInViewport({ ratio: 1 });
    expect((await currentStep(page)).kind).toBe('acknowledge');

    for (let i = 3; i < count; i += 1) {
      await boxes.nth(i).check();
    }
    await expect(tally).toHaveText(t('acknowledge.complete'));
    await forwardButton(page).click();
    await expect(stepMain(page)).not.toHaveAttribute('data-step-kind', 'acknowledge');
  });
});

test.describe('the look is forgotten when a session ends', () => {
  test('Start over and the staff gesture both bring back the standard look', async ({ page }) => {
    await chooseDisplay(page, { size: 'largest', highContrast: true });
    await begin(page);
    await page.getByRole('button', { name: t('startOver.button') }).click();
    await page.getByRole('button', { name: t('startOver.confirm') }).click();
    await expect(attractButton(page)).toBeVisible();
    await expectStandardLook(page);

    await chooseDisplay(page, { size: 'large', highContrast: true });
    await begin(page);
    await page.keyboard.press('Control+Alt+Shift+S');
    await expect(stepMain(page)).toHaveCount(0);
    await expectStandardLook(page);
  });
});

test.describe('with short idle timings (a 2 s warning, 30 s to answer it)', () => {
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      idleWarningMs: 2000,
      idleCountdownMs: 30_000,
    },
  });

  const dialogOf = (page: Page) => page.getByRole('dialog', { name: t('idle.title') });

  /** Touches the heading (activity), then times the quiet until "Are you still there?". */
  async function quietUntilWarning(page: Page): Promise<number> {
    await page.getByRole('heading', { level: 1 }).click();
    const started = Date.now();
    await expect(dialogOf(page)).toBeVisible({ timeout: 20_000 });
    const waited = Date.now() - started;
    await dialogOf(page)
      .getByRole('button', { name: t('idle.stay') })
      .click();
    await expect(dialogOf(page)).toBeHidden();
    return waited;
  }

  test('the warning waits longer on a long page than on a short one', async ({ page }) => {
    test.slow();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await begin(page);
    await walkTo(page, 'check');
    const short = await quietUntilWarning(page);
    for (let guard = 0; guard < 30 && (await currentStep(page)).id !== 'side-effects'; guard += 1) {
      await completeStep(page);
    }
    const long = await quietUntilWarning(page);
    // The configured 2 s is the least; side effects' 250-odd words earn about twice that.
    expect(short).toBeGreaterThanOrEqual(1900);
    expect(short).toBeLessThan(3500);
    expect(long).toBeGreaterThan(short + 1200);
  });

  test('behind "Are you still there?" the step is hidden, not just dimmed', async ({ page }) => {
    await begin(page);
    await walkTo(page, 'identity');
    await fillIdentity(page, CLIENT);
    const dialog = dialogOf(page);
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: 'test-results/display-options/idle-warning.png' });

    // Not on screen, and not in the accessibility tree: no name field, no typed name.
    await expect(stepMain(page)).toBeHidden();
    await expect(page.getByRole('textbox', { name: t('identity.fullName') })).toHaveCount(0);
    const tree = await page.locator('body').ariaSnapshot();
    expect(tree).toContain(t('idle.title'));
    expect(tree).not.toContain(t('identity.fullName'));
    expect(tree).not.toContain(CLIENT.fullName);

    await dialog.getByRole('button', { name: t('idle.stay') }).click();
    await expect(page.getByLabel(t('identity.fullName'))).toHaveValue(CLIENT.fullName);
  });
});

test.describe('with a 1.5 s warning and a 2 s countdown', () => {
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      idleWarningMs: 1500,
      idleCountdownMs: 2000,
    },
  });

  test('the session timing out brings back the standard look; so does a quiet attract screen', async ({
    page,
  }) => {
    await chooseDisplay(page, { size: 'largest', highContrast: true });
    await begin(page);
    await expect(page.getByRole('dialog', { name: t('idle.title') })).toBeVisible();
    // Nobody answers: the countdown runs out and the session is discarded.
    await expect(attractButton(page)).toBeVisible({ timeout: 15_000 });
    await expectStandardLook(page);

    // Chosen on the attract screen and left: cleared after the warning and countdown's time.
    await chooseDisplay(page, { size: 'large', highContrast: true });
    expect((await displayState(page)).textSize).toBe('large');
    await expect
      .poll(async () => (await displayState(page)).textSize, { timeout: 15_000 })
      .toBe('standard');
    await expectStandardLook(page);
  });
});
