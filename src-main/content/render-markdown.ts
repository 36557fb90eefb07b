import MarkdownIt, { type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { isPackPath } from './media-path';

/**
 * The page Markdown parser, for rendering here and for the record's text (snapshot.ts), so the
 * two read a page alike. CommonMark only (no tables, no strikethrough): page bodies are short
 * plain-language text. `html: false` escapes any raw HTML in the source; `linkify: false`
 * keeps bare URLs as text, so a link exists only where the author wrote one on purpose.
 *
 * Only absolute http(s) links become links; markdown-it leaves any other `[text](url)` as
 * literal text, which an author reviewing the page will notice. An image, `![alt](src)`, is
 * parsed whatever its `src`, so that load-pack.ts can refuse a remote or outside one by name
 * (a picture must be a file of the pack) rather than leave it as stray text.
 */
export function pageMarkdown(): MarkdownIt {
  const markdown = new MarkdownIt('commonmark', { html: false, linkify: false });
  // A depth, not a flag: an image's label is scanned (and may hold an image) before its src.
  let imageDepth = 0;
  // The image rule itself, taken from a parser with only it enabled (the Ruler API gives no
  // other way to wrap a rule by name); it calls `validateLink` on whichever parser runs it.
  const scratch = new MarkdownIt('commonmark');
  scratch.inline.ruler.enableOnly(['image']);
  const [image] = scratch.inline.ruler.getRules('');
  if (image === undefined) {
    throw new Error('pageMarkdown: markdown-it has no image rule');
  }
  markdown.inline.ruler.at('image', (state, silent) => {
    imageDepth += 1;
    try {
      return image(state, silent);
    } finally {
      imageDepth -= 1;
    }
  });
  markdown.validateLink = (href) => imageDepth > 0 || isWebUrl(href);
  return markdown;
}

const markdown = pageMarkdown();

const LINK_REL = 'noopener noreferrer';

/**
 * The allow-list for page HTML. Everything not listed is removed (its text kept, except for
 * `script`/`style`-like tags whose content goes too): no styles, no event attributes, and an
 * image only with a `src` on the kiosk's own media URL of this pack, given by the caller.
 * https://github.com/apostrophecms/sanitize-html#what-are-the-default-options
 */
function pageHtmlOptions(isMediaUrl: (src: string) => boolean): sanitizeHtml.IOptions {
  return {
    allowedTags: [
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'ul',
      'ol',
      'li',
      'strong',
      'em',
      'blockquote',
      'a',
      'img',
    ],
    allowedAttributes: { a: ['href', 'rel', 'target'], img: ['src', 'alt'] },
    allowedSchemes: ['http', 'https'],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      // Only absolute http(s) links keep an href; anything else (relative, mailto:, javascript:)
      // becomes an inert `<a>` around its text. (Renaming the tag to a disallowed one instead
      // corrupts sanitize-html's closing tags, so the tag stays `a`.)
      a: (_tagName, attribs) => {
        const href = attribs.href;
        if (href === undefined || !isWebUrl(href)) {
          return { tagName: 'a', attribs: {} };
        }
        return { tagName: 'a', attribs: { href, rel: LINK_REL, target: '_blank' } };
      },
    },
    // An image without alt text, or from anywhere but this pack's media, is removed whole.
    exclusiveFilter: (frame) =>
      frame.tag === 'img' &&
      !(isMediaUrl(frame.attribs.src ?? '') && (frame.attribs.alt ?? '').trim() !== ''),
  };
}

function isWebUrl(href: string): boolean {
  if (!URL.canParse(href)) {
    return false;
  }
  const { protocol } = new URL(href);
  return protocol === 'https:' || protocol === 'http:';
}

/** No image is allowed where the caller gives no media URLs. */
const NO_MEDIA = (): boolean => false;

/**
 * Cleans HTML to the page allow-list, images only from `isMediaUrl`. Exposed for tests; pages
 * go through `renderMarkdown`.
 */
export function sanitisePageHtml(html: string, isMediaUrl: (src: string) => boolean = NO_MEDIA) {
  return sanitizeHtml(html, pageHtmlOptions(isMediaUrl));
}

/** A picture in a page: its `src` as written, its alt text, and the source line it is on. */
export interface PageImage {
  src: string;
  alt: string;
  line: number;
}

/** Every `![alt](src)` of a page, in order. */
export function pageImages(source: string): PageImage[] {
  const images: PageImage[] = [];
  const visit = (tokens: readonly Token[], line: number): void => {
    for (const token of tokens) {
      const at = token.map ? token.map[0] + 1 : line;
      if (token.type === 'image') {
        images.push({ src: token.attrGet('src') ?? '', alt: altText(token), line: at });
      }
      visit(token.children ?? [], at);
    }
  };
  visit(markdown.parse(source, {}), 1);
  return images;
}

/** What a screen reader says for an image: the text of its label, markup dropped. */
export function altText(image: Token): string {
  return (image.children ?? [])
    .map((child) => (child.type === 'image' ? altText(child) : child.content))
    .join('')
    .trim();
}

/**
 * Markdown page body → sanitised HTML, safe to set as `innerHTML` in the renderer. `mediaUrl`
 * turns an image's pack path into the kiosk's media URL; without it images are dropped, as is
 * any image whose path is not a pack path (load-pack.ts refuses those pages first).
 */
export function renderMarkdown(source: string, mediaUrl?: (path: string) => string): string {
  const tokens = markdown.parse(source, {});
  const urls = new Set<string>();
  const rewrite = (list: readonly Token[]): void => {
    for (const token of list) {
      if (token.type === 'image') {
        const src = token.attrGet('src') ?? '';
        const url = mediaUrl && isPackPath(src) ? mediaUrl(src) : '';
        token.attrSet('src', url);
        // No title; `alt` stays, as markdown-it's image renderer fills it from the label.
        token.attrs = (token.attrs ?? []).filter(([name]) => name === 'src' || name === 'alt');
        urls.add(url);
      }
      rewrite(token.children ?? []);
    }
  };
  rewrite(tokens);
  const html = markdown.renderer.render(tokens, markdown.options, {});
  return sanitisePageHtml(html, (src) => src !== '' && urls.has(src)).trim();
}
