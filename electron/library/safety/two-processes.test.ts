// Two processes on one library: the second gets "library in use" and writes nothing.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../db/open';
import { insertItem } from '../items/repo';
import { Library } from '../library';

const BIN = resolve('bin/shelfmark.js');
const LIBRARY_TS = resolve('electron/library/library.ts');

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => ok({ code, out, err }));
  });
}

function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(folder)) {
    const p = join(folder, f);
    if (f.startsWith(DB_FILE) || f === 'library.lock') {
      out[f] = createHash('sha256').update(readFileSync(p)).digest('hex');
    } else out[f] = 'dir';
  }
  return out;
}

describe('two processes on one library', () => {
  it('a second process (the CLI) gets "library in use" and writes nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'shelfmark-two-'));
    const lib = Library.open(folder);
    lib.write(() => insertItem(lib.db, { type: 'article', title: 'Held by the first process' }));
    const before = snapshot(folder);
    const r = await run([BIN, '--library', folder, 'add', '--title', 'Sneaked in']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/in use by another Shelfmark process \(pid \d+/);
    expect(snapshot(folder)).toEqual(before);
    expect(lib.db.prepare('SELECT title FROM items').pluck().all()).toEqual([
      'Held by the first process',
    ]);
    lib.close();
  });

  it('this process gets "library in use" while a child process holds the library', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'shelfmark-two-'));
    Library.open(folder).close();
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        // kept in a global: an unreferenced connection is closed when the child's GC runs,
        // which checkpoints and removes the -wal/-shm files between the two snapshots
        `const { Library } = await import(${JSON.stringify(LIBRARY_TS)});
         globalThis.held = Library.open(${JSON.stringify(folder)});
         console.log('holding');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((ok) => holder.stdout.on('data', () => ok()));
      const before = snapshot(folder);
      expect(() => Library.open(folder)).toThrow(/in use by another Shelfmark process/);
      expect(snapshot(folder)).toEqual(before);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((ok) => holder.once('exit', ok));
    }
    // once the holder is gone (even killed), its stale lock is taken over
    const lib = Library.open(folder);
    expect(existsSync(join(folder, 'library.lock'))).toBe(true);
    lib.close();
  });
});
