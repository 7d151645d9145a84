// Electron's security checklist, the parts a source reading can prove in plain Node (the
// Electron binary cannot run here): every window gets the one hardened option set, nothing is
// loaded from file://, one IPC handler with a sender check, and the packaged fuses.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.test.ts') ? [p] : [];
  });
}
const files = sources(ROOT).map((p) => ({
  path: relative(ROOT, p),
  text: readFileSync(p, 'utf8'),
}));

describe('Electron security checklist (source checks)', () => {
  it('every BrowserWindow is created from mainWindowOptions, and no other file sets webPreferences', () => {
    const windows = files.flatMap((f) =>
      [...f.text.matchAll(/new BrowserWindow\(([\s\S]{0,80})/g)].map((m) => ({
        path: f.path,
        args: m[1]!,
      })),
    );
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) expect(w.args, w.path).toMatch(/^\{\s*\.\.\.mainWindowOptions\(/);
    const prefs = files.filter((f) => /webPreferences\s*:/.test(f.text)).map((f) => f.path);
    expect(prefs).toEqual(['main/window-options.ts']);
    // no BrowserView / WebContentsView / webview with their own preferences
    expect(files.filter((f) => /new (BrowserView|WebContentsView)\(/.test(f.text))).toEqual([]);
  });

  it('loads the app from the custom protocol, never file://', () => {
    const main = files.filter((f) => f.path.startsWith('main/'));
    for (const f of main) {
      expect(f.text, f.path).not.toMatch(/loadFile\(|loadURL\(\s*['"`]file:/);
    }
    const protocol = files.find((f) => f.path === 'main/protocol.ts')!.text;
    expect(protocol).toMatch(/standard: true, secure: true/);
    expect(files.find((f) => f.path === 'main/main.ts')!.text).toMatch(
      /loadURL\(`\$\{APP_ORIGIN\}/,
    );
    // every other app:// path is answered only with what rendererFile allows
    expect(protocol).toMatch(
      /const file = rendererFile\(root, url\.pathname\);\s*if \(!file\) return/,
    );
  });

  it('app:// serves attachment bytes only through the web host’s checked decision (stored files by id)', () => {
    const protocol = files.find((f) => f.path === 'main/protocol.ts')!.text;
    expect(protocol).toMatch(/isAttachmentFilePath\(url\.pathname\)\)\s*return serveAttachment\(/);
    expect(protocol).toMatch(/attachmentFileReply\(\s*lib,\s*attachmentIdOfPath\(pathname\)/);
    // no file path from the request reaches the file system on that route
    const serve = protocol.slice(protocol.indexOf('function serveAttachment'));
    expect(serve.slice(0, serve.indexOf('export function'))).not.toMatch(
      /net\.fetch|decodeURIComponent/,
    );
  });

  it('has exactly one IPC entry point, and it checks the sender before dispatching', () => {
    const handles = files.flatMap((f) =>
      [...f.text.matchAll(/ipcMain\.(handle|on)\(/g)].map(() => f.path),
    );
    expect(handles).toEqual(['main/ipc.ts']);
    const ipc = files.find((f) => f.path === 'main/ipc.ts')!.text;
    expect(ipc).toMatch(/if \(!trustedSender\(e\)\)[\s\S]*return dispatch\(/);
  });

  it('the packaged app flips the Electron fuses', () => {
    const yml = readFileSync(join(ROOT, '..', 'electron-builder.yml'), 'utf8');
    const fuses = yml.slice(yml.indexOf('electronFuses:'));
    for (const [fuse, value] of [
      ['runAsNode', 'false'],
      ['enableNodeOptionsEnvironmentVariable', 'false'],
      ['enableNodeCliInspectArguments', 'false'],
      ['enableEmbeddedAsarIntegrityValidation', 'true'],
      ['onlyLoadAppFromAsar', 'true'],
      ['enableCookieEncryption', 'true'],
      ['grantFileProtocolExtraPrivileges', 'false'],
    ]) {
      expect(fuses).toMatch(new RegExp(`\\n  ${fuse}: ${value}\\n`));
    }
  });
});
