/**
 * Nothing of the last client stays reachable in the renderer once the kiosk is back at the
 * attract screen (issue 13): no copy of their name, no date of birth, no signature image,
 * whether the visit ended in a submit, in "Start over", or in the idle timeout, after going back
 * and forth; and no screen of theirs held detached: the detached DOM after a second client is
 * exactly what it was after the first (Svelte keeps one detached template a component, which
 * holds no data; anything a visit left behind would add to it).
 *
 * The name, the date and the typed signature name are typed key by key (`keyboard.type`), never
 * through `fill`, so that the only copies in the page's heap are the kiosk's own, not
 * Playwright's; the signature is read from the request that carried it. Each visit first proves
 * the search finds all of it while the review screen shows it.
 */
import type { Page } from '@playwright/test';
import { expect, PASSPHRASE, test } from './fixtures';
import { takeHeapSnapshot, type HeapSnapshot } from '../support/heap-snapshot';
import { t } from './en-copy';
import { attractButton, goBack, goForward, submit, typeVisitToReview } from './walkthrough';

interface Visitor {
  name: string;
  surname: string;
  month: string;
  day: string;
  year: string;
  /** The date as the kiosk reads it back, and as it stores it. */
  dateRead: string;
  dateStored: string;
}

const FIRST: Visitor = {
  name: 'Philippa Zanderquist',
  surname: 'Zanderquist',
  month: '03',
  day: '29',
  year: '1947',
  dateRead: 'March 29, 1947',
  dateStored: '1947-03-29',
};

const SECOND: Visitor = {
  name: 'Octavian Brindlewood',
  surname: 'Brindlewood',
  month: '11',
  day: '02',
  year: '1938',
  dateRead: 'November 2, 1938',
  dateStored: '1938-11-02',
};

type Needles = Record<string, string>;

/** Walks a visit to the review screen as `visitor`; returns what the heap must lose after it. */
async function visitToReview(page: Page, visitor: Visitor): Promise<Needles> {
  const signatureBase64 = await typeVisitToReview(page, {
    fullName: visitor.name,
    month: visitor.month,
    day: visitor.day,
    year: visitor.year,
  });
  // Back to the signature and forward again: the screens left behind must not pile up.
  await goBack(page);
  await goForward(page);
  expect(signatureBase64.length).toBeGreaterThan(200);
  // A piece of the signature's base64 from its middle: its header is the same in every PNG.
  const middle = Math.floor(signatureBase64.length / 2);
  const needles: Needles = {
    name: visitor.name,
    surname: visitor.surname,
    'date read back': visitor.dateRead,
    signature: signatureBase64.slice(middle, middle + 48),
  };
  const during = await takeHeapSnapshot(page);
  for (const [what, needle] of Object.entries(needles)) {
    expect(during.nodesContaining(needle).length, `${what} on the review screen`).toBeGreaterThan(
      0,
    );
  }
  return { ...needles, 'date stored': visitor.dateStored };
}

/** Back at the attract screen: no needle in the heap; returns the snapshot for more checks. */
async function expectNothingOf(page: Page, needles: Needles): Promise<HeapSnapshot> {
  await expect(attractButton(page)).toBeVisible({ timeout: 40_000 });
  const heap = await takeHeapSnapshot(page);
  const found = Object.entries(needles).flatMap(([what, needle]) =>
    heap.nodesContaining(needle).map((node) => `${what}: ${heap.retainerPath(node).join(' <- ')}`),
  );
  expect(found, 'what of the last client the heap still holds').toEqual([]);
  return heap;
}

/** The detached DOM nodes by name, sorted: a multiset to compare between two moments. */
function detachedNames(heap: HeapSnapshot): string[] {
  return heap
    .detachedDomNodes()
    .map((node) => node.name)
    .sort();
}

test.setTimeout(150_000);

test('after a submit and the thank-you screen, nothing of the last client is reachable, and a second visit leaves nothing more', async ({
  page,
}) => {
  const first = await visitToReview(page, FIRST);
  await submit(page);
  const afterFirst = await expectNothingOf(page, first);

  const second = await visitToReview(page, SECOND);
  await submit(page);
  const afterSecond = await expectNothingOf(page, { ...first, ...prefixed(second) });
  expect(detachedNames(afterSecond), 'detached DOM after the second client').toEqual(
    detachedNames(afterFirst),
  );
});

test('after Start over on the review screen, nothing of the client is reachable', async ({
  page,
}) => {
  const needles = await visitToReview(page, FIRST);
  await page.getByRole('button', { name: t('startOver.button') }).click();
  await page
    .getByRole('dialog', { name: t('startOver.title') })
    .getByRole('button', { name: t('startOver.confirm') })
    .click();
  await expectNothingOf(page, needles);
});

test('the check is not blind: a review screen held on purpose after the visit is found', async ({
  page,
}) => {
  const needles = await visitToReview(page, FIRST);
  // The leak the issue saw, made on purpose: the review screen's picture kept by a global.
  await page.evaluate(() => {
    Reflect.set(globalThis, 'heldReview', document.querySelector('main img'));
  });
  await submit(page);
  await expect(attractButton(page)).toBeVisible({ timeout: 40_000 });
  const heap = await takeHeapSnapshot(page);
  expect(heap.nodesContaining(needles.signature ?? '').length).toBeGreaterThan(0);
  expect(
    heap.detachedDomNodes().some((node) => node.name.startsWith('<img class="signature')),
  ).toBe(true);
});

test.describe('a client who walks away', () => {
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      // The review screen waits up to four times this before it asks (idle-timer.ts).
      idleWarningMs: 6_000,
      idleCountdownMs: 1_000,
    },
  });

  test('after the idle timeout on the review screen, nothing of the client is reachable', async ({
    page,
  }) => {
    const needles = await visitToReview(page, FIRST);
    await expectNothingOf(page, needles);
  });
});

function prefixed(needles: Needles): Needles {
  return Object.fromEntries(Object.entries(needles).map(([what, n]) => [`second ${what}`, n]));
}
