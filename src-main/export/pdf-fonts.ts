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
 * Both fonts, read and parsed once per process (about 1.4 MB of font files). Given a font file,
 * pdfkit parses it again for every document, and re-shapes every word of every document; with
 * one parsed font and the layout cache below, a record's PDF took about 45 ms instead of about
 * 110 ms on the development machine. Each document still embeds its own glyph subset.
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
      regular: withLayoutCache(fontkit.create(file('DejaVuSans.ttf'))),
      bold: withLayoutCache(fontkit.create(file('DejaVuSans-Bold.ttf'))),
    };
  }
  return parsed;
}

/**
 * Words kept per font, least recently used dropped first: the pack's few thousand words stay,
 * while each record's own (names, ids, times) pass through. Bounded, so memory is too.
 */
const LAYOUT_CACHE_SIZE = 4_000;

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface Run {
  glyphs: readonly unknown[];
  positions: Position[];
}

/**
 * The font with its `layout` memoised across documents. pdfkit lays text out word by word with
 * fontkit's OpenType shaping, and caches words only per document; every record repeats the
 * same pack text, so most of a PDF's time went to shaping the same words again. pdfkit scales
 * the positions of the run it gets in place, so each call gets fresh position objects (and an
 * `advanceWidth` computed from them, as fontkit's GlyphRun does); glyphs are only read.
 * Calls with OpenType features, and everything else, go to the font itself.
 */
export function withLayoutCache(font: ParsedFont): ParsedFont {
  const cache = new Map<string, Run>();
  const layout = (text: string, features?: unknown): unknown => {
    if (features !== undefined) {
      return font.layout(text, features);
    }
    let run = cache.get(text);
    if (run) {
      // A Map iterates in insertion order: re-inserting makes it the most recently used.
      cache.delete(text);
    } else {
      const fresh = font.layout(text) as Run;
      run = { glyphs: fresh.glyphs, positions: fresh.positions.map(copyPosition) };
      if (cache.size >= LAYOUT_CACHE_SIZE) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) {
          cache.delete(oldest.value);
        }
      }
    }
    cache.set(text, run);
    const positions = run.positions.map(copyPosition);
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth(): number {
        return positions.reduce((sum, position) => sum + position.xAdvance, 0);
      },
    };
  };
  return new Proxy(font, {
    get(target, property) {
      if (property === 'layout') {
        return layout;
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

function copyPosition({ xAdvance, yAdvance, xOffset, yOffset }: Position): Position {
  return { xAdvance, yAdvance, xOffset, yOffset };
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

/** pdfkit's embedded font of a document (`doc._font`): only what `shareLayouts` touches. */
interface DocumentFont {
  font?: unknown;
  layoutCache?: Record<string, unknown>;
  widthOfString?: (text: string, size: number, features?: unknown) => number;
}

interface SharedLayouts {
  /** pdfkit's own `layoutCache`, shared. */
  runs: Record<string, unknown>;
  /** Widths by font size and text: the line wrapper measures every word of every line. */
  widths: Map<string, number>;
}

/** Documents that share one set of laid-out words before it is started afresh (bounds memory). */
const DOCUMENTS_PER_LAYOUTS = 100;
let sharedLayouts = new Map<unknown, SharedLayouts>();
/** Fonts of a document already given the shared layouts. */
const sharing = new WeakSet<DocumentFont>();
let documentsOnLayouts = 0;

/**
 * Lets every document share pdfkit's laid-out words (its per-font `layoutCache`: each word's
 * glyphs and positions, already scaled to the font's units, and only read once made), instead of
 * each document starting with an empty one and laying the pack's words out again: that was
 * about a fifth of a PDF's time. What a document embeds is still its own: the glyph subset,
 * widths and character map are filled per document as it draws (pdfkit `EmbeddedFont.encode`),
 * so a record's PDF does not depend on the others drawn before it. The shared words are
 * started afresh every hundred documents, so a long export's names and times do not pile up.
 */
export function shareLayouts(doc: PDFKit.PDFDocument): void {
  documentsOnLayouts += 1;
  if (documentsOnLayouts > DOCUMENTS_PER_LAYOUTS) {
    sharedLayouts = new Map();
    documentsOnLayouts = 1;
  }
  const byFont = sharedLayouts;
  const internal = doc as unknown as {
    font: (...args: unknown[]) => unknown;
    _font?: DocumentFont;
  };
  const font = internal.font.bind(doc);
  internal.font = (...args: unknown[]): unknown => {
    const result = font(...args);
    const current = internal._font;
    if (current && !sharing.has(current)) {
      share(current, byFont);
    }
    return result;
  };
}

/** Gives a document's font the shared laid-out words and widths of its parsed font. */
function share(current: DocumentFont, byFont: Map<unknown, SharedLayouts>): void {
  sharing.add(current);
  const { layoutCache, widthOfString } = current;
  if (layoutCache === undefined || current.font === undefined || widthOfString === undefined) {
    return;
  }
  let layouts = byFont.get(current.font);
  if (!layouts) {
    layouts = { runs: layoutCache, widths: new Map() };
    byFont.set(current.font, layouts);
  }
  current.layoutCache = layouts.runs;
  const { widths } = layouts;
  const measure = widthOfString.bind(current);
  current.widthOfString = (text, size, features) => {
    if (features !== undefined) {
      return measure(text, size, features);
    }
    const key = `${String(size)}\u0000${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      width = measure(text, size);
      widths.set(key, width);
    }
    return width;
  };
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
