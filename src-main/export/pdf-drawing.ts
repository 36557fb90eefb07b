/**
 * What every PDF the kiosk prints is drawn with: the staff record (`pdf-writer.ts`) and the
 * client's own copy (`print/client-copy-pdf.ts`) share one page, one font, one way of writing a
 * field, a section, the signature image and the page footers, so the two cannot drift apart.
 *
 * Everything a client typed is drawn as text (pdfkit's `text()`), never interpreted. The
 * documents have no JavaScript, links, annotations or actions.
 */
import PDFDocument from 'pdfkit';
import type { ClinicInfo } from '../contract';
import { formatCodePoints, pdfFonts, registerParsedFont, uncoveredCodePoints } from './pdf-fonts';
import type { PdfLayouts } from './pdf-layouts';
import { checkPng } from './signature-image';

const BODY = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const MARGIN = { top: 54, bottom: 72, left: 54, right: 54 };
const SIGNATURE_BOX = { width: 260, height: 110 };
export const MUTED = '#444444';
const TEXT = '#000000';

export type Doc = PDFKit.PDFDocument;

/**
 * A US Letter document with the embedded DejaVu fonts, and the promise of its bytes. Given an
 * export's `layouts`, it shares that export's laid-out words; without, its words are its own and
 * go with it.
 */
export function newPdf(
  lang: string,
  info: PDFKit.DocumentInfo,
  layouts?: PdfLayouts,
): { doc: Doc; bytes: Promise<Buffer> } {
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: MARGIN,
    bufferPages: true,
    lang,
    displayTitle: true,
    info: { Creator: 'Clinic Kiosk', Producer: 'Clinic Kiosk (PDFKit)', ...info },
  });
  const bytes = collect(doc);
  layouts?.share(doc);
  registerParsedFont(doc, BODY, fonts.regular);
  registerParsedFont(doc, BOLD, fonts.bold);
  return { doc, bytes };
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page unless `height` points still fit above the bottom margin. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
  }
}

export function body(doc: Doc, size = 10, color = TEXT): Doc {
  return doc.font(BODY).fontSize(size).fillColor(color);
}

export function bold(doc: Doc, size = 10, color = TEXT): Doc {
  return doc.font(BOLD).fontSize(size).fillColor(color);
}

export function sectionTitle(doc: Doc, title: string): void {
  doc.moveDown(1);
  ensureSpace(doc, 60);
  bold(doc, 13).text(title, doc.page.margins.left);
  const y = doc.y + 2;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .lineWidth(0.5)
    .strokeColor('#888888')
    .stroke();
  doc.moveDown(0.6);
}

/** `Label: value` on one flowing paragraph. */
export function field(doc: Doc, label: string, value: string): void {
  bold(doc, 10).text(`${label}: `, doc.page.margins.left, undefined, { continued: true });
  body(doc, 10).text(value);
}

/** Client text the font cannot draw is also listed by code point, so nothing is lost. */
export function coverageNote(doc: Doc, what: string, text: string): void {
  const missing = uncoveredCodePoints(text);
  if (missing.length > 0) {
    body(doc, 8.5, MUTED).text(
      `Some characters of the ${what} are not in this PDF's font and may show as boxes. They are, in order: ${formatCodePoints(missing)}.`,
    );
  }
}

/** The clinic's name and contact lines, `phone` and `email` labelled in the document's words. */
export function drawClinic(
  doc: Doc,
  clinic: ClinicInfo,
  labels: { phone: string; email: string },
): void {
  bold(doc, 15).text(clinic.name);
  const contact = [...clinic.addressLines];
  if (clinic.phone !== undefined) {
    contact.push(`${labels.phone}: ${clinic.phone}`);
  }
  if (clinic.email !== undefined) {
    contact.push(`${labels.email}: ${clinic.email}`);
  }
  body(doc, 9, MUTED).text(contact.join('\n'));
}

export function drawSignatureImage(doc: Doc, image: Buffer, left: number): void {
  const check = checkPng(image);
  ensureSpace(doc, SIGNATURE_BOX.height + 60);
  if (check.ok) {
    const top = doc.y;
    doc.image(image, left, top, { fit: [SIGNATURE_BOX.width, SIGNATURE_BOX.height] });
    doc
      .rect(left, top, SIGNATURE_BOX.width, SIGNATURE_BOX.height)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke();
    doc.x = left;
    doc.y = top + SIGNATURE_BOX.height + 6;
  } else {
    body(doc, 10).text(
      `The signature image stored with this record cannot be drawn (${check.reason}; ${image.length} bytes).`,
      left,
    );
  }
}

/** Every page: whose record it is (`label`), and where it sits in it (`pageLabel`). */
export function drawFooters(
  doc: Doc,
  label: string,
  pageLabel: (page: number, count: number) => string,
): void {
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    // Drawing inside the bottom margin would otherwise make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 44;
    const left = doc.page.margins.left;
    const width = contentWidth(doc);
    const where = pageLabel(index + 1, range.count);
    body(doc, 8, MUTED);
    const whereWidth = doc.widthOfString(where) + 4;
    doc.text(label, left, y, {
      width: width - whereWidth - 12,
      height: doc.currentLineHeight(),
      ellipsis: true,
    });
    doc.text(where, left + width - whereWidth, y, {
      width: whereWidth,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
