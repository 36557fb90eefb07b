/**
 * The auditor's case: a record signed at 8:30 pm in New Hampshire is already the next day in
 * UTC. Its PDF, its CSV row and its export's folder all date it on the clinic's day, and the
 * clinic's day range selects it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { ExportRequest } from './run-export';
import {
  completedPayload,
  exportInto,
  openExportVault,
  storePayload,
} from './export-test-fixtures';
import { useTempRoot } from '../vault/vault-test-fixtures';

/** The default pack takes the client about six minutes: this one signs at 20:30 local. */
const STARTED = '2026-12-01T01:24:17.000Z';
/** 20:45 in New York, 01:45 the next day in UTC. */
const NOW = new Date('2026-12-01T01:45:00.000Z');

async function pdfText(file: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0 })
    .promise;
  const words: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    words.push(...content.items.map((item) => ('str' in item ? item.str : '')));
  }
  await pdf.destroy();
  return words.join(' ');
}

describe("exports in the clinic's time zone", () => {
  const temp = useTempRoot();

  it('dates a record signed at 20:30 on 2026-11-30 in America/New_York on 2026-11-30 in its PDF, CSV and folder name', async () => {
    const { vault, unlock } = openExportVault(temp.dataDir);
    try {
      const payload = completedPayload({ kioskId: vault.kioskId, startedAt: STARTED });
      storePayload(vault, payload);
      const signedAt = payload.signature?.signedAt ?? '';
      // It is the next day in UTC, and between 20:00 and 21:00 in New York.
      expect(signedAt).toMatch(/^2026-12-01T01:/);
      const out = path.join(temp.root, 'out');
      const run = async (request: ExportRequest) =>
        (await exportInto({ vault, unlock }, temp.root, request, NOW)).result;

      const pdf = await run({ format: 'pdf', from: '2026-11-30', to: '2026-11-30' });
      expect(pdf.folderName).toMatch(/^kiosk-export-20261130T204500-0500-[0-9a-f]{8}-pdf$/);
      const [pdfName] = pdf.files;
      expect(pdfName).toBe(`2026-11-30-${payload.submissionId}.pdf`);
      const text = await pdfText(path.join(out, pdf.folderName, pdfName ?? ''));
      expect(text).toMatch(/Signed:\s+2026-11-30 20:30:\d\d\.\d{3} -05:00/);
      expect(text).toMatch(/Submitted:\s+2026-11-30 20:\d\d:\d\d\.\d{3} -05:00/);
      expect(text).not.toContain('2026-12-01');

      const csv = await run({ format: 'csv', from: '2026-11-30', to: '2026-11-30' });
      expect(csv.folderName).toMatch(/^kiosk-export-20261130T204500-0500-[0-9a-f]{8}-csv$/);
      const [row] = parse<Record<string, string>>(
        fs.readFileSync(path.join(out, csv.folderName, 'submissions.csv')),
        { columns: true, bom: true },
      );
      expect(row?.signed_at).toMatch(/^2026-11-30T20:\d\d:\d\d(\.\d{3})?-05:00$/);
      expect(row?.submitted_at).toMatch(/^2026-11-30T20:\d\d:\d\d(\.\d{3})?-05:00$/);
      expect(row?.exported_at).toBe('2026-11-30T20:45:00-05:00');
      // The same instant, not a shifted one.
      expect(Date.parse(row?.signed_at ?? '')).toBe(Date.parse(signedAt));

      // The clinic's 1 December has not begun for it.
      const error = await run({ format: 'csv', from: '2026-12-01' }).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/No submissions were made from 2026-12-01/);
    } finally {
      unlock.wipe();
      vault.close();
    }
  });
});
