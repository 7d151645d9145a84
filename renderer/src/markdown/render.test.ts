// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render';

// The real check runs in Chromium (e2e/security.spec.ts, 100+ payloads); this one pins the
// sanitiser's rules quickly in jsdom.
describe('renderMarkdown', () => {
  it('keeps ordinary Markdown', () => {
    const html = renderMarkdown('# Title\n\n**bold** and `code`\n\n- a\n- b');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>a</li>');
  });

  it('drops scripts, handlers and script URLs', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<a href="vbscript:x">v</a>',
    );
    expect(html).not.toMatch(/<script|onerror|javascript:|vbscript:/i);
  });

  it('opens links outside the app and keeps only web and mail links', () => {
    const html = renderMarkdown(
      '[doi](https://doi.org/10.1/x) [m](mailto:a@b.org) [f](file:///etc/passwd)',
    );
    expect(html).toContain('href="https://doi.org/10.1/x"');
    expect(html).toContain('href="mailto:a@b.org"');
    expect(html).not.toContain('file:');
    expect(html.match(/target="_blank"/g)).toHaveLength(3);
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('removes styling and form elements that could overlay the app', () => {
    const html = renderMarkdown(
      '<style>body{display:none}</style><form><input></form><p style="position:fixed">x</p>',
    );
    expect(html).not.toMatch(/<style|<form|<input|style=/i);
  });
});
