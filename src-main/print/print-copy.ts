/**
 * Printing a record's client copy, audited: "requested", then "printed" or "failed", each with
 * the submission id, the printer and who asked (never a word of the content). The copy is made
 * in memory from the record document and piped to the printer; nothing of it stays.
 */
import type { AuditEvent } from '../audit';
import type { RecordDocument } from '../contract';
import { clientCopyOf } from './client-copy';
import { renderClientCopyPdf } from './client-copy-pdf';
import { printPdf, PrintError, type PrintFailure } from './print-job';

export interface CopyPrinter {
  name: string;
  timeoutMs: number;
}

export type CopyPrintOutcome = { ok: true; jobId: string } | { ok: false; reason: PrintFailure };

export async function printClientCopy(
  record: RecordDocument,
  printer: CopyPrinter,
  actor: string,
  audit: (event: AuditEvent) => void,
): Promise<CopyPrintOutcome> {
  const details = { submissionId: record.submissionId, printer: printer.name };
  audit({ actor, action: 'copy_print_requested', details });
  try {
    const pdf = await renderClientCopyPdf(clientCopyOf(record));
    const { jobId } = await printPdf(pdf, {
      printer: printer.name,
      title: `clinic-kiosk-copy-${record.submissionId}`,
      timeoutMs: printer.timeoutMs,
    });
    audit({ actor, action: 'copy_printed', details: { ...details, jobId } });
    return { ok: true, jobId };
  } catch (error) {
    if (!(error instanceof PrintError)) {
      throw error;
    }
    console.error(`printClientCopy: ${record.submissionId} on ${printer.name}: ${error.message}`);
    audit({
      actor,
      action: 'copy_print_failed',
      details: { ...details, reason: error.reason },
    });
    return { ok: false, reason: error.reason };
  }
}
