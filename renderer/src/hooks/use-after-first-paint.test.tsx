// @vitest-environment jsdom
// Start-up work that the first screen does not show waits until that screen has been painted.
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { useAfterFirstPaint } from './use-after-first-paint';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('useAfterFirstPaint', () => {
  it('is false in the first render and becomes true after the next frame, for every user', async () => {
    const seen: boolean[][] = [[], []];
    const Probe = (p: { n: 0 | 1 }) => {
      seen[p.n]!.push(useAfterFirstPaint());
      return null;
    };
    const root = createRoot(document.createElement('div'));
    await act(() =>
      root.render([createElement(Probe, { key: 0, n: 0 }), createElement(Probe, { key: 1, n: 1 })]),
    );
    expect(seen[0]![0]).toBe(false);
    expect(seen[1]![0]).toBe(false);
    // a frame (rAF) and a task after it
    await act(() => new Promise((r) => setTimeout(r, 100)));
    expect(seen[0]!.at(-1)).toBe(true);
    expect(seen[1]!.at(-1)).toBe(true);
    // a component mounted later starts out true: the moment has passed
    const late: boolean[] = [];
    const Late = () => {
      late.push(useAfterFirstPaint());
      return null;
    };
    const other = createRoot(document.createElement('div'));
    await act(() => other.render(createElement(Late)));
    expect(late).toEqual([true]);
    await act(() => {
      root.unmount();
      other.unmount();
    });
  });
});
