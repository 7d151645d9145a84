// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

// The full check runs in Chromium (e2e/security.spec.ts: 100+ payloads, and as real notes in the
// app); these pin the sanitiser's extra rules quickly in jsdom.
describe('renderMarkdown security rules', () => {
  it('keeps web and mail links, drops every other scheme', () => {
    const html = renderMarkdown(
      '[doi](https://doi.org/10.1/x) [m](mailto:a@b.org) [f](file:///etc/passwd) [d](data:text/html,x) [v](<vbscript:x>) [r](notes/other.md)',
    );
    expect(html).toContain('href="https://doi.org/10.1/x"');
    expect(html).toContain('href="mailto:a@b.org"');
    expect(html).toContain('href="notes/other.md"');
    expect(html).not.toMatch(/file:|data:|vbscript:/);
    expect(html.match(/target="_blank"/g)).toHaveLength(6);
  });

  it('removes styling, form and embedding elements that could overlay the app', () => {
    const html = renderMarkdown(
      '<style>body{display:none}</style>\n\n<form action="https://e.org"><input><textarea></textarea><select></select></form>\n\n<p style="position:fixed" data-x="1">x</p>\n\n<dialog open>d</dialog><img srcset="a 1x" src="b">',
    );
    expect(html).not.toMatch(/<style|<form|<input|<textarea|<select|<dialog|style=|data-x|srcset/i);
    expect(html).toContain('<p>x</p>');
  });
});
