import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAppUrl, isTrustedFrame } from './app-origin';

// ipc.ts refuses every call whose sender fails isTrustedFrame, so a false "no" here breaks the
// whole app and a false "yes" lets a foreign page call the library.
describe('the app origin', () => {
  it('accepts the app’s own pages', () => {
    for (const url of [
      `${APP_ORIGIN}/index.html`,
      `${APP_ORIGIN}/`,
      `${APP_ORIGIN}/index.html?item=3#notes`,
    ]) {
      expect(isAppUrl(url), url).toBe(true);
    }
  });

  it('refuses look-alikes and other origins', () => {
    for (const url of [
      'app://shelfmark.evil.example/index.html',
      'app://shelfmarkx/index.html',
      'app://shelfmark@evil.example/index.html',
      'app://user:pw@shelfmark/index.html',
      'app://shelfmark:8080/index.html',
      'app://other/index.html',
      'https://shelfmark/index.html',
      'file:///app/index.html',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('trusts only the top frame of the app’s page as an IPC sender', () => {
    expect(isTrustedFrame({ url: `${APP_ORIGIN}/index.html`, parent: null })).toBe(true);
    expect(isTrustedFrame({ url: `${APP_ORIGIN}/index.html`, parent: {} })).toBe(false);
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
    expect(isTrustedFrame(undefined)).toBe(false);
  });
});
