/**
 * Printing through a real CUPS server, to the cups-pdf virtual printer: what comes out is read
 * back with pdf.js. Where CUPS cannot be started the test says so in one line, and fails in CI.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cupsPdfPrinter,
  queueOrSay,
  printable,
  type CupsSetup,
} from '../../test/support/cups-printer';
import { pdfText } from '../../test/support/pdf-text';
import type { AuditEvent } from '../audit';
import { formatLocalDateTime } from '../../src-shared/clinic-time';
import { completedPayload, sampleRecord } from '../export/sample-records';
import { printClientCopy } from './print-copy';
import { lpAvailable, printPdf, PrintError } from './print-job';

let cups: CupsSetup;

beforeAll(async () => {
  cups = await cupsPdfPrinter();
});

describe('printing through CUPS', () => {
  it("prints the client's copy: the printed PDF holds the name, the statements, the meaning and the local time", async () => {
    const printer = queueOrSay(cups);
    if (!printer) {
      return;
    }
    const payload = completedPayload({ fullName: `Ada Lovelace-${randomUUID().slice(0, 8)}` });
    const record = sampleRecord(payload);
    const audited: AuditEvent[] = [];
    const outcome = await printClientCopy(
      record,
      { name: printer.queue, timeoutMs: 30_000 },
      'kiosk',
      (event) => audited.push(event),
    );
    expect(outcome).toMatchObject({
      ok: true,
      jobId: expect.stringMatching(/^kiosk-test-pdf-\d+$/) as unknown,
    });
    const text = printable(
      await pdfText(await printer.printed(`clinic-kiosk-copy-${record.submissionId}`)),
    );
    for (const expected of [
      payload.identity.fullName,
      ...payload.acknowledgements.map((statement) => statement.text),
      payload.signature?.meaning?.text ?? 'a meaning',
      `Signed: ${formatLocalDateTime(payload.signature?.signedAt ?? '', 'en-US', record.clinic.timeZone)}`,
    ]) {
      expect(text, expected).toContain(printable(expected));
    }
    // Audited by ids and printer only: never a word of the copy.
    expect(audited.map((event) => event.action)).toEqual(['copy_print_requested', 'copy_printed']);
    expect(JSON.stringify(audited)).not.toContain(payload.identity.fullName);
    expect(audited[1]?.details).toEqual({
      submissionId: record.submissionId,
      printer: printer.queue,
      jobId: outcome.ok ? outcome.jobId : '',
    });
  });

  it('reports a queue CUPS does not have as refused, and audits the failure', async () => {
    if (!queueOrSay(cups)) {
      return;
    }
    await expect(
      printPdf(Buffer.from('%PDF-1.4\n%%EOF\n'), {
        printer: 'kiosk-test-no-such-queue',
        title: 'clinic-kiosk-copy-test',
        timeoutMs: 30_000,
      }),
    ).rejects.toMatchObject({ name: 'PrintError', reason: 'refused' });
    const payload = completedPayload();
    const record = sampleRecord(payload, { verified: false });
    const audited: AuditEvent[] = [];
    const outcome = await printClientCopy(
      record,
      { name: 'kiosk-test-no-such-queue', timeoutMs: 30_000 },
      'staff:1',
      (event) => audited.push(event),
    );
    expect(outcome).toEqual({ ok: false, reason: 'refused' });
    expect(audited.map((event) => [event.actor, event.action])).toEqual([
      ['staff:1', 'copy_print_requested'],
      ['staff:1', 'copy_print_failed'],
    ]);
  });
});

describe('lpAvailable', () => {
  it('finds lp only on a PATH that has it', () => {
    expect(lpAvailable('')).toBe(false);
    expect(lpAvailable('/nonexistent-folder')).toBe(false);
    if (queueOrSay(cups)) {
      expect(lpAvailable(process.env.PATH ?? '')).toBe(true);
    }
  });

  it('names a missing lp as such', () => {
    expect(new PrintError('no-lp', 'x').reason).toBe('no-lp');
  });
});
