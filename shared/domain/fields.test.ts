import { describe, expect, it } from 'vitest';
import { isInternalField, visibleFields } from './fields';

describe('internal fields', () => {
  it('hides the LaTeX sources and import bookkeeping, keeps every real field', () => {
    expect(isInternalField('latex:title')).toBe(true);
    expect(isInternalField('shelfmark:inherited')).toBe(true);
    expect(isInternalField('latex')).toBe(false);
    expect(
      visibleFields({
        pages: '1–2',
        'latex:pages': '1--2',
        note: 'x',
        'shelfmark:venue': 'publisher',
      }),
    ).toEqual([
      ['pages', '1–2'],
      ['note', 'x'],
    ]);
  });
});
