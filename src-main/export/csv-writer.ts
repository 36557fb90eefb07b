/**
 * The CSV export: `submissions.csv` (one row per submission), `statements.csv` (one row per
 * acknowledged statement), `answers.csv` (one row per questionnaire item answered) and
 * `videos.csv` (one row per video step). Columns are documented in CSV-COLUMNS.md and only
 * ever added at the end. RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): CRLF between records, fields with a
 * comma, quote, CR or LF quoted, quotes doubled; UTF-8 with a byte order mark so that
 * spreadsheet programs read accents and other scripts correctly. Times are ISO 8601 in the
 * clinic's time zone with its offset (`2026-11-30T20:30:00-05:00`), so a spreadsheet shows the
 * clinic's day and a program can still get back the exact instant.
 */
import { cachedLocalIsoTime } from './local-time-cache';
import type { RecordDocument } from '../contract';

export const SUBMISSIONS_CSV = 'submissions.csv';
export const STATEMENTS_CSV = 'statements.csv';
export const ANSWERS_CSV = 'answers.csv';
export const VIDEOS_CSV = 'videos.csv';

export const SUBMISSION_COLUMNS = [
  'submission_id',
  'submitted_at',
  'started_at',
  'kiosk_id',
  'full_name',
  'date_of_birth',
  'locale',
  'pack_id',
  'pack_version',
  'pack_sha256',
  'pages_viewed',
  'seconds_on_pages',
  'comprehension_attempts',
  'statements_confirmed',
  'signed_at',
  'typed_name',
  'exported_at',
  'comprehension_questions',
  'pack_content_verified',
  // One total and band pair per instrument of CSV-COLUMNS.md's list, named for its id without
  // hyphens. A fixed list, not the instruments an export happens to hold: the header is written
  // before any record is read, and a column must keep its place from one export to the next.
  'phq9_total',
  'phq9_band',
  'gad7_total',
  'gad7_band',
  'alerts',
  'signature_method',
  'videos_watched_to_end',
  'video_seconds_watched',
  'pages_read_too_fast',
  'signature_meaning_sha256',
  'signing_disclosure_sha256',
] as const;

export const VIDEO_COLUMNS = [
  'submission_id',
  'step_id',
  'title',
  'seconds_watched',
  'duration_seconds',
  'watched_to_end',
  'seconds_on_screen',
  'video_sha256',
] as const;

export const ANSWER_COLUMNS = [
  'submission_id',
  'step_id',
  'instrument',
  'item_id',
  'item_code',
  'item_text',
  'value',
  'label',
  'score',
] as const;

export const STATEMENT_COLUMNS = [
  'submission_id',
  'step_id',
  'statement_id',
  'statement_text',
  'statement_sha256',
  'confirmed_at',
] as const;

/** A number stays a number (never neutralised); null is an empty cell. */
export type CsvCell = string | number | null;
export type CsvRecord<C extends string> = Record<C, CsvCell>;

const UTF8_BOM = '\uFEFF';

/**
 * A text cell a spreadsheet could take for a formula starts with `=`, `+`, `-`, `@`, tab, CR or
 * LF; OWASP's advice is to prefix such a cell with a single quote, which spreadsheets then show
 * as text (https://owasp.org/www-community/attacks/CSV_Injection). The full-width forms of the
 * four signs are included because some spreadsheet programs fold them to the ASCII ones (as
 * csv-stringify's own `escape_formulas` notes). So is a sign behind leading blanks or invisible
 * characters (spaces, NBSP, U+3000, a zero-width space, a BOM: `\s` and format characters,
 * `\p{Cf}`), which some spreadsheets skip before reading a formula. Only text is changed: a
 * number, such as a negative count, is written as it is, and dates and times start with a digit.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180#section-2), as csv-stringify writes it with
 * CRLF records: a field holding a comma, a double quote, a CR or an LF is quoted, its quotes
 * doubled; null is empty, a number its JavaScript text. Written here rather than through
 * csv-stringify, which took a quarter of a CSV export's time re-reading its options for every
 * cell; a test holds the two to the same output.
 */
