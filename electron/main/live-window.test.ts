import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LiveWindow, focusWindow, forwardEvents } from './live-window';

/** A stand-in for BrowserWindow: after destroy(), touching it throws, as Electron's does. */
function fakeWindow(opts: { minimized?: boolean; sendThrows?: boolean } = {}) {
  let destroyed = false;
  const guard = () => {
    if (destroyed) throw new TypeError('Object has been destroyed');
  };
  const sent: unknown[][] = [];
  const win = {
    isDestroyed: () => destroyed,
    isMinimized: () => (guard(), opts.minimized ?? false),
    restore: vi.fn(guard),
    focus: vi.fn(guard),
    get webContents() {
      guard();
      return {
        send: (...args: unknown[]) => {
          if (opts.sendThrows) throw new Error('An object could not be cloned.');
          sent.push(args);
        },
      };
    },
    destroy: () => void (destroyed = true),
  };
  return { win: win as LiveWindow & typeof win, sent };
}

describe('the main window, alive or gone', () => {
  afterEach(() => vi.restoreAllMocks());

  it('forwards library events to a live window', () => {
    const { win, sent } = fakeWindow();
    forwardEvents(() => win, 'ch')('library.changed', { kinds: ['items'] });
    expect(sent).toEqual([['ch', 'library.changed', { kinds: ['items'] }]]);
  });

  it('never lets a closed window or a failed send break the library’s event', () => {
    // the library calls its listeners inside writes and background checks: a throw here
    // would surface as a failed call although the change was committed
    const { win } = fakeWindow();
    win.destroy();
    expect(() => forwardEvents(() => win, 'ch')('library.changed', {})).not.toThrow();
    expect(() => forwardEvents(() => null, 'ch')('library.changed', {})).not.toThrow();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { win: bad } = fakeWindow({ sendThrows: true });
    expect(() => forwardEvents(() => bad, 'ch')('library.changed', {})).not.toThrow();
  });

  it('a second launch restores and focuses a live window, and leaves a closed one alone', () => {
    const { win } = fakeWindow({ minimized: true });
    focusWindow(win);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    const { win: gone } = fakeWindow();
    gone.destroy();
    expect(() => focusWindow(gone)).not.toThrow();
    expect(() => focusWindow(null)).not.toThrow();
  });

  it('main.ts goes through these helpers and forgets the window once it is closed', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(/app\.on\('second-instance', \(\) => focusWindow\(window\)\)/);
    expect(main).toMatch(/library\.on\(forwardEvents\(\(\) => window, EVENT_CHANNEL\)\)/);
    expect(main).toMatch(/window\.on\('closed', \(\) => \{\s*window = null;/);
  });
});
