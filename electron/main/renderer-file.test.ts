import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererFile } from './renderer-file';

// app://shelfmark/<path> is answered with rendererFile(rendererDir, pathname): whatever it
// returns is read from disk and handed to the page.
let base: string;
let dir: string;
const pathOf = (raw: string) => new URL(`app://shelfmark${raw}`).pathname;

beforeAll(() => {
  // real path: the served path is the resolved one (macOS's /tmp is itself a link)
  base = realpathSync(mkdtempSync(join(tmpdir(), 'shelfmark-renderer-')));
  dir = join(base, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'assets', 'app.js'), '');
  writeFileSync(join(dir, 'assets', 'a b.css'), '');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), '');
  symlinkSync(join(base, 'secret.txt'), join(dir, 'assets', 'link-out.js'));
  symlinkSync(base, join(dir, 'up'));
  symlinkSync(join(dir, 'assets', 'app.js'), join(dir, 'assets', 'link-in.js'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the files app:// serves from the renderer build', () => {
  it('serves the page and its assets', () => {
    expect(rendererFile(dir, pathOf('/'))).toBe(join(dir, 'index.html'));
    expect(rendererFile(dir, pathOf('/index.html'))).toBe(join(dir, 'index.html'));
    expect(rendererFile(dir, pathOf('/assets/app.js'))).toBe(join(dir, 'assets', 'app.js'));
    expect(rendererFile(dir, pathOf('/assets/a%20b.css'))).toBe(join(dir, 'assets', 'a b.css'));
    expect(rendererFile(dir, pathOf('/assets/link-in.js'))).toBe(join(dir, 'assets', 'app.js'));
  });

  it('refuses anything outside it, however it is spelt, without throwing', () => {
    for (const raw of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5c..%5csecret.txt',
      '/..%2frenderer-evil/x.js',
      `/${encodeURIComponent(join(base, 'secret.txt'))}`,
      '/assets/link-out.js',
      '/up/secret.txt',
      '/index.html%00.js',
      '/%E0%A4%A',
      '/%',
      '/assets',
      '/assets/',
      '/missing.js',
    ]) {
      expect(() => rendererFile(dir, pathOf(raw)), raw).not.toThrow();
      expect(rendererFile(dir, pathOf(raw)), raw).toBeNull();
    }
  });
});
