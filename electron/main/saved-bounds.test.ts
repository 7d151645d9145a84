import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { savedBounds, visibleBounds } from './saved-bounds';

// settings.json is a file on disk anyone can edit or damage; what is read back from it goes
// straight into new BrowserWindow(), where a bad value stops the app from starting.
describe('window bounds read back from the settings file', () => {
  it('keeps four whole numbers of a usable size', () => {
    expect(savedBounds({ x: 10, y: -20, width: 1280, height: 800 })).toEqual({
      x: 10,
      y: -20,
      width: 1280,
      height: 800,
    });
    // nothing else rides along into the window options
    expect(savedBounds({ x: 0, y: 0, width: 900, height: 600, webPreferences: {} })).toEqual({
      x: 0,
      y: 0,
      width: 900,
      height: 600,
    });
  });

  it('drops anything else, so the window opens at its default place and size', () => {
    for (const raw of [
      undefined,
      null,
      'x',
      [],
      { x: '10', y: 0, width: 900, height: 600 },
      { x: 0, y: 0, width: 900 },
      { x: 0.5, y: 0, width: 900, height: 600 },
      { x: 0, y: 0, width: Number.NaN, height: 600 },
      { x: 0, y: 0, width: 0, height: 600 },
      { x: 0, y: 0, width: -900, height: 600 },
      { x: 0, y: 0, width: 1e9, height: 600 },
      { x: 1e12, y: 0, width: 900, height: 600 },
    ]) {
      expect(savedBounds(raw), JSON.stringify(raw)).toBeNull();
    }
  });

  it('main.ts takes the bounds through it', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(/savedBounds\(settings\.get\('windowBounds'\)\)/);
  });
});

// Bounds saved on a monitor that is gone now (unplugged, or the laptop closed) would open the
// window where nobody can see or grab it; Electron does not move it back by itself.
describe('saved bounds against the displays there are now', () => {
  const laptop = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
  const right = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };
  const at = (x: number, y: number, width = 1280, height = 800) => ({ x, y, width, height });

  it('keeps bounds whose title bar can be reached on some display', () => {
    for (const b of [
      at(100, 100),
      at(2000, 200), // on the second display
      at(1000, 100), // across both
      at(-1100, 300), // mostly off the left edge, 180 px of it still there
      at(1300, 876 - 40), // low on the laptop: the title bar is still above its bottom
      at(-8, 17, 1456, 891), // maximised on Windows: the frame overhangs by a few pixels
    ]) {
      expect(visibleBounds(b, [laptop, right]), JSON.stringify(b)).toEqual(b);
    }
  });

  it('gives none (default placement) when the title bar is on no display', () => {
    for (const b of [
      at(2000, 200), // the second display was unplugged
      at(-1280, 100), // wholly left of the laptop
      at(-1260, 100), // only a sliver left: too little to grab
      at(100, 900), // below it
      at(100, -500), // above it: the body shows, the title bar does not
      at(100, 0), // the title bar under the macOS menu bar, outside the work area
    ]) {
      expect(visibleBounds(b, [laptop]), JSON.stringify(b)).toBeNull();
    }
    expect(visibleBounds(at(100, 100), [])).toBeNull();
    expect(visibleBounds(null, [laptop])).toBeNull();
  });

  it('main.ts checks them against screen.getAllDisplays() once the app is ready', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(
      /visibleBounds\(\s*savedBounds\(settings\.get\('windowBounds'\)\),\s*screen\.getAllDisplays\(\),?\s*\)/,
    );
    // screen may not be used before ready: the call sits in start(), which whenReady runs
    const start = main.slice(main.indexOf('async function start('));
    expect(start).toMatch(/screen\.getAllDisplays\(\)/);
    expect(main.slice(0, main.indexOf('async function start('))).not.toMatch(/screen\./);
  });
});
