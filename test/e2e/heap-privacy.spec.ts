/**
 * Nothing of the last client stays reachable in the renderer once the kiosk is back at the
 * attract screen (issue 13): no copy of their name, no date of birth read back, no detached
 * screen holding their signature image; whether the visit ended in a submit, in "Start over",
 * or in the idle timeout, and after going back and forth. The name and the typed signature name
 * are typed key by key (`keyboard.type`), never through `fill`, so that the only copies in the
 * page's heap are the kiosk's own, not Playwright's; the signature is read from the request that
 * carried it. Each test first proves the search finds all of it while the review screen shows it.
 */
import type { Page } from '@playwright/test';
import { expect, PASSPHRASE, test } from './fixtures';
import { takeHeapSnapshot } from '../support/heap-snapshot';
import { t, type MessageKey } from './en-copy';
import {
  acceptSigningDisclosure,
  attractButton,
  begin,
  drawSignature,
  goBack,
  goForward,
  submit,
  walkTo,
} from './walkthrough';

const NAME = 'Philippa Zanderquist';

type Needles = Record<string, string>;

/** Walks a visit to the review screen as this client; returns what the heap must lose. */
async function visitToReview(page: Page): Promise<Needles> {
  let signatureBase64 = '';
  page.on('request', (request) => {
    if (request.url().endsWith('/api/session.setSignature')) {
      const body = request.postDataJSON() as { imageDataUrl?: string };
      signatureBase64 = (body.imageDataUrl ?? '').replace(/^data:image\/png;base64,/, '');
    }
  });
  await begin(page);
  await walkTo(page, 'identity');
  const typeInto = async (label: MessageKey, text: string): Promise<void> => {
    await page.getByLabel(t(label), { exact: true }).focus();
    await page.keyboard.type(text);
  };
  await typeInto('identity.fullName', NAME);
  await typeInto('identity.month', '03');
  await typeInto('identity.day', '29');
  await typeInto('identity.year', '1947');
  await goForward(page);
  await walkTo(page, 'signature');
  await acceptSigningDisclosure(page);
  await drawSignature(page);
  await typeInto('signature.typedName', NAME);
  await goForward(page);
  await walkTo(page, 'review');
  // Back to the signature and forward again: the screens left behind must not pile up.
  await goBack(page);
  await goForward(page);
  expect(signatureBase64.length).toBeGreaterThan(200);
  // A piece of the signature's base64 from its middle: its header is the same in every PNG.
  const middle = Math.floor(signatureBase64.length / 2);
  const needles: Needles = {
    name: NAME,
    surname: 'Zanderquist',
    'date read back': 'March 29, 1947',
    signature: signatureBase64.slice(middle, middle + 48),
  };
  const during = await takeHeapSnapshot(page);
  for (const [what, needle] of Object.entries(needles)) {
    expect(during.nodesContaining(needle).length, `${what} on the review screen`).toBeGreaterThan(
      0,
    );
  }
  return { ...needles, 'date stored': '1947-03-29' };
}

async function expectNothingOfTheClient(page: Page, needles: Needles): Promise<void> {
  await expect(attractButton(page)).toBeVisible({ timeout: 40_000 });
  const heap = await takeHeapSnapshot(page);
  const found = Object.entries(needles).flatMap(([what, needle]) =>
    heap.nodesContaining(needle).map((node) => `${what}: ${heap.retainerPath(node).join(' <- ')}`),
  );
  const detached = heap
    .detachedDomNodes()
    .map((node) => `${node.name}: ${heap.retainerPath(node).join(' <- ')}`);
  expect(found, 'what of the last client the heap still holds').toEqual([]);
  expect(detached, 'detached DOM nodes still held').toEqual([]);
}

test.setTimeout(120_000);

test('after a submit and the thank-you screen, the heap holds nothing of the last client', async ({
  page,
}) => {
  const needles = await visitToReview(page);
  await submit(page);
  await expectNothingOfTheClient(page, needles);
});

test('after Start over on the review screen, the heap holds nothing of the client', async ({
  page,
}) => {
  const needles = await visitToReview(page);
  await page.getByRole('button', { name: t('startOver.button') }).click();
  await page
    .getByRole('dialog', { name: t('startOver.title') })
    .getByRole('button', { name: t('startOver.confirm') })
    .click();
  await expectNothingOfTheClient(page, needles);
});

test.describe('a client who walks away', () => {
  // The review screen waits up to four times the warning before it asks (idle-timer.ts).
  test.setTimeout(150_000);
  test.use({
    kioskOptions: {
      passphrase: PASSPHRASE,
      thankYouMs: 1500,
      idleWarningMs: 6_000,
      idleCountdownMs: 1_000,
    },
  });

  test('after the idle timeout on the review screen, the heap holds nothing of the client', async ({
    page,
  }) => {
    const needles = await visitToReview(page);
    await expectNothingOfTheClient(page, needles);
  });
});
