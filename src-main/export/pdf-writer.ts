/**
 * One PDF per submission, drawn from its `RecordDocument`: the clinic, the client, the exact
 * text of every page they saw with its time on screen, every comprehension attempt, every
 * statement confirmed with its time and SHA-256, every questionnaire's answers, totals, bands
 * and alerts with the instrument's copyright line, the signature, and the pack's identity.
 * Where the client switched language, each text is the one they saw, and names its language.
 *
 * Everything a client typed is drawn as text (pdfkit's `text()`), never interpreted: a name
 * like `<script>` is printed as those characters. The document has no JavaScript, links,
 * annotations or actions. Output is deterministic: the same record gives the same bytes
 * (CreationDate is the submission time; pdfkit derives the file ID from the info dictionary).
 */
import type { PageBlock, RecordDocument, RecordQuestionnaire, SignedText } from '../contract';
import {
  formatCalendarDate,
  formatLocalDateTime,
  localDay,
  localTimestamp,
} from '../../src-shared/clinic-time';
import {
  body,
  bold,
  contentWidth,
  coverageNote,
  drawClinic,
  drawFooters,
  drawSignatureImage,
  ensureSpace,
  field,
  MUTED,
  newPdf,
  sectionTitle,
  type Doc,
} from './pdf-drawing';
import type { PdfLayouts } from './pdf-layouts';
import { RECORD_TITLES } from './record-document';
import { describeReading } from './reading-time';

/** The PDF's own words are English, so its dates are too, whatever language the client read. */
const PRINTED_LOCALE = 'en-US';

/**
 * The PDF of one record, as bytes. An export passes its `layouts` (pdf-layouts.ts), shared by
 * its records' PDFs; a PDF drawn on its own passes none, and keeps none of its words.
 */
export async function renderRecordPdf(
  record: RecordDocument,
  layouts?: PdfLayouts,
): Promise<Buffer> {
  const { doc, bytes } = newPdf(
    record.locale,
    {
      Title: `${RECORD_TITLES[record.kind]}: ${record.client.fullName}, ${localDay(record.submittedAt, record.clinic.timeZone)}`,
      Subject: `${record.pack.title} (${record.pack.id} ${record.pack.version})`,
      Author: record.clinic.name,
      CreationDate: new Date(record.submittedAt),
      Keywords: recordFingerprintKeywords(record),
    },
    layouts,
  );

  drawHeader(doc, record);
  drawSummary(doc, record);
  drawPages(doc, record);
  drawReadingFlags(doc, record);
  drawVideos(doc, record);
  drawChecks(doc, record);
  drawStatements(doc, record);
  drawQuestionnaires(doc, record);
  drawSignature(doc, record);
  drawRecordFingerprint(doc, record);
  drawFooters(
    doc,
    `${record.client.fullName} · born ${formatCalendarDate(record.client.dateOfBirth, PRINTED_LOCALE)} · ${record.pack.id} version ${record.pack.version}`,
    (page, count) => `page ${page} of ${count}`,
  );
  doc.end();
  return bytes;
}

function drawHeader(doc: Doc, record: RecordDocument): void {
  drawClinic(doc, record.clinic, { phone: 'Phone', email: 'Email' });
  doc.moveDown(1.2);
  bold(doc, 18).text(RECORD_TITLES[record.kind]);
  body(doc, 12).text(record.pack.title);
}

function drawSummary(doc: Doc, record: RecordDocument): void {
  sectionTitle(doc, 'Client');
  field(doc, 'Name', record.client.fullName);
  coverageNote(doc, 'name', record.client.fullName);
  field(doc, 'Date of birth', formatCalendarDate(record.client.dateOfBirth, PRINTED_LOCALE));

  sectionTitle(doc, 'Record');
  field(doc, 'Submission', record.submissionId);
  field(doc, 'Kiosk', record.kioskId);
  field(doc, 'Language', languageLine(record));
  field(doc, 'Started', formatTime(record.startedAt, record.clinic.timeZone));
  field(doc, 'Submitted', formatTime(record.submittedAt, record.clinic.timeZone));
  field(
    doc,
    'Signed',
    record.signature
      ? formatTime(record.signature.signedAt, record.clinic.timeZone)
      : 'Not asked (no signature step)',
  );
  // No export time: the PDF depends only on the sealed record, the pack text and the clinic,
  // so every export of a submission (and the FHIR Consent's copy) is the same file.

  sectionTitle(doc, 'Content shown');
  field(doc, 'Content pack', `${record.pack.id}, version ${record.pack.version}`);
  field(doc, 'SHA-256', record.pack.hash);
  field(
    doc,
    'Verified',
    record.pack.contentVerified
      ? 'Yes. The page text below is the stored copy of this pack, and it hashes to the SHA-256 above: it is the text the client saw.'
      : 'No. The page text could not be shown as verified; see each page below.',
  );
}

