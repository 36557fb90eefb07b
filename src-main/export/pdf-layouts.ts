/**
 * Laid-out words shared by the PDFs of one export, and only of one export: every record repeats
 * the same pack text, so the export's documents share pdfkit's laid-out words instead of each
 * laying the pack out again (that was about a fifth of a PDF's time). The words include each
 * record's own (names, dates of birth, free-text answers), so they live exactly as long as the
 * `PdfLayouts` object: `runExport` makes one and drops it when the export ends, and a PDF drawn
 * outside an export (the client's copy, the FHIR push) is given none and keeps pdfkit's own
 * per-document cache, dropped with the document. Plaintext lives in main's memory for one
 * client session (ARCHITECTURE.md, Data and keys), not for as long as the process.
 */

/** pdfkit's embedded font of a document (`doc._font`): only what sharing touches. */
interface DocumentFont {
  font?: unknown;
  layoutCache?: Record<string, unknown>;
  widthOfString?: (text: string, size: number, features?: unknown) => number;
}

interface SharedLayouts {
  /** pdfkit's own `layoutCache` (each word's glyphs and positions, scaled once made), shared. */
  runs: Record<string, unknown>;
  /** Widths by font size and text: the line wrapper measures every word of every line. */
  widths: Map<string, number>;
}

/** Documents that share one set of laid-out words before it is started afresh (bounds memory). */
const DOCUMENTS_PER_LAYOUTS = 100;

/** Fonts of a document already given shared layouts. */
const sharing = new WeakSet<DocumentFont>();

/**
 * The laid-out words of one export's PDFs. What a document embeds is still its own: the glyph
 * subset, widths and character map are filled per document as it draws (pdfkit
 * `EmbeddedFont.encode`), so a record's PDF does not depend on the others drawn before it. The
 * words are started afresh every hundred documents, so a long export's names and times do not
 * pile up while it runs.
 */
export class PdfLayouts {
  private byFont = new Map<unknown, SharedLayouts>();
  private documents = 0;

  /** Lets `doc` lay its words out into, and from, this export's shared words. */
  share(doc: PDFKit.PDFDocument): void {
    this.documents += 1;
    if (this.documents > DOCUMENTS_PER_LAYOUTS) {
      this.byFont = new Map();
      this.documents = 1;
    }
    const byFont = this.byFont;
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

  /** Words held, over every font (for tests: what an export keeps while it runs). */
  get size(): number {
    let size = 0;
    for (const { runs, widths } of this.byFont.values()) {
      size += Object.keys(runs).length + widths.size;
    }
    return size;
  }
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
