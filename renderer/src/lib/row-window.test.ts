import { describe, expect, it } from 'vitest';
import { rowWindow, scrollTopFor } from './row-window';

describe('row window', () => {
  it('covers the rows under the viewport plus the overscan, clamped to the table', () => {
    // rows of 28 px, a 280 px viewport: 10 rows from the top
    expect(rowWindow(0, 280, 100_000, 28, 3)).toEqual({ first: 0, last: 12 });
    // half a row scrolled: rows 0..10 are partly visible
    expect(rowWindow(14, 280, 100_000, 28, 0)).toEqual({ first: 0, last: 10 });
    expect(rowWindow(28 * 500, 280, 100_000, 28, 3)).toEqual({ first: 497, last: 512 });
    // the end of the table
    expect(rowWindow(28 * 99_990, 280, 100_000, 28, 3)).toEqual({ first: 99_987, last: 99_999 });
  });

  it('clamps an offset beyond the end (rows removed while scrolled down) to the last rows', () => {
    const w = rowWindow(28 * 5_000, 280, 20, 28, 3);
    expect(w.first).toBe(19);
    expect(w.last).toBe(19);
  });

  it('has no rows for an empty table or a viewport not laid out yet', () => {
    expect(rowWindow(0, 280, 0, 28, 3)).toEqual({ first: 0, last: -1 });
    expect(rowWindow(0, 0, 50, 28, 3)).toEqual({ first: 0, last: -1 });
  });

  it('scrolls a row into view with the least movement', () => {
    // visible already: stays
    expect(scrollTopFor(5, 0, 280, 28)).toBe(0);
    // above the viewport: to its top
    expect(scrollTopFor(3, 280, 280, 28)).toBe(84);
    // below: its bottom at the viewport's bottom
    expect(scrollTopFor(10, 0, 280, 28)).toBe(28);
    expect(scrollTopFor(99_999, 0, 280, 28)).toBe(28 * 100_000 - 280);
  });
});
