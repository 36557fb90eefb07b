/**
 * A client finishing the first visit prints their copy on the kiosk's printer: a real CUPS
 * queue (the cups-pdf virtual printer, which writes what it prints as a PDF), named to the
 * preview with --printer. Where CUPS cannot be started the spec says so in one line, and fails
 * in CI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cupsPdfPrinter,
  queueOrSay,
  printable,
  TEST_QUEUE,
  type CupsSetup,
} from '../support/cups-printer';
import { pdfText } from '../support/pdf-text';
import { expectAccessible } from './axe';
import { t } from './en-copy';
import { PASSPHRASE, expect, test } from './fixtures';
import { signInAdmin } from './staff-console';
import { CLIENT, begin, goForward, signAs, submit, walkTo } from './walkthrough';

/** The first visit's statements, in English, as the pack words them. */
function firstVisitStatements(): string[] {
  const manifest = JSON.parse(
    readFileSync(
      join(import.meta.dirname, '../../resources/content/ketamine-education/manifest.json'),
      'utf8',
    ),
  ) as { steps: { kind: string; statements?: { text: { en: string } }[] }[] };
  return manifest.steps.flatMap((step) =>
    step.kind === 'acknowledge' ? (step.statements ?? []).map((s) => s.text.en) : [],
  );
}

const MEANING =
  'By signing, I confirm that I read these pages and agree to the statements I checked.';

let cups: CupsSetup;

test.beforeAll(async () => {
  cups = await cupsPdfPrinter();
});

test.use({ kioskOptions: { passphrase: PASSPHRASE, thankYouMs: 60_000, printer: TEST_QUEUE } });

test('a client prints their own copy at the end, and it holds their name, statements and what signing meant', async ({
  page,
}) => {
  test.slow();
  const printer = queueOrSay(cups);
  if (!printer) {
    return;
  }
  await begin(page);
  await walkTo(page, 'signature');
  await signAs(page, CLIENT);
  await goForward(page);
  const sent = page.waitForResponse((response) => response.url().endsWith('/api/session.submit'));
  await submit(page);
  const { value } = (await (await sent).json()) as { value: { submissionId: string } };

  const print = page.getByRole('button', { name: t('thankYou.print') });
  await expect(print).toBeVisible();
  await expectAccessible(page, 'the thank-you screen with "Print my copy"');
  await print.click();
  await expect(page.getByText(t('thankYou.printed'))).toBeVisible();

  const text = printable(
    await pdfText(await printer.printed(`clinic-kiosk-copy-${value.submissionId}`)),
  );
  for (const expected of [CLIENT.fullName, ...firstVisitStatements(), MEANING]) {
    expect(text, expected).toContain(printable(expected));
  }
  // A score is for staff: the copy has none.
  expect(text).not.toContain(printable('Alerts raised'));

  // Done: the copy is let go, here and in main (session.discard).
  const discarded = page.waitForResponse((response) =>
    response.url().endsWith('/api/session.discard'),
  );
  await page.getByRole('button', { name: t('thankYou.done') }).click();
  expect(((await (await discarded).json()) as { value: { discarded: boolean } }).value).toEqual({
    discarded: true,
  });

  // Staff reprint it from the record.
  await signInAdmin(page);
  await page.getByRole('button', { name: new RegExp(CLIENT.fullName) }).click();
  await page.getByRole('button', { name: t('record.printCopy') }).click();
  await expect(page.getByText(t('record.printedCopy'))).toBeVisible();
  const reprint = printable(
    await pdfText(await printer.printed(`clinic-kiosk-copy-${value.submissionId}`)),
  );
  expect(reprint).toContain(printable(MEANING));
});
