/**
 * The client's copy through the API table, printed on a real CUPS queue (cups-pdf): the
 * client's own, once submitted, for that session only and a few times at most; an
 * administrator's reprint from the record; each audited. Where CUPS cannot be started the test
 * says so in one line, and fails in CI.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  cupsPdfPrinter,
  queueOrSay,
  printable,
  type CupsSetup,
} from '../../test/support/cups-printer';
import { openTestKiosk, PASSPHRASE, type TestKiosk } from '../../test/support/kiosk-fixture';
import { pdfText } from '../../test/support/pdf-text';
import { walkSession } from '../cli/seed-demo';
import { COPY_PRINTS } from '../consent/session-registry';

let cups: CupsSetup;
let kiosk: TestKiosk;

beforeAll(async () => {
  cups = await cupsPdfPrinter();
});

afterEach(() => {
  kiosk.dispose();
});

function auditRows(action: string): Record<string, unknown>[] {
  return (kiosk.app.gate.vault()?.auditRows() ?? [])
    .filter((row) => row.action === action)
    .map((row) => ({ actor: row.actor, ...(JSON.parse(row.details) as object) }));
}

/** A first visit walked and submitted as `fullName`: its session id and submission id. */
async function submitted(
  fullName: string,
): Promise<{ sessionId: string; submissionId: string; copyHeld: boolean }> {
  const { sessionId } = await kiosk.ok('session.start', { locale: 'en' });
  await walkSession(kiosk.app, kiosk.app.programmes.first, sessionId, fullName);
  return { sessionId, ...(await kiosk.ok('session.submit', { sessionId })) };
}

describe('without a printer', () => {
  beforeEach(async () => {
    kiosk = openTestKiosk();
    await kiosk.setUp();
  });

  it('offers no copy, keeps none, and refuses to print', async () => {
    expect((await kiosk.ok('app.info', {})).printCopy).toBe(false);
    const { sessionId, copyHeld } = await submitted('Ada Lovelace');
    expect(copyHeld).toBe(false);
    expect(await kiosk.call('session.printCopy', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
  });
});

describe('with a printer', () => {
  beforeEach(async () => {
    const queue = cups.ok ? cups.printer.queue : 'kiosk-test-pdf';
    kiosk = openTestKiosk({ printer: { name: queue }, printTimeoutMs: 30_000 });
    await kiosk.setUp();
  });

  it("prints the client's own copy after submit, a bounded number of times, audited by ids", async () => {
    const printer = queueOrSay(cups);
    if (!printer) {
      return;
    }
    expect((await kiosk.ok('app.info', {})).printCopy).toBe(true);
    const { sessionId, submissionId, copyHeld } = await submitted('Grace Hopper');
    expect(copyHeld).toBe(true);
    expect(await kiosk.ok('session.printCopy', { sessionId })).toEqual({
      printed: true,
      printsLeft: COPY_PRINTS - 1,
    });
    const text = printable(
      await pdfText(await printer.printed(`clinic-kiosk-copy-${submissionId}`)),
    );
    expect(text).toContain(printable('Grace Hopper'));
    expect(text).toContain(
      printable(
        'By signing, I confirm that I read these pages and agree to the statements I checked.',
      ),
    );
    for (let print = 1; print < COPY_PRINTS; print++) {
      await kiosk.ok('session.printCopy', { sessionId });
      await printer.printed(`clinic-kiosk-copy-${submissionId}`);
    }
    expect(await kiosk.call('session.printCopy', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ALLOWED' },
    });
    expect(auditRows('copy_printed')).toHaveLength(COPY_PRINTS);
    expect(auditRows('copy_print_requested')[0]).toEqual({
      actor: 'kiosk',
      submissionId,
      printer: printer.queue,
    });
    expect(JSON.stringify(kiosk.app.gate.vault()?.auditRows())).not.toContain('Grace Hopper');
  });

  it("never prints another session's copy, nor one the thank-you screen has let go", async () => {
    if (!queueOrSay(cups)) {
      return;
    }
    const first = await submitted('Grace Hopper');
    // The copy is the submitted session's: no other id reaches it.
    const { sessionId: other } = await kiosk.ok('session.start', { locale: 'en' });
    // Starting the next client's session let go of the last client's copy, too.
    for (const sessionId of [other, first.sessionId]) {
      expect(await kiosk.call('session.printCopy', { sessionId })).toMatchObject({
        ok: false,
        error: { code: 'SESSION_NOT_FOUND' },
      });
    }
    const second = await submitted('Alan Turing');
    expect(await kiosk.ok('session.discard', { sessionId: second.sessionId })).toEqual({
      discarded: true,
    });
    expect(await kiosk.call('session.printCopy', { sessionId: second.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_NOT_FOUND' },
    });
    expect(auditRows('copy_print_requested')).toEqual([]);
  });

  it('lets an administrator reprint a record’s copy, audited with who, and never while the staff area is locked', async () => {
    const printer = queueOrSay(cups);
    if (!printer) {
      return;
    }
    const { submissionId } = await submitted('Katherine Johnson');
    expect(await kiosk.call('submissions.printCopy', { submissionId })).toMatchObject({
      ok: false,
      error: { code: 'STAFF_LOCKED' },
    });
    const { unlocked } = await kiosk.ok('admin.unlock', { passphrase: PASSPHRASE });
    expect(await kiosk.ok('submissions.printCopy', { submissionId })).toEqual({ printed: true });
    const text = printable(
      await pdfText(await printer.printed(`clinic-kiosk-copy-${submissionId}`)),
    );
    expect(text).toContain(printable('Katherine Johnson'));
    expect(auditRows('copy_printed')).toEqual([
      {
        actor: `staff:${unlocked?.staffId ?? ''}`,
        submissionId,
        printer: printer.queue,
        jobId: expect.stringMatching(/^kiosk-test-pdf-\d+$/) as unknown,
      },
    ]);
  });

  it('says PRINT_FAILED, audited, when the printer does not take the copy', async () => {
    if (!queueOrSay(cups)) {
      return;
    }
    kiosk.dispose();
    kiosk = openTestKiosk({ printer: { name: 'kiosk-test-no-such-queue' } });
    await kiosk.setUp();
    const { sessionId, submissionId } = await submitted('Mary Jackson');
    expect(await kiosk.call('session.printCopy', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'PRINT_FAILED' },
    });
    expect(auditRows('copy_print_failed')).toEqual([
      {
        actor: 'kiosk',
        submissionId,
        printer: 'kiosk-test-no-such-queue',
        reason: 'refused',
      },
    ]);
    // The record itself is stored whatever the printer does.
    expect((await kiosk.ok('app.status', {})).submissions).toBe(1);
  });
});
