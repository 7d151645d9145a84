import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSP } from '../../shared/security/csp';
import { isSafeExternalUrl, mainWindowOptions } from './window-options';

// window-options.ts imports only Electron's types, so its options are checked in plain Node.
describe('the Electron window', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, no webview', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('hands only http, https and mailto links to the operating system', () => {
    expect(isSafeExternalUrl('https://doi.org/10.1000/1')).toBe(true);
    expect(isSafeExternalUrl('mailto:someone@example.org')).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:x',
      'not a url',
    ]) {
      expect(isSafeExternalUrl(bad), bad).toBe(false);
    }
  });

  it('serves pages with a CSP that allows no eval and no inline code, and main denies navigation and popups', () => {
    const protocol = readFileSync(new URL('./protocol.ts', import.meta.url), 'utf8');
    expect(protocol).toMatch(/headers\.set\('Content-Security-Policy', CSP\)/);
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/unsafe-/);
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(/will-navigate[\s\S]*preventDefault/);
    // the whole URL is parsed (isAppUrl): a prefix test let app://shelfmark.evil/ and
    // app://shelfmark@evil/ through
    expect(main).toMatch(
      /'will-navigate', \(event, url\) => \{\s*if \(!isAppUrl\(url\)\) event\.preventDefault\(\)/,
    );
    expect(main).not.toMatch(/startsWith\(APP_ORIGIN\)/);
    expect(main).toMatch(/setWindowOpenHandler[\s\S]*action: 'deny'/);
    expect(main).toMatch(/setPermissionRequestHandler\([\s\S]{0,80}=>\s*callback\(false\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(main).toMatch(/requestSingleInstanceLock/);
    expect(main).toMatch(/new BrowserWindow\(\{\s*\.\.\.mainWindowOptions\(/);
  });

  it('exposes only the contract transport through the preload', () => {
    const preload = readFileSync(new URL('../preload.ts', import.meta.url), 'utf8');
    const exposed = [...preload.matchAll(/exposeInMainWorld\('(\w+)'/g)].map((m) => m[1]);
    expect(exposed).toEqual(['shelfmark']);
    // ipcRenderer itself is never handed over, only two wrapper functions
    expect(preload).not.toMatch(/:\s*ipcRenderer\s*[,}]|\.\.\.ipcRenderer/);
    expect([...preload.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1])).toEqual(['invoke', 'onEvent']);
    expect(preload).toMatch(
      /invoke: \(name: string, input: unknown\) => ipcRenderer\.invoke\(INVOKE_CHANNEL/,
    );
  });
});
