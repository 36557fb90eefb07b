/**
 * A PDF read back as its text, with pdf.js (the same library the staff's browsers use), for the
 * PDF writer's tests and for what a printer produced.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ParsedPdf {
  pages: number;
  /** Each page's text above the footer band. */
  bodies: string[];
  /** Each page's footer line. */
  footers: string[];
  /** Whether each page paints an image. */
  images: boolean[];
  info: Record<string, unknown>;
}

/** pdf.js y is from the page's bottom; the footer is drawn 44 pt above it, body text above 72. */
const FOOTER_BAND = 60;

export async function parsePdf(bytes: Uint8Array): Promise<ParsedPdf> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const parsed: ParsedPdf = {
    pages: pdf.numPages,
    bodies: [],
    footers: [],
    images: [],
    info: (await pdf.getMetadata()).info as Record<string, unknown>,
  };
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    const body: string[] = [];
    const footer: string[] = [];
    for (const item of content.items) {
      if ('str' in item) {
        ((item.transform[5] as number) < FOOTER_BAND ? footer : body).push(item.str);
      }
    }
    parsed.bodies.push(body.join(' '));
    parsed.footers.push(footer.join(' '));
    const operators = await page.getOperatorList();
    parsed.images.push(operators.fnArray.includes(OPS.paintImageXObject));
  }
  await pdf.destroy();
  return parsed;
}

/** Text compared without white space: pdf.js splits lines into items where pdfkit wrapped them. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Every page's text, footers included, without white space. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await parsePdf(bytes);
  return squash([...pdf.bodies, ...pdf.footers].join(' '));
}
