// The real CLI, spawned with its stdout pipe already closed, as in `shelfmark list | head -0`.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Library } from '../library/library';
import { insertItem } from '../library/items/repo';
import { tempFolder } from '../test-support/temp-library';

const BIN = resolve('bin/shelfmark.js');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function runClosed(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((ok) => {
    const p = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // closed before the child has loaded, so its first write meets a pipe with no reader
    p.stdout.destroy();
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => ok({ code, err }));
  });
}

function library(): string {
  const { folder, cleanup } = tempFolder();
  cleanups.push(cleanup);
  const lib = Library.open(folder);
  for (let i = 0; i < 50; i++) {
    lib.write(() => insertItem(lib.db, { type: 'article', title: `Paper ${i}` }));
  }
  lib.close();
  return folder;
}

describe('a CLI whose stdout is closed early', () => {
  it.each([['list'], ['search', 'paper'], ['export', '--format', 'bibtex'], ['tags', '--json']])(
    '%s ends quietly with the SIGPIPE status',
    async (...args) => {
      const r = await runClosed(['--library', library(), ...args]);
      expect(r.err).toBe('');
      expect(r.code).toBe(141);
    },
    20_000,
  );

  it('a write command has committed before it prints', async () => {
    const folder = library();
    const r = await runClosed(['--library', folder, 'add', '--title', 'Added unread']);
    expect(r).toEqual({ code: 141, err: '' });
    const lib = Library.open(folder);
    const titles = lib.db.prepare('SELECT title FROM items').pluck().all();
    lib.close();
    expect(titles).toContain('Added unread');
  }, 20_000);
});
