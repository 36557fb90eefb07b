import { describe, expect, it, vi } from 'vitest';
import type { RecordDocument } from '../contract';
import { completedPayload, sampleRecord, storedRowOf } from './export-test-fixtures';
import { drawPdfs, PDF_PARALLEL_FROM, type RecordToDraw } from './pdf-pool';
import { PdfLayouts } from './pdf-layouts';
import { renderRecordPdf } from './pdf-writer';

function records(count: number, broken?: number): RecordToDraw[] {
  return Array.from({ length: count }, (_, index) => {
    const payload = completedPayload({
      fullName: `Client ${String(index)}`,
      wrongFirst: index % 2 === 0,
    });
    const record: RecordDocument = sampleRecord(payload);
    // A record that cannot be drawn: one without its list of questionnaires.
    const drawn = index === broken ? { ...record, questionnaires: null as never } : record;
    return { row: storedRowOf(payload), record: drawn };
  });
}

const refusal = (row: { id: string }, error: unknown): Error =>
  new Error(`refused ${row.id}: ${error instanceof Error ? error.message : String(error)}`);

describe('the PDFs of an export, drawn on every core', () => {
  it('are, byte for byte and in order, the PDFs drawn one by one on this thread', async () => {
    const warn = vi.spyOn(console, 'warn');
    const items = records(PDF_PARALLEL_FROM + 2);
    const drawn: Buffer[] = [];
    for await (const { record, pdf } of drawPdfs(items, {
      count: items.length,
      layouts: new PdfLayouts(),
      fail: refusal,
      workers: 2,
    })) {
      expect(record.submissionId).toBe(items[drawn.length]?.record.submissionId);
      drawn.push(pdf);
    }
    expect(drawn).toHaveLength(items.length);
    for (const [index, { record }] of items.entries()) {
      expect(drawn[index]?.equals(await renderRecordPdf(record))).toBe(true);
    }
    // No fallback to main's thread was needed: the workers drew them.
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('refuse a record that cannot be drawn with the same error as this thread, after the ones before it', async () => {
    const items = records(PDF_PARALLEL_FROM, 9);
    const run = async (workers: number): Promise<{ seen: number; message: string }> => {
      let seen = 0;
      try {
        for await (const drawn of drawPdfs(items, {
          count: items.length,
          layouts: new PdfLayouts(),
          fail: refusal,
          workers,
        })) {
          if (drawn.pdf.length > 0) {
            seen += 1;
          }
        }
      } catch (error) {
        return { seen, message: error instanceof Error ? error.message : String(error) };
      }
      return { seen, message: '(nothing refused)' };
    };
    const here = await run(0);
    expect(here.seen).toBe(9);
    expect(here.message).toMatch(new RegExp(`^refused ${items[9]?.row.id ?? ''}: `));
    expect(await run(2)).toEqual(here);
  });
});
