/**
 * Reading back the fingerprint a record's PDF carries in its metadata (pdf-writer.ts writes it
 * into the document information dictionary's `Keywords`), for `kiosk verify-record`. pdfkit
 * writes the dictionary uncompressed and an ASCII string as a literal `( … )`, so the kiosk's own
 * PDFs are read without a PDF library; a PDF rewritten by another program that compressed its
 * objects is reported as carrying no fingerprint rather than guessed at.
 * (PDF 32000-1:2008 §14.3.3, the document information dictionary; §7.3.4.2, literal strings.)
 */
import { RECORD_SHA256_KEYWORD, SUBMISSION_KEYWORD } from './pdf-writer';

export interface RecordFingerprint {
  submissionId: string;
  recordSha256: string;
}

/** Our keywords string, as `kiosk verify-record` expects it: nothing else is believed. */
const FINGERPRINT = new RegExp(
  String.raw`^${escape(RECORD_SHA256_KEYWORD)}([0-9a-f]{64}) ${escape(SUBMISSION_KEYWORD)}([0-9a-f-]{36})$`,
);

/** `/Keywords (…)` written in place, or `/Keywords 12 0 R` pointing at the string's object. */
const KEYWORDS_ENTRY = /\/Keywords\s*(?:\(([^()\\]*)\)|(\d+)\s+(\d+)\s+R)/g;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

/**
 * The fingerprint in `pdf`, or undefined when it has none. The last one wins: an incremental
 * update appends a newer information dictionary after the old one.
 */
export function readRecordFingerprint(pdf: Buffer): RecordFingerprint | undefined {
  if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    return undefined;
  }
  const text = pdf.toString('latin1');
  const entry = [...text.matchAll(KEYWORDS_ENTRY)].at(-1);
  if (entry === undefined) {
    return undefined;
  }
  const keywords =
    entry[1] ?? (entry[2] && entry[3] ? indirectString(text, entry[2], entry[3]) : undefined);
  const match = keywords === undefined ? null : FINGERPRINT.exec(keywords);
  if (match?.[1] === undefined || match[2] === undefined) {
    return undefined;
  }
  return { recordSha256: match[1], submissionId: match[2] };
}

/** The literal string that object `number generation` holds (the last definition wins). */
function indirectString(text: string, number: string, generation: string): string | undefined {
  const object = new RegExp(
    String.raw`(?:^|\s)${number}\s+${generation}\s+obj\s*\(([^()\\]*)\)\s*endobj`,
    'g',
  );
  return [...text.matchAll(object)].at(-1)?.[1];
}