/** `en`, or, for a client who switched: `en at the start; also shown in es`. */
function languageLine(record: RecordDocument): string {
  const others = record.locales.filter((locale) => locale !== record.locale);
  return others.length === 0
    ? record.locale
    : `${record.locale} at the start; also shown in ${others.join(', ')}`;
}

/** Whether the client saw more than one language: only then does each text name its own. */
function switchedLanguage(record: RecordDocument): boolean {
  return record.locales.length > 1;
}

function drawPages(doc: Doc, record: RecordDocument): void {
  sectionTitle(doc, `Pages the client saw (${record.pages.length})`);
  const named = switchedLanguage(record);
  for (const page of record.pages) {
    ensureSpace(doc, 70);
    bold(doc, 12).text(page.title, doc.page.margins.left);
    const languages = page.shown.map((shown) => shown.locale).join(' and ');
    body(doc, 9, MUTED).text(
      `On screen ${formatDuration(page.msOnScreen)} in ${page.visits} ${page.visits === 1 ? 'visit' : 'visits'}${named ? `, in ${languages}` : ''}`,
    );
    doc.moveDown(0.4);
    for (const shown of page.shown) {
      if (page.shown.length > 1) {
        // The page in each language it was on screen in, each as the client saw it.
        ensureSpace(doc, 40);
        bold(doc, 9.5, MUTED).text(
          `As shown in ${shown.locale} (${formatDuration(shown.msOnScreen)}): ${shown.title}`,
          doc.page.margins.left,
        );
        doc.moveDown(0.2);
      }
      for (const block of shown.blocks) {
        drawBlock(doc, block);
      }
    }
    doc.moveDown(0.8);
  }
}

/**
 * Pages on screen for less time than their words need at the clinic's reading speed, for staff
 * to follow up (reading-time.ts); nothing was blocked. Only when there is one.
 */
function drawReadingFlags(doc: Doc, record: RecordDocument): void {
  const flagged = record.pages.filter((page) => page.reading.tooFast);
  if (flagged.length === 0) {
    return;
  }
  sectionTitle(doc, `Reading time worth noticing (${flagged.length})`);
  body(doc, 9, MUTED).text(
    'These pages were on screen for less time than their words need. Nothing was blocked; you may want to go over them with the client.',
    doc.page.margins.left,
  );
  doc.moveDown(0.4);
  for (const page of flagged) {
    ensureSpace(doc, 30);
    bold(doc, 10).text(`${page.title}: `, doc.page.margins.left, undefined, { continued: true });
    body(doc, 10).text(`${describeReading(page)}.`);
  }
}

/**
 * The SHA-256 of the sealed record this PDF was drawn from, printed and in the metadata
 * (`Keywords`, read back by `kiosk verify-record`), so the PDF can be matched to the vault.
 */
function drawRecordFingerprint(doc: Doc, record: RecordDocument): void {
  sectionTitle(doc, 'Record fingerprint');
  body(doc, 10).text(
    `SHA-256 of the sealed record this PDF was made from: ${record.recordSha256}`,
    doc.page.margins.left,
  );
  body(doc, 9, MUTED).text(
    'Staff can check that this PDF matches the record kept on the kiosk with "kiosk verify-record".',
  );
}

/** The metadata `kiosk verify-record` reads: ASCII only, so it is stored as written. */
export function recordFingerprintKeywords(
  record: Pick<RecordDocument, 'recordSha256' | 'submissionId'>,
): string {
  return `${RECORD_SHA256_KEYWORD}${record.recordSha256} ${SUBMISSION_KEYWORD}${record.submissionId}`;
}

export const RECORD_SHA256_KEYWORD = 'clinic-kiosk-record-sha256:';
export const SUBMISSION_KEYWORD = 'clinic-kiosk-submission:';

/** Only for records with videos: a record of a pack without video prints as it always did. */
function drawVideos(doc: Doc, record: RecordDocument): void {
  if (record.videos.length === 0) {
    return;
  }
  sectionTitle(doc, `Videos the client saw (${record.videos.length})`);
  for (const video of record.videos) {
    ensureSpace(doc, 70);
    bold(doc, 12).text(video.title, doc.page.margins.left);
    const length =
      video.durationSeconds === null ? '' : ` of ${formatSeconds(video.durationSeconds)}`;
    body(doc, 10).text(
      `Watched ${formatSeconds(video.secondsWatched)}${length}: ${video.watchedToEnd ? 'watched to the end' : 'not watched to the end'}.`,
    );
    body(doc, 9, MUTED).text(
      `On screen ${formatDuration(video.msOnScreen)} in ${video.visits} ${video.visits === 1 ? 'visit' : 'visits'}. SHA-256 of the video file: ${video.fileSha256}`,
    );
    doc.moveDown(0.8);
  }
}

