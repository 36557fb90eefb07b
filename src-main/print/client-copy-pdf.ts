/**
 * The client's copy as a short PDF, drawn with the staff record's own primitives
 * (`export/pdf-drawing.ts`), in the client's language: their name and date of birth, the
 * statements they confirmed, their answers, and their signature with its meaning, the
 * electronic-signing disclosure they accepted and the local date and time of signing.
 * Deterministic: the same record gives the same bytes.
 */
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
} from '../export';
import type { SignedText } from '../contract';
import { formatCalendarDate, formatLocalDateTime } from '../../src-shared/clinic-time';
import type { ClientCopy } from './client-copy';
import { copyWords, type CopyWords } from './copy-words';

export async function renderClientCopyPdf(copy: ClientCopy): Promise<Buffer> {
  const words = copyWords(copy.locale);
  const { doc, bytes } = newPdf(copy.locale, {
    Title: `${words.title}: ${copy.programme}`,
    Author: copy.clinic.name,
    CreationDate: new Date(copy.submittedAt),
  });
  drawHeading(doc, copy, words);
  drawStatements(doc, copy, words);
  drawAnswers(doc, copy, words);
  drawSignature(doc, copy, words);
  drawFooters(doc, `${copy.client.fullName} · ${words.record(copy.submissionId)}`, words.page);
  doc.end();
  return bytes;
}

function drawHeading(doc: Doc, copy: ClientCopy, words: CopyWords): void {
  drawClinic(doc, copy.clinic, words);
  doc.moveDown(1.2);
  bold(doc, 18).text(words.title);
  body(doc, 12).text(copy.programme);
  body(doc, 10, MUTED).text(words.intro);
  doc.moveDown(0.6);
  field(doc, words.name, copy.client.fullName);
  coverageNote(doc, 'name', copy.client.fullName);
  field(doc, words.dateOfBirth, formatCalendarDate(copy.client.dateOfBirth, copy.locale));
  field(
    doc,
    words.submitted,
    formatLocalDateTime(copy.submittedAt, copy.locale, copy.clinic.timeZone),
  );
}

function drawStatements(doc: Doc, copy: ClientCopy, words: CopyWords): void {
  if (copy.statements.length === 0) {
    return;
  }
  sectionTitle(doc, words.statements);
  const left = doc.page.margins.left;
  for (const statement of copy.statements) {
    ensureSpace(doc, 30);
    const y = doc.y;
    body(doc, 10).text('✓', left + 2, y, { width: 16, lineBreak: false });
    doc.text(statement.text, left + 18, y, { width: contentWidth(doc) - 18 });
    doc.x = left;
    doc.moveDown(0.4);
  }
}

function drawAnswers(doc: Doc, copy: ClientCopy, words: CopyWords): void {
  if (copy.questionnaires.length === 0) {
    return;
  }
  sectionTitle(doc, words.answers);
  const left = doc.page.margins.left;
  for (const questionnaire of copy.questionnaires) {
    ensureSpace(doc, 40);
    bold(doc, 11).text(questionnaire.title, left);
    doc.moveDown(0.2);
    questionnaire.items.forEach((item, index) => {
      ensureSpace(doc, 30);
      body(doc, 10).text(`${index + 1}. ${item.text}`, left);
      bold(doc, 10).text(item.answer ?? words.notAnswered, left + 14);
      doc.x = left;
      doc.moveDown(0.25);
    });
    doc.moveDown(0.5);
  }
}

function drawSignature(doc: Doc, copy: ClientCopy, words: CopyWords): void {
  sectionTitle(doc, words.signature);
  const { signature } = copy;
  const left = doc.page.margins.left;
  if (signature === null) {
    body(doc, 10).text(words.notSigned, left);
    return;
  }
  signedText(doc, words.meaning, signature.meaning, words);
  signedText(doc, words.agreement, signature.agreement, words);
  doc.moveDown(0.3);
  if (signature.pngBase64 === null) {
    field(doc, words.typedStatement, signature.intent ?? '');
  } else {
    drawSignatureImage(doc, Buffer.from(signature.pngBase64, 'base64'), left);
  }
  field(doc, words.printedName, signature.typedName);
  coverageNote(doc, 'name', signature.typedName);
  field(
    doc,
    words.signedAt,
    formatLocalDateTime(signature.signedAt, copy.locale, copy.clinic.timeZone),
  );
}

function signedText(
  doc: Doc,
  label: string,
  shown: SignedText | undefined,
  words: CopyWords,
): void {
  if (shown === undefined) {
    return;
  }
  ensureSpace(doc, 50);
  bold(doc, 10).text(label, doc.page.margins.left);
  body(doc, 10).text(shown.text, doc.page.margins.left);
  body(doc, 7.5, MUTED).text(`${words.textHash}: ${shown.textSha256}`, doc.page.margins.left);
  doc.moveDown(0.3);
}
