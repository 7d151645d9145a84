import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalFolder, launchRequest, otherLibraryMessage, secondLaunch } from './second-launch';

// One Shelfmark runs at a time; a second launch hands over to it and quits. If that launch
// asked for another library, focusing the running window alone would look as if it had been
// opened, and the user would work in the wrong library without knowing.
const base = realpathSync(mkdtempSync(join(tmpdir(), 'shelfmark-launch-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('a second launch', () => {
  const open = join(base, 'papers');

  it('sends the library it asks for as an absolute path, resolved in its own folder', () => {
    expect(launchRequest({ SHELFMARK_LIBRARY: 'lib' }, '/home/ada')).toEqual({
      library: '/home/ada/lib',
    });
    expect(launchRequest({ SHELFMARK_LIBRARY: '/data/lib/' }, '/home/ada')).toEqual({
      library: '/data/lib',
    });
    // asking for nothing: it just wants the app, whichever library is open
    expect(launchRequest({}, '/home/ada')).toEqual({});
    expect(launchRequest({ SHELFMARK_LIBRARY: '' }, '/home/ada')).toEqual({});
  });

  it('only brings the window forward when it asks for the open library or for none', () => {
    expect(secondLaunch({ library: open }, open)).toEqual({ action: 'focus' });
    expect(secondLaunch({ library: `${open}/` }, open)).toEqual({ action: 'focus' });
    expect(secondLaunch({ library: join(open, 'files', '..') }, open)).toEqual({
      action: 'focus',
    });
    expect(secondLaunch({}, open)).toEqual({ action: 'focus' });
    expect(secondLaunch(undefined, open)).toEqual({ action: 'focus' });
  });

  it('knows the open library when asked for it through a symlink', () => {
    mkdirSync(open, { recursive: true });
    symlinkSync(open, join(base, 'link'));
    expect(canonicalFolder(join(base, 'link'))).toBe(open);
    expect(canonicalFolder(join(base, 'not-yet'))).toBe(join(base, 'not-yet'));
    expect(secondLaunch({ library: join(base, 'link') }, open, canonicalFolder)).toEqual({
      action: 'focus',
    });
  });

  it('tells the user when it asks for a different library', () => {
    const other = join(base, 'thesis');
    expect(secondLaunch({ library: other }, open)).toEqual({
      action: 'tell',
      requested: other,
      open,
    });
    const box = otherLibraryMessage(other, open);
    expect(box.message).toMatch(/already open/i);
    expect(box.detail).toContain(other);
    expect(box.detail).toContain(open);
    expect(box.detail).toMatch(/quit Shelfmark/i);
  });

  it('ignores what it cannot read as a request (it comes from another process)', () => {
    for (const data of [
      null,
      'x',
      [],
      { library: 3 },
      { library: 'relative/lib' },
      { library: '/lib\0x' },
      { library: `/${'a'.repeat(5000)}` },
    ]) {
      expect(secondLaunch(data, open), JSON.stringify(data)).toEqual({ action: 'focus' });
    }
    // nothing open yet to compare with
    expect(secondLaunch({ library: '/elsewhere' }, null)).toEqual({ action: 'focus' });
  });

  it('main.ts sends the request and acts on it', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(
      /requestSingleInstanceLock\(\s*launchRequest\(process\.env, process\.cwd\(\)\),?\s*\)/,
    );
    expect(main).toMatch(/secondLaunch\(data, openFolder, canonicalFolder\)/);
    expect(main).toMatch(
      /dialog\.showMessageBox\(otherLibraryMessage\(launch\.requested, launch\.open\)\)/,
    );
  });
});
