/**
 * The worker of pdf-pool.ts: draws the PDF of each record document it is sent, with the same
 * `renderRecordPdf` main's thread uses, and answers with its bytes (moved, not copied). Its
 * `PdfLayouts` (the laid-out words its PDFs share) lives as long as the worker, which is one
 * export: the pool ends it when the export's PDFs are drawn.
 */
import type { RecordDocument } from '../contract';
import { serveBatches } from '../worker-pool';
import type { PdfAnswer } from './pdf-pool';
import { PdfLayouts } from './pdf-layouts';
import { renderRecordPdf } from './pdf-writer';

const layouts = new PdfLayouts();

serveBatches(
  async (record: RecordDocument): Promise<PdfAnswer> => {
    try {
      return { pdf: await renderRecordPdf(record, layouts) };
    } catch (error) {
      return { failed: error instanceof Error ? error.message : String(error) };
    }
  },
  {
    // A PDF is its own buffer (Buffer.concat of a large length): moved whole, else copied.
    transfer: (answer) => {
      if (!('pdf' in answer)) {
        return [];
      }
      const { buffer, byteOffset, byteLength } = answer.pdf;
      const whole = buffer instanceof ArrayBuffer && byteOffset === 0;
      return whole && byteLength === buffer.byteLength ? [buffer] : [];
    },
  },
);
