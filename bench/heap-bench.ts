/**
 * `npm run bench -- heap`: the renderer's heap over 1,000 client sessions (issue 13: keep it
 * ≤ 2 MB and nothing of the last client reachable). A scripted client drives the real UI in
 * Chromium against the preview server: each session starts a programme and leaves it with
 * "Start over"; every 100th is a whole visit, typed key by key, to the review screen and a
 * submit. The used JS heap is read after a forced collection (CDP `Runtime.getHeapUsage`) at the
 * start and after every 100 sessions; at the end a heap snapshot is searched for the last whole
 * visit's name and signature, and the part of it that is the driving harness's own (DevTools'
 * network buffers, about 0.9 KB a session) is told apart. Figures only.
 */
import type { Page } from '@playwright/test';
import { takeHeapSnapshot, usedHeapBytes, type HeapSnapshot } from '../test/support/heap-snapshot';
import { t } from '../test/e2e/en-copy';
import { attractButton, begin, submit, typeVisitToReview } from '../test/e2e/walkthrough';
import { tableRow } from './bench-table';
import { launchChromium, startPreview } from './preview-browser';

const SESSIONS = Number(process.env.KIOSK_BENCH_SESSIONS ?? 1000);
const WHOLE_VISIT_EVERY = 100;
const TARGET_BYTES = 2 * 1024 * 1024;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function shortSession(page: Page): Promise<void> {
  await begin(page);
  await startOver(page);
}

async function startOver(page: Page): Promise<void> {
  await page.getByRole('button', { name: t('startOver.button') }).click();
  await page
    .getByRole('dialog', { name: t('startOver.title') })
    .getByRole('button', { name: t('startOver.confirm') })
    .click();
  await attractButton(page).waitFor();
}

/** A whole visit as `name`, typed key by key; returns a piece of the signature's base64. */
async function wholeVisit(page: Page, name: string): Promise<string> {
  const signature = await typeVisitToReview(page, {
    fullName: name,
    month: '05',
    day: '17',
    year: '1951',
  });
  await submit(page);
  await attractButton(page).waitFor({ timeout: 30_000 });
  const middle = Math.floor(signature.length / 2);
  return signature.slice(middle, middle + 48);
}

export async function runHeapBench(): Promise<void> {
  const preview = await startPreview(['--thank-you-ms', '300']);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(preview.url);
    await attractButton(page).waitFor();
    const start = await usedHeapBytes(page);
    console.log(`renderer heap at the attract screen, before any client: ${mb(start)}`);
    const started = Date.now();
    let lastName = '';
    let lastSignature = '';
    let peak = start;
    /** After the first whole visit: every screen's code compiled, the kiosk warm. */
    let warm: { used: number; harness: number } | undefined;
    for (let session = 1; session <= SESSIONS; session += 1) {
      if (session % WHOLE_VISIT_EVERY === 0) {
        lastName = `Bench Client ${String(session)} Vexholm`;
        lastSignature = await wholeVisit(page, lastName);
        const used = await usedHeapBytes(page);
        peak = Math.max(peak, used);
        if (warm === undefined) {
          warm = { used, harness: harnessBytes(await takeHeapSnapshot(page)) };
        }
        console.log(
          `  after ${String(session)} sessions (${String(session / WHOLE_VISIT_EVERY)} whole visits): ` +
            `${mb(used)}, ${((Date.now() - started) / session).toFixed(0)} ms a session`,
        );
      } else {
        await shortSession(page);
      }
    }
    const end = await usedHeapBytes(page);
    const snapshot = await takeHeapSnapshot(page);
    const harness = harnessBytes(snapshot);
    console.log(
      `heap snapshot after ${String(SESSIONS)} sessions: ${mb(snapshot.totalBytes)} in all, of which ` +
        `${mb(harness)} DevTools' network buffers (the test harness's, absent in the kiosk): ` +
        `${mb(snapshot.totalBytes - harness)} the kiosk's`,
    );
    const held = [lastName, 'Vexholm', lastSignature].filter(
      (needle) => needle !== '' && snapshot.nodesContaining(needle).length > 0,
    );
    console.log(
      `renderer heap after ${String(SESSIONS)} sessions: ${mb(end)} (growth ${mb(end - start)}, ` +
        `peak ${mb(peak)}; target ≤ ${mb(TARGET_BYTES)}: ${(end / TARGET_BYTES).toFixed(2)}× of it)`,
    );
    const afterWarm =
      warm === undefined
        ? ''
        : `; after the first whole visit ${mb(warm.used)}, then ${mb(end - warm.used)} more, ` +
          `of which ${mb(harness - warm.harness)} the harness's network buffers`;
    if (warm !== undefined) {
      console.log(
        `renderer heap after the first whole visit (every screen's code compiled): ${mb(warm.used)}; ` +
          `growth from there to session ${String(SESSIONS)}: ${mb(end - warm.used)}, of which the ` +
          `harness's network buffers ${mb(harness - warm.harness)}: the kiosk's own ` +
          mb(end - warm.used - (harness - warm.harness)),
      );
    }
    tableRow({
      what: `renderer heap after ${String(SESSIONS)} client sessions`,
      today: end / 1024 / 1024,
      target: TARGET_BYTES / 1024 / 1024,
      unit: 'MB',
      better: 'lower',
      reference: `${mb(start)} before the first client${afterWarm}; last client reachable: ${held.length === 0 ? 'nothing' : held.join(', ')}`,
    });
    console.log(
      `last client reachable in the heap after the return to the attract screen: ` +
        (held.length === 0 ? 'nothing (name, surname, signature searched)' : held.join(', ')),
    );
    await context.close();
  } finally {
    await browser.close();
    preview.stop();
  }
}

/**
 * What the DevTools protocol session that drives the page keeps (Playwright's Network domain
 * buffers every response body, blink::NetworkResourcesData): the harness's, not the kiosk's.
 */
function harnessBytes(snapshot: HeapSnapshot): number {
  return [...snapshot.aggregate()]
    .filter(([key]) => key.includes('NetworkResourcesData'))
    .reduce((sum, [, group]) => sum + group.bytes, 0);
}