/** Seconds as measured, to one decimal ("12.5 s"). */
function formatSeconds(seconds: number): string {
  return `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;
}

const ORDINAL = /^(\d+\.) (.*)$/s;

function drawBlock(doc: Doc, block: PageBlock): void {
  const left = doc.page.margins.left;
  switch (block.kind) {
    case 'heading':
      ensureSpace(doc, 40);
      bold(doc, 11).text(block.text, left);
      doc.moveDown(0.2);
      return;
    case 'paragraph':
      body(doc, 10).text(block.text, left);
      doc.moveDown(0.4);
      return;
    case 'image':
      // The picture itself is not in the vault (its SHA-256 is, in the pack): its words are.
      body(doc, 9.5, MUTED).text(`Picture: ${block.text}`, left + 12);
      doc.moveDown(0.4);
      return;
    case 'item': {
      // snapshotPages starts an ordered item with its number; a bullet item has no marker.
      const numbered = ORDINAL.exec(block.text);
      const marker = numbered?.[1] ?? '•';
      const text = numbered?.[2] ?? block.text;
      ensureSpace(doc, 14);
      const y = doc.y;
      body(doc, 10).text(marker, left + 6, y, { width: 20, lineBreak: false });
      doc.text(text, left + 26, y, { width: contentWidth(doc) - 26 });
      doc.x = left;
      doc.moveDown(0.25);
      return;
    }
    default:
      block.kind satisfies never;
  }
}

function drawChecks(doc: Doc, record: RecordDocument): void {
  sectionTitle(doc, `Comprehension questions (${record.checks.length})`);
  if (record.checks.length === 0) {
    body(doc, 10).text('This content had no comprehension questions.');
  }
  const named = switchedLanguage(record);
  for (const check of record.checks) {
    ensureSpace(doc, 50);
    bold(doc, 10.5).text(check.question, doc.page.margins.left);
    check.attempts.forEach((attempt, index) => {
      ensureSpace(doc, 28);
      body(doc, 9, MUTED).text(
        `Attempt ${index + 1}, ${formatTime(attempt.at, record.clinic.timeZone)}${named ? `, in ${attempt.locale}` : ''}: ${attempt.correct ? 'correct' : 'not correct'}`,
        doc.page.margins.left + 12,
      );
      if (attempt.question !== check.question) {
        // Asked in another language than the first attempt: the question as shown then.
        body(doc, 10).text(`Question: ${attempt.question}`, doc.page.margins.left + 12);
      }
      body(doc, 10).text(`Answer: ${attempt.answer}`, doc.page.margins.left + 12);
    });
    doc.x = doc.page.margins.left;
    doc.moveDown(0.6);
  }
}

function drawStatements(doc: Doc, record: RecordDocument): void {
  sectionTitle(doc, `Statements confirmed (${record.statements.length})`);
  const named = switchedLanguage(record);
  for (const statement of record.statements) {
    ensureSpace(doc, 40);
    const left = doc.page.margins.left;
    const y = doc.y;
    body(doc, 10).text('✓', left + 2, y, { width: 16, lineBreak: false });
    doc.text(statement.text, left + 18, y, { width: contentWidth(doc) - 18 });
    body(doc, 8.5, MUTED).text(
      `${statement.confirmedAt === '' ? 'Not confirmed' : `Confirmed ${formatTime(statement.confirmedAt, record.clinic.timeZone)}`}${named ? `, shown in ${statement.locale}` : ''}. SHA-256 of this text: ${statement.textSha256}`,
      left + 18,
    );
    doc.x = left;
    doc.moveDown(0.5);
  }
}

/** In pack order, after the statements as the client met them; nothing for older records. */
function drawQuestionnaires(doc: Doc, record: RecordDocument): void {
  const named = switchedLanguage(record);
  for (const questionnaire of record.questionnaires) {
    sectionTitle(doc, `Questionnaire: ${questionnaire.title}`);
    const { id, code } = questionnaire.instrument;
    body(doc, 9, MUTED).text(
      `Instrument ${id}${code === undefined ? '' : ` (code ${code})`}, answered ${formatTime(questionnaire.answeredAt, record.clinic.timeZone)}${named ? `, in ${questionnaire.locale}` : ''}`,
      doc.page.margins.left,
    );
    doc.moveDown(0.4);
    questionnaire.items.forEach((item, index) => {
      drawQuestionnaireItem(doc, item, index, questionnaire.locale);
    });
    drawTotals(doc, questionnaire);
    if (questionnaire.copyright !== undefined) {
      doc.moveDown(0.4);
      body(doc, 8.5, MUTED).text(questionnaire.copyright, doc.page.margins.left);
    }
  }
}

function drawQuestionnaireItem(
  doc: Doc,
  item: RecordQuestionnaire['items'][number],
  index: number,
  questionnaireLocale: string,
): void {
  ensureSpace(doc, 36);
  const left = doc.page.margins.left;
  bold(doc, 10).text(`${index + 1}. ${item.text}`, left);
  const { answer } = item;
  const shown =
    answer === null ? 'Not answered' : (answer.label ?? answerText(answer.value, item.type));
  const score = answer?.score === undefined ? '' : ` (score ${answer.score})`;
  // An item answered before the client switched language says so: its words are that language's.
  const language = item.locale === questionnaireLocale ? '' : ` (shown in ${item.locale})`;
  body(doc, 10).text(`Answer: ${shown}${score}${language}`, left + 12);
  if (item.type === 'text' && typeof answer?.value === 'string') {
    coverageNote(doc, 'answer', answer.value);
  }
  doc.x = left;
  doc.moveDown(0.3);
}

function answerText(value: string | boolean, type: RecordQuestionnaire['items'][number]['type']) {
  if (type === 'boolean') {
    return value === true ? 'Yes' : 'No';
  }
  return String(value);
}

function drawTotals(doc: Doc, questionnaire: RecordQuestionnaire): void {
  doc.moveDown(0.3);
  for (const total of questionnaire.totals) {
    ensureSpace(doc, 20);
    field(doc, total.label, `${total.score}${total.band === '' ? '' : `, ${total.band}`}`);
  }
  const alerts = questionnaire.alerts.map((fired) => `${fired.alert} (rule ${fired.ruleId})`);
  field(doc, 'Alerts raised', alerts.length === 0 ? 'none' : alerts.join('; '));
}

function drawSignature(doc: Doc, record: RecordDocument): void {
  sectionTitle(doc, 'Signature');
  const { signature } = record;
  if (!signature) {
    body(doc, 10).text(
      'This program asks for no signature (it has no signature step), so none was taken.',
      doc.page.margins.left,
    );
    return;
  }
  const left = doc.page.margins.left;
  if (signature.pngBase64 === null) {
    // Signed by typing, for a client who cannot draw: the statement they confirmed, word for word.
    field(doc, 'Method', 'Typed name, with the statement of intent below confirmed (no drawing)');
    if (signature.intent !== undefined) {
      const shownIn =
        switchedLanguage(record) && signature.intentLocale !== undefined
          ? `, shown in ${signature.intentLocale}`
          : '';
      field(doc, `Statement confirmed${shownIn}`, signature.intent);
      coverageNote(doc, 'statement', signature.intent);
    }
  } else {
    field(doc, 'Method', 'Drawn on the screen');
    drawSignatureImage(doc, Buffer.from(signature.pngBase64, 'base64'), left);
  }
  field(doc, 'Typed name', signature.typedName);
  coverageNote(doc, 'typed name', signature.typedName);
  field(
    doc,
    'Signed',
    `${formatLocalDateTime(signature.signedAt, PRINTED_LOCALE, record.clinic.timeZone)} (${formatTime(signature.signedAt, record.clinic.timeZone)})`,
  );
  signedText(doc, 'Meaning of the signature, as shown', signature.meaning);
  signedText(doc, 'Electronic signing, accepted before signing', signature.agreement);
}

/** A text the client was shown at signing, word for word, with its language and SHA-256. */
function signedText(doc: Doc, label: string, shown: SignedText | undefined): void {
  if (shown === undefined) {
    // A record made before the kiosk showed it: said, not left to be guessed at.
    field(doc, label, 'not recorded (this record was made before the kiosk showed it)');
    return;
  }
  field(doc, label, shown.text);
  body(doc, 8.5, MUTED).text(
    `Shown in ${shown.locale}. SHA-256 of this text: ${shown.textSha256}`,
    doc.page.margins.left,
  );
}

/** `2026-11-30 20:30:05.123 -05:00`: the clinic's local time with its offset, nothing rounded away. */
export function formatTime(iso: string, timeZone: string): string {
  return localTimestamp(iso, timeZone);
}

/** `4 min 05 s`, `42 s`, `0.4 s`. */
export function formatDuration(ms: number): string {
  if (ms < 10_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes === 0 ? `${rest} s` : `${minutes} min ${String(rest).padStart(2, '0')} s`;
}
