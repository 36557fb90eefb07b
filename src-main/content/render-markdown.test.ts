import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitisePageHtml } from './render-markdown';

describe('renderMarkdown', () => {
  it('renders the allowed elements', () => {
    const html = renderMarkdown(
      '## Heading\n\nSome **bold** and *italic* text.\n\n- one\n- two\n\n1. first\n\n> quoted\n',
    );
    expect(html).toContain('<h2>Heading</h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toContain('<ul>\n<li>one</li>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<blockquote>');
  });

  it('shows raw HTML as text instead of interpreting it', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script> <img src=x onerror="alert(1)">\n');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('makes web links open safely in a new window', () => {
    expect(renderMarkdown('[DOI](https://doi.org/10.1192/bjo.2021.1061)')).toBe(
      '<p><a href="https://doi.org/10.1192/bjo.2021.1061" rel="noopener noreferrer" target="_blank">DOI</a></p>',
    );
  });

  it('does not turn javascript:, data:, mailto: or relative URLs into links', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'mailto:someone@example.com',
      '/relative/path',
      '//evil.example/x',
    ]) {
      const html = renderMarkdown(`[click](${url})`);
      expect(html, url).not.toContain('href');
      expect(html, url).not.toContain('<a');
    }
  });

  it('does not link bare URLs', () => {
    expect(renderMarkdown('See https://example.com today')).not.toContain('<a');
  });

  it('drops images when it is given no media URLs, and remote ones always', () => {
    const html = renderMarkdown('![a cat](https://example.com/cat.png)');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('cat.png');
    const remote = renderMarkdown('![a cat](https://example.com/cat.png)', mediaUrl);
    expect(remote).not.toContain('<img');
  });

  it('shows a picture of the pack from the kiosk’s media URL, with its alt text and no title', () => {
    expect(renderMarkdown('![A *calm* room](media/room.jpg "Title")', mediaUrl)).toBe(
      '<p><img src="kiosk-media://pack/media/room.jpg" alt="A calm room" /></p>',
    );
  });

  it('drops a picture without alt text, or whose path leaves the pack', () => {
    for (const source of [
      '![](media/room.jpg)',
      '![ ](media/room.jpg)',
      '![x](../room.jpg)',
      '![x](/etc/room.jpg)',
      '![x](javascript:alert(1))',
      '![x](data:image/png;base64,AAAA)',
    ]) {
      expect(renderMarkdown(source, mediaUrl), source).not.toContain('<img');
    }
  });

  it('keeps links to web pages only, even where a link sits in a picture’s words', () => {
    expect(renderMarkdown('[a file](media/room.jpg)', mediaUrl)).toBe(
      '<p>[a file](media/room.jpg)</p>',
    );
  });
});

function mediaUrl(path: string): string {
  return `kiosk-media://pack/${path}`;
}

describe('sanitisePageHtml', () => {
  it('removes scripts with their content', () => {
    const html = sanitisePageHtml('<p>Hi</p><script>alert("x")</script>');
    expect(html).toBe('<p>Hi</p>');
  });

  it('removes event attributes and styles', () => {
    const html = sanitisePageHtml(
      '<p onclick="alert(1)" style="color:red" class="x">Hi</p><img src="x" onerror="alert(1)"><style>p{}</style>',
    );
    expect(html).toBe('<p>Hi</p>');
    expect(html).not.toContain('onerror');
  });

  it('strips javascript: hrefs however they are spelled', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java&#x09;script:alert(1)',
      'vbscript:msgbox(1)',
    ]) {
      const html = sanitisePageHtml(`<a href="${href}">x</a>`);
      expect(html, href).not.toMatch(/href|script:/i);
      expect(html, href).toContain('x');
    }
  });

  it('keeps only absolute web links: no relative, protocol-relative or mailto: hrefs', () => {
    for (const href of ['/settings', '../x', '//evil.example/x', 'mailto:a@example.com', '#top']) {
      const html = sanitisePageHtml(`<a href="${href}">x</a>`);
      expect(html, href).toBe('<a>x</a>');
    }
  });

  it('replaces any rel and target on web links with safe ones', () => {
    expect(
      sanitisePageHtml('<a href="http://example.com/" target="_self" rel="opener" title="t">x</a>'),
    ).toBe('<a href="http://example.com/" rel="noopener noreferrer" target="_blank">x</a>');
  });

  it('keeps an image only with a src the caller calls its own media, and only src and alt', () => {
    const ours = (src: string) => src.startsWith('kiosk-media://pack/');
    expect(
      sanitisePageHtml(
        '<img src="kiosk-media://pack/a.png" alt="A" title="t" onerror="x()" width="9">',
        ours,
      ),
    ).toBe('<img src="kiosk-media://pack/a.png" alt="A" />');
    for (const img of [
      '<img src="https://example.com/a.png" alt="A">',
      '<img src="kiosk-media://other/a.png" alt="A">',
      '<img src="data:image/png;base64,AAAA" alt="A">',
      '<img src="kiosk-media://pack/a.png">',
    ]) {
      expect(sanitisePageHtml(img, ours), img).toBe('');
    }
    expect(sanitisePageHtml('<img src="kiosk-media://pack/a.png" alt="A">')).toBe('');
  });

  it('removes frames, forms and other elements that are not on the list', () => {
    const html = sanitisePageHtml(
      '<iframe src="https://example.com"></iframe><form action="https://x"><input value="v"></form><div><span>kept</span></div>',
    );
    expect(html).toBe('kept');
  });
});
