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
  regular: Buffer;
  bold: Buffer;
}

/** The part of fontkit's Font this file uses (https://github.com/foliojs/fontkit#font). */
interface CoverageFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

let fonts: PdfFonts | undefined;
let coverage: CoverageFont | undefined;

/** Read once per process: about 1 MB for both files. */
export function pdfFonts(): PdfFonts {
  fonts ??= {
    regular: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

/**
 * Code points of `text` that the embedded regular font cannot draw (white space and other
 * invisible characters aside), each once, in order of appearance.
 */
export function uncoveredCodePoints(text: string): number[] {
  const font = coverageFont();
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
 * fontkit is the font engine pdfkit embeds fonts with; it is resolved from pdfkit's own
 * location so that the coverage answered here is that of the same engine and font.
 */
function coverageFont(): CoverageFont {
  if (!coverage) {
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as {
      create(buffer: Buffer): CoverageFont;
    };
    coverage = fontkit.create(pdfFonts().regular);
  }
  return coverage;
}
