// The item table's rows all have one height, so which rows to draw is arithmetic on the
// scroll offset. (@tanstack/react-virtual built a position record for every row whenever the
// row count changed, ~30 ms at 100k rows in Node and more in the page, on the path to the
// first painted row, and re-rendered the table on every scroll event even when the same rows
// stayed in view.)

export interface RowWindow {
  /** First and last row to render (inclusive); last < first when there are none. */
  first: number;
  last: number;
}

/** Rows under a viewport at `scrollTop`, plus `overscan` rows past each edge. */
export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  count: number,
  rowHeight: number,
  overscan: number,
): RowWindow {
  if (count <= 0 || viewportHeight <= 0) return { first: 0, last: -1 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight));
  const bottom = Math.ceil((scrollTop + viewportHeight) / rowHeight) - 1;
  const first = Math.min(count - 1, Math.max(0, top - overscan));
  const last = Math.min(count - 1, Math.max(first, bottom + overscan));
  return { first, last };
}

/**
 * The scroll offset that brings row `index` into view with the least movement (the offset
 * itself when it is already fully visible).
 */
export function scrollTopFor(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}
