/**
 * What an export contains, pinned for a fixed set of records: the four CSV files byte for byte,
 * and each PDF's text page by page as pdf.js reads it (with its page count, which pages paint
 * an image, and its document information). The files under test/fixtures/golden/ were made by
 * this test from the code before the export speed work, so that work (caches, reused layout,
 * batched syncs) cannot change what an export says. A change meant to alter an export
 * regenerates them with `KIOSK_UPDATE_GOLDEN=1 npx vitest run src-main/export/golden-export.test.ts`
 * and shows the difference in review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../test/support/pdf-text';
import type { SubmissionPayload } from '../consent/submission-payload';
import { useTempRoot } from '../vault/vault-test-fixtures';
import {
  CHECK_IN_PACK,
  exportInto,
  completedPayload,
  openExportVault,
  PACK,
  type PayloadOptions,
  saveSnapshot,
  storePayload,
} from './export-test-fixtures';

const GOLDEN = path.resolve(import.meta.dirname, '../../test/fixtures/golden');
const UPDATE = process.env.KIOSK_UPDATE_GOLDEN === '1';
const KIOSK_ID = '6a1d9c3e-2f4b-4c8d-9e7f-0a1b2c3d4e5f';
const NOW = new Date('2025-03-10T09:30:00.000Z');
const CSV_FILES = ['submissions.csv', 'statements.csv', 'answers.csv', 'videos.csv'];

/** Varied on purpose: both packs, both signature kinds, a language switch, names a CSV neutralises. */
const RECORDS: { submissionId: string; options: PayloadOptions }[] = [
  { submissionId: '00000000-0000-4000-8000-000000000001', options: {} },
  {
    submissionId: '00000000-0000-4000-8000-000000000002',
    options: {
      wrongFirst: true,
      fullName: 'Zoë O’Brien-Łódź',
      dateOfBirth: '1961-02-28',
      // 11:50 pm in New York: the clinic's day is the day before the UTC one.
      startedAt: '2025-03-06T04:50:00.000Z',
    },
  },
  {
    submissionId: '00000000-0000-4000-8000-000000000003',
    options: {
      signByTyping: true,
      switchLocale: { onStep: 'how-it-may-work', to: 'es' },
      startedAt: '2025-03-07T14:00:00.000Z',
    },
  },
  {
    submissionId: '00000000-0000-4000-8000-000000000004',
    options: { pack: CHECK_IN_PACK, startedAt: '2025-03-08T16:30:00.000Z' },
  },
  {
    submissionId: '00000000-0000-4000-8000-000000000005',
    options: {
      fullName: '=HYPERLINK("http://x"),"a"\n<b>',
      dateOfBirth: '2001-07-04',
      startedAt: '2025-03-09T13:15:00.000Z',
    },
  },
];

function goldenPayload({ submissionId, options }: (typeof RECORDS)[number]): SubmissionPayload {
  return { ...completedPayload({ ...options, kioskId: KIOSK_ID }), submissionId };
}

/** The golden file's text, or writes `actual` as it when regenerating. */
function golden(name: string, actual: string): string {
  const file = path.join(GOLDEN, name);
  if (UPDATE) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  return fs.readFileSync(file, 'utf8');
}

describe('an export of fixed records', () => {
  const temp = useTempRoot();

  async function exportAll(format: 'csv' | 'pdf'): Promise<string> {
    const { vault, unlock } = openExportVault(temp.dataDir);
    try {
      saveSnapshot(vault, CHECK_IN_PACK);
      for (const record of RECORDS) {
        storePayload(vault, goldenPayload(record));
      }
      const { result, out } = await exportInto({ vault, unlock }, temp.root, { format }, NOW);
      expect(result.count).toBe(RECORDS.length);
      return path.join(out, result.folderName);
    } finally {
      unlock.wipe();
      vault.close();
    }
  }

  it('the same payloads come out of the same options (the fixture itself is fixed)', () => {
    const [first] = RECORDS;
    expect(first && goldenPayload(first)).toEqual(first && goldenPayload(first));
    expect(PACK.id).toBe('ketamine-education');
  });

  it.each(CSV_FILES)('writes %s exactly as the golden file', async (name) => {
    const folder = await exportAll('csv');
    const actual = fs.readFileSync(path.join(folder, name), 'utf8');
    expect(actual).toBe(golden(path.join('export-csv', name), actual));
  });

  it("draws each PDF's pages with exactly the golden text", async () => {
    const folder = await exportAll('pdf');
    const names = fs
      .readdirSync(folder)
      .filter((name) => name.endsWith('.pdf'))
      .sort();
    expect(names).toHaveLength(RECORDS.length);
    const texts: Record<string, unknown> = {};
    for (const name of names) {
      const parsed = await parsePdf(fs.readFileSync(path.join(folder, name)));
      const { Title, Subject, Author, Keywords, CreationDate } = parsed.info;
      texts[name] = {
        pages: parsed.pages,
        images: parsed.images,
        info: { Title, Subject, Author, Keywords, CreationDate },
        bodies: parsed.bodies,
        footers: parsed.footers,
      };
    }
    const actual = `${JSON.stringify(texts, null, 2)}\n`;
    expect(texts).toEqual(JSON.parse(golden('export-pdf-text.json', actual)));
  });
});
