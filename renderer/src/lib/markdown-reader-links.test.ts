// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('page links of extracted annotations', () => {
  it('stay in the app (no new window) and survive sanitising; outside links still open outside', () => {
    // the shape annotations.extractToNote writes (see electron/library/attachments/annotations.ts)
    const md = [
      '# Annotations: Paper',
      '',
      '> A quoted \\<img src=x onerror=alert(1)\\> sentence',
      '',
      'Why it matters ([p. 3](#/pdf/12?page=3&annotation=5))',
      '',
      '[site](https://example.org)',
    ].join('\n');
    const html = renderMarkdown(md);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const links = [...doc.querySelectorAll('a')];
    const page = links.find((a) => a.textContent === 'p. 3');
    expect(page?.getAttribute('href'), html).toBe('#/pdf/12?page=3&annotation=5');
    expect(page?.getAttribute('target')).toBeNull();
    const site = links.find((a) => a.textContent === 'site');
    expect(site?.getAttribute('target')).toBe('_blank');
    expect(doc.querySelector('img')).toBeNull();
    expect(doc.querySelector('blockquote')?.textContent).toContain('A quoted');
  });
});
