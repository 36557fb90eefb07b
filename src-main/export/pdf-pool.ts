/**
 * The PDFs of an export drawn on every core: the record documents (opened on main's thread) go in
 * small batches to worker threads (pdf-worker.ts, through ../worker-pool.ts) that draw them with
 * the same `renderRecordPdf`, and the PDFs come back in the records' order. A record's PDF does not
 * depend on the records drawn before it (pdf-layouts.ts), so which worker drew it changes no byte.
 * A few records are drawn on main's thread: starting a worker would cost more.
 */
import type { RecordDocument } from '../contract';
import type { SubmissionRow } from '../vault';
import { defaultWorkers, mapInWorkers } from '../worker-pool';
import type { PdfLayouts } from './pdf-layouts';
import { renderRecordPdf } from './pdf-writer';

/** What a PDF worker answers for one record. */
export type PdfAnswer = { pdf: Uint8Array } | { failed: string };

export interface RecordToDraw {
  row: SubmissionRow;
  record: RecordDocument;
}

/** Fewer records than this are drawn on main's thread (a PDF costs about 30 ms; a worker's start more). */
export const PDF_PARALLEL_FROM = 16;
/** Records a batch: a PDF is long work, so small batches keep both workers busy to the end. */
const BATCH_RECORDS = 4;

/**
 * Each record with its PDF, in order. `fail` turns a record that cannot be drawn into the
 * export's error; `layouts` serve the PDFs drawn on main's thread.
 */
export function drawPdfs(
  records: Iterable<RecordToDraw>,
  options: {
    count: number;
    layouts: PdfLayouts;
    fail: (row: SubmissionRow, error: unknown) => Error;
    workers?: number;
  },
): AsyncGenerator<RecordToDraw & { pdf: Buffer }> {
  const inline = async (item: RecordToDraw): Promise<RecordToDraw & { pdf: Buffer }> => {
    try {
      return { ...item, pdf: await renderRecordPdf(item.record, options.layouts) };
    } catch (error) {
      throw options.fail(item.row, error);
    }
  };
  return mapInWorkers(records, {
    from: import.meta.url,
    script: 'pdf-worker',
    workerData: null,
    workers: options.count < PDF_PARALLEL_FROM ? 0 : (options.workers ?? defaultWorkers()),
    batch: BATCH_RECORDS,
    message: (item) => item.record,
    result: (item, answer: PdfAnswer) => {
      if ('failed' in answer) {
        throw options.fail(item.row, new Error(answer.failed));
      }
      const pdf = Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength);
      return { ...item, pdf };
    },
    inline,
  });
}
