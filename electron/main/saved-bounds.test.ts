import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { savedBounds } from './saved-bounds';

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
