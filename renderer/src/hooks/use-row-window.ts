import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import { rowWindow, scrollTopFor, type RowWindow } from '../lib/row-window';

/**
 * The rows a fixed-row-height scroller shows. The component re-renders only when that window
 * changes, not on every scroll event (a row of 28 px stays in view for many events).
 */
export function useRowWindow(
  scroller: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
): RowWindow & { scrollToIndex(index: number): void } {
  // the viewport in whole rows: equal numbers mean the same window, so React skips the render
  // Before it is measured, the window's height bounds the viewport: the first render already
  // draws every row that can show, and nothing reads the scroller's size during the first
  // commit (that forced a layout of the whole page before the rows even existed, then a second
  // render and layout with them). The ResizeObserver's first callback, after layout, measures.
  const [view, setView] = useState(() => ({
    top: 0,
    rows: Math.ceil(window.innerHeight / rowHeight),
  }));
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = () => {
      const top = Math.floor(el.scrollTop / rowHeight);
      const rows = Math.ceil((el.scrollTop + el.clientHeight) / rowHeight) - top;
      setView((v) => (v.top === top && v.rows === rows ? v : { top, rows }));
    };
    el.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resize.disconnect();
    };
  }, [scroller, rowHeight]);
  const w = rowWindow(view.top * rowHeight, view.rows * rowHeight, count, rowHeight, overscan);
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (el) el.scrollTop = scrollTopFor(index, el.scrollTop, el.clientHeight, rowHeight);
    },
    [scroller, rowHeight],
  );
  return { ...w, scrollToIndex };
}
