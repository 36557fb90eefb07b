import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * CommonMark only (no tables, no strikethrough): page bodies are short plain-language text.
 * `html: false` escapes any raw HTML in the source; `linkify: false` keeps bare URLs as text,
 * so a link exists only where the author wrote one on purpose.
 */
const markdown = new MarkdownIt('commonmark', { html: false, linkify: false });
// Only absolute http(s) links become links; markdown-it leaves any other `[text](url)` as
// literal text, which an author reviewing the page will notice.
markdown.validateLink = isWebUrl;

const LINK_REL = 'noopener noreferrer';

/**
 * The allow-list for page HTML. Everything not listed is removed (its text kept, except for
 * `script`/`style`-like tags whose content goes too): no images, no styles, no event attributes.
 * https://github.com/apostrophecms/sanitize-html#what-are-the-default-options
 */
const PAGE_HTML_OPTIONS: sanitizeHtml.IOptions = {
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
  ],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
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
};

function isWebUrl(href: string): boolean {
  if (!URL.canParse(href)) {
    return false;
  }
  const { protocol } = new URL(href);
  return protocol === 'https:' || protocol === 'http:';
}

/** Cleans HTML to the page allow-list. Exposed for tests; pages go through `renderMarkdown`. */
export function sanitisePageHtml(html: string): string {
  return sanitizeHtml(html, PAGE_HTML_OPTIONS);
}

/** Markdown page body → sanitised HTML, safe to set as `innerHTML` in the renderer. */
export function renderMarkdown(source: string): string {
  return sanitisePageHtml(markdown.render(source)).trim();
}
