import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runExport } from './run-export';
import {
  csvHeader,
  ANSWER_COLUMNS,
  csvRows,
  neutraliseCell,
  STATEMENT_COLUMNS,
  SUBMISSION_COLUMNS,
  VIDEO_COLUMNS,
} from './csv-writer';
import {
  CLINIC,
  completedPayload,
  openExportVault,
  PACK,
  storePayload,
} from './export-test-fixtures';
import type { SubmissionPayload } from '../consent/submission-payload';
import { sha256Hex } from '../content';
import { useTempRoot } from '../vault/vault-test-fixtures';
import { localIsoTime } from '../../src-shared/clinic-time';

/** Times as the CSV writes them: the clinic's local time with its offset (checked literally below). */
const local = (iso: string): string => localIsoTime(iso, CLINIC.timeZone);

/** Each payload of OWASP's CSV injection page, and what a safe cell holds instead. */
const INJECTIONS: [string, string][] = [
  ['=1+2', "'=1+2"],
  ['+SUM(A1)', "'+SUM(A1)"],
  ['-2+3', "'-2+3"],
  ['@cmd', "'@cmd"],
  ['\t=x', "'\t=x"],
  ['\r=x', "'\r=x"],
  ['\n=x', "'\n=x"],
  ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
  ['＝1+2', "'＝1+2"],
  // A formula behind leading blanks or invisible characters, which some spreadsheets skip.
  [' =1+2', "' =1+2"],
  ['   @cmd', "'   @cmd"],
  ['\u00A0=1+2', "'\u00A0=1+2"],
  ['\u3000=1+2', "'\u3000=1+2"],
  ['\u200B=1+2', "'\u200B=1+2"],
  ['\uFEFF=1+2', "'\uFEFF=1+2"],
  ['\u200B \u00A0-2+3', "'\u200B \u00A0-2+3"],
];

/** Names a spreadsheet must keep intact (the consent UI would refuse some; the writer must not rely on it). */
const ODD_NAMES = [
  'Smith, "Jo" O\'Brien',
  'Line one\r\nLine two\nLine three',
  'Zoë Ångström-Ñúñez',
  'Ana 😀 Li 中文',
  '<script>alert(1)</script>',
];

