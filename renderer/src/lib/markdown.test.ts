// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    const html = renderMarkdown('# Title\n\nSome **bold** and [a link](https://example.org).');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('strips script, event handlers and javascript: URLs', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><img src=x onerror="alert(2)">\n\n[x](javascript:alert(3))\n\n<iframe src="https://e.org"></iframe><a href="javascript:alert(4)">y</a>',
    );
    expect(html).not.toMatch(/<script|onerror|href="javascript:|<iframe/i);
    expect(html).toContain('<img src="x">');
  });
});
