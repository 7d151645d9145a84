import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rendererGonePolicy } from './renderer-gone';

// The library lives in the main process, so a renderer crash loses nothing committed; what is
// left to decide is whether the window gets its page back or the app closes the library and quits.
describe('when the window’s renderer process is gone', () => {
  it('reloads the page after a crash, kill or out-of-memory', () => {
    const gone = rendererGonePolicy({ now: () => 0 });
    expect(gone('crashed')).toBe('reload');
    const other = rendererGonePolicy({ now: () => 0 });
    expect(other('oom')).toBe('reload');
  });

  it('ignores a clean exit (the window is closing)', () => {
    expect(rendererGonePolicy()('clean-exit')).toBe('ignore');
  });

  it('quits, closing the library, when the page keeps crashing or fails its integrity check', () => {
    let t = 0;
    const gone = rendererGonePolicy({ now: () => t, limit: 3, withinMs: 60_000 });
    expect([gone('crashed'), gone('crashed'), gone('crashed')]).toEqual([
      'reload',
      'reload',
      'reload',
    ]);
    expect(gone('crashed')).toBe('quit');
    // crashes far apart are not a loop
    const spaced = rendererGonePolicy({ now: () => t, limit: 3, withinMs: 60_000 });
    for (let i = 0; i < 10; i++) {
      t += 61_000;
      expect(spaced('crashed')).toBe('reload');
    }
    expect(rendererGonePolicy()('integrity-failure')).toBe('quit');
  });

  it('main.ts acts on it for its window', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(/webContents\.on\('render-process-gone'/);
    expect(main).toMatch(/rendererGone\(details\.reason\)/);
  });
});
