import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, parseLayout } from './columns';

describe('stored column layouts', () => {
  it('keeps known columns, their order and sane widths', () => {
    expect(
      parseLayout({
        order: ['year', 'title', 'rating', 'year'],
        widths: { title: 300, year: 5, bogus: 100 },
      }),
    ).toEqual({ order: ['year', 'title', 'rating'], widths: { title: 300 } });
  });

  it('falls back to the default for damaged settings or a layout without the title', () => {
    expect(parseLayout(null)).toBe(DEFAULT_LAYOUT);
    expect(parseLayout('columns')).toBe(DEFAULT_LAYOUT);
    expect(parseLayout({ order: ['year', '<script>'] })).toBe(DEFAULT_LAYOUT);
  });
});
