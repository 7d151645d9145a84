import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

// The architecture's one-direction layering, checked on every file (eslint checks it too).
describe('layers', () => {
  it('the engine and the non-Electron hosts never import electron', () => {
    const files = sources('electron').filter(
      (f) => !f.startsWith('electron/main/') && f !== 'electron/preload.ts',
    );
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) =>
      imports(f).some((m) => m === 'electron' || m === 'electron-store'),
    );
    expect(offenders).toEqual([]);
  });

  it('shared/ is pure TypeScript: no Node, no Electron, no DOM libraries', () => {
    const offenders = sources('shared')
      .filter((f) => !f.includes('.test.'))
      .filter((f) =>
        imports(f).some(
          (m) =>
            m.startsWith('node:') ||
            ['electron', 'better-sqlite3', 'fs', 'path', 'react'].includes(m) ||
            m.includes('/electron/') ||
            m.includes('/renderer/'),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('the renderer never imports Node or the engine', () => {
    const files = sources('renderer').filter(
      (f) => !f.endsWith('vite.config.ts') && !f.includes('.test.'),
    );
    const offenders = files.filter((f) =>
      imports(f).some(
        (m) =>
          m.startsWith('node:') ||
          ['electron', 'better-sqlite3', 'fs', 'path', 'child_process'].includes(m) ||
          /(^|\/)electron\//.test(m),
      ),
    );
    expect(offenders.map((f) => relative(root, join(root, f)))).toEqual([]);
  });
});