describe('neutraliseCell / csvRows', () => {
  it('prefixes every OWASP formula payload with a single quote, and nothing else', () => {
    for (const [value, safe] of INJECTIONS) {
      expect(neutraliseCell(value), JSON.stringify(value)).toBe(safe);
    }
    for (const value of [
      'Ada',
      ' Ada',
      '\u00A0Ada',
      '2025-01-02',
      '2025-01-02T03:04:05.000Z',
      'a =b',
      '',
    ]) {
      expect(neutraliseCell(value)).toBe(value);
    }
  });

  it('leaves numbers (a negative one too) and dates alone; neutralises text that looks like them', () => {
    const columns = ['n', 'date', 'text'] as const;
    const bytes = csvRows(columns, [{ n: -5, date: '2025-01-02', text: '-5' }]);
    expect(bytes.toString('utf8')).toBe("-5,2025-01-02,'-5\r\n");
  });

  it('writes a BOM and the documented header', () => {
    const header = csvHeader(SUBMISSION_COLUMNS);
    expect([...header.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(header.subarray(3).toString('utf8')).toBe(`${SUBMISSION_COLUMNS.join(',')}\r\n`);
    const documented = fs.readFileSync(path.join(import.meta.dirname, './CSV-COLUMNS.md'), 'utf8');
    for (const column of [
      ...SUBMISSION_COLUMNS,
      ...STATEMENT_COLUMNS,
      ...ANSWER_COLUMNS,
      ...VIDEO_COLUMNS,
    ]) {
      expect(documented, column).toContain(`\`${column}\``);
    }
  });
});

describe('CSV export', () => {
  const temp = useTempRoot();

  it('reads back through csv-parse as exactly the records, with formulas neutralised and odd names intact', async () => {
    const { vault, unlock } = openExportVault(temp.dataDir);
    try {
      const names = [...INJECTIONS.map(([value]) => value), ...ODD_NAMES];
      const payloads = names.map((fullName, index) =>
        withTypedAnswer(
          completedPayload({
            fullName,
            kioskId: vault.kioskId,
            wrongFirst: index % 2 === 0,
            startedAt: new Date(Date.UTC(2025, 2, 4, 9, index)).toISOString(),
          }),
          // Free text typed by the client is as hostile as a name.
          INJECTIONS[index % INJECTIONS.length]?.[0] ?? '',
        ),
      );
      for (const payload of payloads) {
        storePayload(vault, payload);
      }
      const out = path.join(temp.root, 'out');
      fs.mkdirSync(out);
      const now = new Date('2025-03-05T10:00:00.000Z');
      const result = await runExport({
        vault,
        unlock,
        clinic: CLINIC,
        request: { format: 'csv' },
        folder: out,
        actor: 'staff:test',
        now,
      });
      expect(result.files).toEqual([
        'submissions.csv',
        'statements.csv',
        'answers.csv',
        'videos.csv',
        'manifest.json',
      ]);
      const folder = path.join(out, result.folderName);

      const raw = fs.readFileSync(path.join(folder, 'submissions.csv'));
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = raw.toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      // Outside quoted fields every line ends in CRLF: no bare LF or CR between records.
      const unquoted = text.replace(/"(?:[^"]|"")*"/g, '""');
      expect(unquoted.split('\r\n').join('')).not.toMatch(/[\r\n]/);

      const rows = parse<Record<string, string>>(raw, {
        bom: true,
        columns: true,
        record_delimiter: '\r\n',
        relax_column_count: false,
      });
      expect(Object.keys(rows[0] ?? {})).toEqual([...SUBMISSION_COLUMNS]);
      expect(rows).toHaveLength(payloads.length);
      payloads.forEach((payload, index) => {
        const row = rows[index] ?? {};
        const name = payload.identity.fullName;
        const injection = INJECTIONS.find(([value]) => value === name);
        const expectedName = injection ? injection[1] : name;
        const pages = payload.steps.filter((step) => step.kind === 'page');
        expect(row).toEqual({
          submission_id: payload.submissionId,
          submitted_at: local(payload.submittedAt),
          started_at: local(payload.startedAt),
          kiosk_id: vault.kioskId,
          full_name: expectedName,
          date_of_birth: '1985-12-10',
          locale: 'en',
          pack_id: PACK.id,
          pack_version: PACK.version,
          pack_sha256: PACK.hash,
          pages_viewed: String(pages.length),
          seconds_on_pages: String(
            Math.round(pages.reduce((sum, step) => sum + step.msOnScreen, 0) / 100) / 10,
          ),
          comprehension_attempts: String(
            payload.checks.reduce((sum, check) => sum + check.attempts.length, 0),
          ),
          statements_confirmed: String(payload.acknowledgements.length),
          signed_at: payload.signature ? local(payload.signature.signedAt) : undefined,
          typed_name: expectedName,
          signature_method: 'drawn',
          exported_at: local(now.toISOString()),
          comprehension_questions: String(payload.checks.length),
          pack_content_verified: 'yes',
          ...totalsOf(payload),
          // The default pack has no video.
          videos_watched_to_end: '0',
          video_seconds_watched: '0',
          // The sample sessions spend seconds on pages of a few hundred words each.
          pages_read_too_fast: pages.map((step) => step.stepId).join(';'),
          signature_meaning_sha256: payload.signature?.meaning?.textSha256,
          signing_disclosure_sha256: payload.signature?.agreement?.textSha256,
        });
      });
      expect(rows.map((row) => row.full_name)).toEqual(
        expect.arrayContaining([
          'Zoë Ångström-Ñúñez',
          'Ana 😀 Li 中文',
          'Line one\r\nLine two\nLine three',
        ]),
      );

      const statements = parse<Record<string, string>>(
        fs.readFileSync(path.join(folder, 'statements.csv')),
        {
          bom: true,
          columns: true,
          record_delimiter: '\r\n',
        },
      );
      const expected = payloads.flatMap((payload) =>
        payload.acknowledgements.map((statement) => ({
          submission_id: payload.submissionId,
          step_id: statement.stepId,
          statement_id: statement.statementId,
          statement_text: statement.text,
          statement_sha256: statement.textSha256,
          confirmed_at: local(statement.confirmedAt),
        })),
      );
      expect(expected.length).toBeGreaterThan(payloads.length);
      expect(statements).toEqual(expected);

      const answers = parse<Record<string, string>>(
        fs.readFileSync(path.join(folder, 'answers.csv')),
        { bom: true, columns: true, record_delimiter: '\r\n' },
      );
      expect(Object.keys(answers[0] ?? {})).toEqual([...ANSWER_COLUMNS]);
      const expectedAnswers = payloads.flatMap((payload) =>
        payload.questionnaires.flatMap((questionnaire) =>
          questionnaire.items.flatMap((item) =>
            item.answer === null
              ? []
              : [
                  {
                    submission_id: payload.submissionId,
                    step_id: questionnaire.stepId,
                    instrument: questionnaire.instrument.id,
                    item_id: item.itemId,
                    item_code: item.code ?? '',
                    item_text: safe(item.text),
                    value: safe(String(item.answer.value)),
                    label: item.answer.label ?? '',
                    score: item.answer.score === undefined ? '' : String(item.answer.score),
                  },
                ],
          ),
        ),
      );
      expect(expectedAnswers.filter((row) => row.instrument === 'phq-9').length).toBeGreaterThan(
        payloads.length * 9,
      );
      expect(answers).toEqual(expectedAnswers);
      const typed = answers.filter((row) => row.item_id === 'typed-note');
      expect(typed.map((row) => row.value).slice(0, INJECTIONS.length)).toEqual(
        INJECTIONS.map(([, neutralised]) => neutralised),
      );
      expect(typed.every((row) => row.item_text === "'-Anything else?")).toBe(true);

      // A pack without video: videos.csv is its header alone.
      expect(fs.readFileSync(path.join(folder, 'videos.csv'), 'utf8')).toBe(
        `\uFEFF${VIDEO_COLUMNS.join(',')}\r\n`,
      );
    } finally {
      unlock.wipe();
      vault.close();
    }
  });
});

/** What a CSV cell holds for `value`, from the list of injections (the writer's own rule is under test). */
function safe(value: string): string {
  return (
    INJECTIONS.find(([payload]) => payload === value)?.[1] ??
    (value.startsWith('-') ? `'${value}` : value)
  );
}

/** `payload` with a free-text item answered `typed` added to its first questionnaire. */
function withTypedAnswer(payload: SubmissionPayload, typed: string): SubmissionPayload {
  const [first, ...rest] = payload.questionnaires;
  if (!first) {
    throw new Error('the sample payload has no questionnaire');
  }
  const text = '-Anything else?';
  const note = {
    itemId: 'typed-note',
    locale: 'en',
    text,
    textSha256: sha256Hex(text),
    type: 'text' as const,
    answer: { value: typed },
  };
  return { ...payload, questionnaires: [{ ...first, items: [...first.items, note] }, ...rest] };
}

/** The summary columns `submissions.csv` should hold for `payload`. */
function totalsOf(payload: SubmissionPayload): Record<string, string> {
  const total = (id: string) =>
    payload.questionnaires.find((q) => q.instrument.id === id)?.totals[0];
  const kinds = payload.questionnaires.flatMap((q) => q.rulesFired.map((rule) => rule.alert));
  return {
    phq9_total: String(total('phq-9')?.score),
    phq9_band: total('phq-9')?.band ?? '',
    gad7_total: String(total('gad-7')?.score),
    gad7_band: total('gad-7')?.band ?? '',
    alerts: [...new Set(kinds)].join(';'),
  };
}

describe('csvRows', () => {
  it('writes exactly what csv-stringify writes with CRLF records, for any cells', () => {
    const columns = ['a', 'b', 'c'] as const;
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', 'é', '=', '-', "'") }),
      fc.string({ unit: 'grapheme' }),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { maxLength: 5 }), (cells) => {
        const records = cells.map(([a, b, c]) => ({ a, b, c }));
        const expected = stringify(
          records.map((record) =>
            columns.map((column) => {
              const value = record[column];
              return typeof value === 'string' ? neutraliseCell(value) : value;
            }),
          ),
          { record_delimiter: '\r\n', quote_record_delimiter: true, eof: true },
        );
        expect(csvRows(columns, records).toString('utf8')).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(csvHeader(['x,y', 'z']).toString('utf8')).toBe('\uFEFF"x,y",z\r\n');
  });
});
