/**
 * The fonts embedded in every PDF: DejaVu Sans, regular and bold, from the `dejavu-fonts-ttf`
 * package. Its wide coverage (Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic, many
 * symbols) draws most names, but not all: it has no CJK, Devanagari, Thai, etc. A glyph the
 * font lacks is drawn as an empty box and carries no text, so for client text the PDF also
 * lists those characters by code point (`uncoveredCodePoints`): the record never silently
 * loses a letter of a name.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface PdfFonts {
  regular: ParsedFont;
  bold: ParsedFont;
}

/**
 * A font parsed by fontkit, the font engine pdfkit embeds fonts with
 * (https://github.com/foliojs/fontkit#font); only what this file calls is typed.
 */
export interface ParsedFont {
  layout(text: string, features?: unknown): unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

let parsed: PdfFonts | undefined;

/**
 * Both fonts, read and parsed once per process (about 1.4 MB of font files): given a font file,
 * pdfkit parses it again for every document. Only the font is kept across documents, never
 * text laid out with it: an export shares its documents' laid-out words for as long as it runs
 * (pdf-layouts.ts). Each document still embeds its own glyph subset.
 *
 * fontkit is the engine pdfkit embeds fonts with, resolved from pdfkit's own location.
 */
export function pdfFonts(): PdfFonts {
  if (!parsed) {
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
      create(buffer: Buffer): ParsedFont;
    };
    const file = (name: string): Buffer =>
      fs.readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
    parsed = {
      regular: fontkit.create(file('DejaVuSans.ttf')),
      bold: fontkit.create(file('DejaVuSans-Bold.ttf')),
    };
  }
  return parsed;
}

/**
 * Code points of `text` that the embedded regular font cannot draw (white space and other
 * invisible characters aside), each once, in order of appearance.
 */
export function uncoveredCodePoints(text: string): number[] {
  const font = pdfFonts().regular;
  const missing: number[] = [];
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (
      !/[\p{White_Space}\p{Cc}\p{Cf}]/u.test(character) &&
      !font.hasGlyphForCodePoint(codePoint) &&
      !missing.includes(codePoint)
    ) {
      missing.push(codePoint);
    }
  }
  return missing;
}

/** `U+4E2D U+6587`, as the Unicode Standard names code points. */
export function formatCodePoints(codePoints: readonly number[]): string {
  return codePoints
    .map((codePoint) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`)
    .join(' ');
}

/**
 * Registers a parsed font with a document. pdfkit 0.20 takes a fontkit font as well as a file
 * (`PDFFontFactory.open`: any source with a `layout` function); @types/pdfkit 0.17 predates it.
 */
export function registerParsedFont(doc: PDFKit.PDFDocument, name: string, font: ParsedFont): void {
  const register = doc.registerFont.bind(doc) as unknown as (
    name: string,
    src: ParsedFont,
  ) => unknown;
  register(name, font);
}