const NEEDS_QUOTES = /[",\r\n]/;

function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** The byte order mark and the header row. */
export function csvHeader(columns: readonly string[]): Buffer {
  return Buffer.from(UTF8_BOM + csvLine(columns), 'utf8');
}

/** Data rows, in `columns` order, every text cell neutralised. */
export function csvRows<C extends string>(
  columns: readonly C[],
  records: readonly CsvRecord<C>[],
): Buffer {
  let text = '';
  for (const record of records) {
    text += csvLine(
      columns.map((column) => {
        const cell = record[column];
        return typeof cell === 'string' ? neutraliseCell(cell) : cell === null ? '' : String(cell);
      }),
    );
  }
  return Buffer.from(text, 'utf8');
}

/** `exportedAt`: the time of this export, which the vault records for the row once it succeeds. */
export function submissionRecord(
  record: RecordDocument,
  exportedAt: string,
): CsvRecord<(typeof SUBMISSION_COLUMNS)[number]> {
  const msOnPages = record.pages.reduce((sum, page) => sum + page.msOnScreen, 0);
  const local = (iso: string): string => cachedLocalIsoTime(iso, record.clinic.timeZone);
  return {
    submission_id: record.submissionId,
    submitted_at: local(record.submittedAt),
    started_at: local(record.startedAt),
    kiosk_id: record.kioskId,
    full_name: record.client.fullName,
    date_of_birth: record.client.dateOfBirth,
    locale: record.locale,
    pack_id: record.pack.id,
    pack_version: record.pack.version,
    pack_sha256: record.pack.hash,
    pages_viewed: record.pages.length,
    seconds_on_pages: Math.round(msOnPages / 100) / 10,
    comprehension_attempts: record.checks.reduce((sum, check) => sum + check.attempts.length, 0),
    statements_confirmed: record.statements.filter((statement) => statement.confirmedAt !== '')
      .length,
    signed_at: record.signature ? local(record.signature.signedAt) : null,
    typed_name: record.signature?.typedName ?? null,
    exported_at: local(exportedAt),
    comprehension_questions: record.checks.length,
    pack_content_verified: record.pack.contentVerified ? 'yes' : 'no',
    phq9_total: firstTotal(record, 'phq-9')?.score ?? null,
    phq9_band: firstTotal(record, 'phq-9')?.band ?? null,
    gad7_total: firstTotal(record, 'gad-7')?.score ?? null,
    gad7_band: firstTotal(record, 'gad-7')?.band ?? null,
    alerts: alertKinds(record).join(';'),
    signature_method: record.signature?.method ?? null,
    videos_watched_to_end: record.videos.filter((video) => video.watchedToEnd).length,
    video_seconds_watched: tenths(record.videos.reduce((sum, v) => sum + v.secondsWatched, 0)),
    pages_read_too_fast: record.pages
      .filter((page) => page.reading.tooFast)
      .map((page) => page.stepId)
      .join(';'),
    signature_meaning_sha256: record.signature?.meaning?.textSha256 ?? null,
    signing_disclosure_sha256: record.signature?.agreement?.textSha256 ?? null,
  };
}

/** Seconds to one decimal, as every seconds column is written. */
function tenths(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

/** The instrument's first total, when the record has that instrument. */
function firstTotal(record: RecordDocument, instrument: string) {
  return record.questionnaires.find((q) => q.instrument.id === instrument)?.totals[0];
}

/** Each alert kind fired by any questionnaire, once, in the order first fired. */
function alertKinds(record: RecordDocument): string[] {
  const kinds = record.questionnaires.flatMap((q) => q.alerts.map((alert) => alert.alert));
  return [...new Set(kinds)];
}

export function answerRecords(
  record: RecordDocument,
): CsvRecord<(typeof ANSWER_COLUMNS)[number]>[] {
  return record.questionnaires.flatMap((questionnaire) =>
    questionnaire.items.flatMap((item) =>
      item.answer === null
        ? []
        : [
            {
              submission_id: record.submissionId,
              step_id: questionnaire.stepId,
              instrument: questionnaire.instrument.id,
              item_id: item.itemId,
              item_code: item.code ?? null,
              item_text: item.text,
              // Free text is a cell like any other: csvRows neutralises it.
              value: String(item.answer.value),
              label: item.answer.label ?? null,
              score: item.answer.score ?? null,
            },
          ],
    ),
  );
}

export function videoRecords(record: RecordDocument): CsvRecord<(typeof VIDEO_COLUMNS)[number]>[] {
  return record.videos.map((video) => ({
    submission_id: record.submissionId,
    step_id: video.stepId,
    title: video.title,
    seconds_watched: tenths(video.secondsWatched),
    duration_seconds: video.durationSeconds === null ? null : tenths(video.durationSeconds),
    watched_to_end: video.watchedToEnd ? 'yes' : 'no',
    seconds_on_screen: tenths(video.msOnScreen / 1000),
    video_sha256: video.fileSha256,
  }));
}

export function statementRecords(
  record: RecordDocument,
): CsvRecord<(typeof STATEMENT_COLUMNS)[number]>[] {
  return record.statements.map((statement) => ({
    submission_id: record.submissionId,
    step_id: statement.stepId,
    statement_id: statement.statementId,
    statement_text: statement.text,
    statement_sha256: statement.textSha256,
    confirmed_at: cachedLocalIsoTime(statement.confirmedAt, record.clinic.timeZone),
  }));
}
