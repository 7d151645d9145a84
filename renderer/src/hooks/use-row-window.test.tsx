// @vitest-environment jsdom
// The item table's first render draws the rows that can show before anything is measured.
import { act, createElement, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { useRowWindow } from './use-row-window';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('useRowWindow', () => {
  it('covers the window height in the first render, then follows the measured scroller', async () => {
    let measure: (() => void) | null = null;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(cb: () => void) {
          measure = cb;
        }
        observe() {}
        disconnect() {}
      },
    );
    const windows: { first: number; last: number }[] = [];
    let el: HTMLDivElement | null = null;
    const Table = () => {
      const ref = useRef<HTMLDivElement>(null);
      const w = useRowWindow(ref, 10_000, 28, 4);
      windows.push({ first: w.first, last: w.last });
      return createElement('div', {
        ref: (d: HTMLDivElement | null) => {
          ref.current = d;
          el = d;
        },
      });
    };
    const root = createRoot(document.createElement('div'));
    await act(() => root.render(createElement(Table)));
    // 768 px (jsdom's window) / 28 px rows → 28 rows, plus 4 of overscan
    expect(windows[0]).toEqual({ first: 0, last: Math.ceil(window.innerHeight / 28) + 3 });
    // the observer's first callback measures a 280 px scroller scrolled to row 100
    Object.defineProperty(el!, 'clientHeight', { value: 280 });
    el!.scrollTop = 2800;
    await act(() => measure!());
    expect(windows.at(-1)).toEqual({ first: 96, last: 113 });
    await act(() => root.unmount());
    vi.unstubAllGlobals();
  });
});
