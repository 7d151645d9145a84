import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../test-support/temp-library';
import { runCli } from './main';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function cli(folder: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(['--library', folder, ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  }).then((code) => ({
    code,
    out: out.join('\n'),
    err: err.join('\n'),
  }));
}

describe('the CLI', () => {
  it('adds items and lists them, as text and JSON, persisting across invocations', async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const added = await cli(
      folder,
      'add',
      '--title',
      'Attention Is All You Need',
      '--author',
      'Vaswani, Ashish',
      '--author',
      'Noam Shazeer',
      '--year',
      '2017',
      '--venue',
      'NeurIPS',
    );
    expect(added).toMatchObject({
      code: 0,
      out: 'added vaswani2017attention (id 1): Attention Is All You Need',
    });
    await cli(
      folder,
      'add',
      '--title',
      'The Art of Computer Programming',
      '--author',
      'Knuth, Donald E.',
      '--type',
      'book',
      '--year',
      '1968',
    );
    const text = await cli(folder, 'list', '--sort', 'year');
    expect(text.out.split('\n')).toEqual([
      'knuth1968art\t1968\tKnuth\tThe Art of Computer Programming',
      'vaswani2017attention\t2017\tVaswani, Shazeer\tAttention Is All You Need',
    ]);
    const json = JSON.parse((await cli(folder, 'list', '--json')).out) as {
      title: string;
      type: string;
    }[];
    expect(json.map((r) => [r.title, r.type]).sort()).toEqual([
      ['Attention Is All You Need', 'article'],
      ['The Art of Computer Programming', 'book'],
    ]);
  });

  it('rejects bad input with a clear message and a non-zero exit, changing nothing', async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    expect(await cli(folder, 'add', '--author', 'X')).toMatchObject({
      code: 2,
      err: 'add: --title is required',
    });
    const badType = await cli(folder, 'add', '--title', 'T', '--type', 'Not A Type');
    expect(badType.code).toBe(1);
    expect(badType.err).toMatch(/item type must be a lower-case BibLaTeX type/);
    expect((await cli(folder, 'add', '--title', 'T', '--bogus')).err).toMatch(
      /Unknown option '--bogus'/,
    );
    expect((await cli(folder, 'frobnicate')).code).toBe(2);
    // `list --limit abc` printed nothing and exited 0, as if the library were empty
    for (const bad of ['abc', '0', '1.5', '']) {
      expect(await cli(folder, 'list', `--limit=${bad}`), bad).toMatchObject({
        code: 2,
        err: 'list: --limit must be a whole number of at least 1',
      });
    }
    expect((await cli(folder, 'list', '--json')).out).toBe('[]');
  });

  it('names a library folder that is a file, without a stack, and leaves the file alone', async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(folder, 'notes.txt');
    writeFileSync(file, 'mine');
    expect(await cli(file, 'list')).toMatchObject({
      code: 1,
      err: `list: The library folder ${file} is a file, not a folder.`,
    });
    const below = join(file, 'lib');
    expect(await cli(below, 'list')).toMatchObject({
      code: 1,
      err: `list: Cannot create the library folder ${below}: ${file} is a file, not a folder.`,
    });
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('serve on a busy port says so in one line, without a stack', async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', ok));
    cleanups.push(() => busy.close());
    const port = (busy.address() as { port: number }).port;
    expect(await cli(folder, 'serve', '--port', String(port))).toMatchObject({
      code: 1,
      out: '',
      err: `serve: Port ${port} on 127.0.0.1 is already in use; choose another with --port.`,
    });
  });

  it('refuses a second process on the same library', async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const { Library } = await import('../library/library');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { hostname } = await import('node:os');
    Library.open(folder).close();
    // pid 1 is always alive: a lock held by it is "in use"
    writeFileSync(join(folder, 'library.lock'), JSON.stringify({ pid: 1, host: hostname() }));
    const r = await cli(folder, 'list');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/in use by another Shelfmark process/);
  });

  it('answers COMMAND --help with its usage, running nothing and opening no library', async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const a = await cli(folder, 'add', '--title', 'Kept in the trash');
    expect(a.code).toBe(0);
    const { Library } = await import('../library/library');
    const lib = Library.open(folder);
    const { call } = await import('./command');
    await call(lib, 'items.trash', { ids: [1] });
    lib.close();
    // `undo --help` used to run the undo
    for (const flag of ['--help', '-h']) {
      const r = await cli(folder, 'undo', flag);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toContain('Usage: shelfmark undo');
    }
    expect((await cli(folder, 'list', '--trash', '--json')).out).toContain('Kept in the trash');
    // `undo 3` undid once, silently: undo takes no arguments
    expect(await cli(folder, 'undo', '3')).toMatchObject({
      code: 2,
      err: 'undo: takes no arguments (it undoes the last action only)\nUsage: shelfmark undo',
    });
    expect((await cli(folder, 'list', '--trash', '--json')).out).toContain('Kept in the trash');
    for (const name of ['search', 'import', 'export', 'backup', 'feed', 'serve', 'list']) {
      const r = await cli(folder, name, '--help');
      expect(r.code, name).toBe(0);
      expect(r.out, name).toMatch(new RegExp(`Usage: shelfmark ${name}`));
    }
    // no library is created to print help
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const none = join(folder, 'not-made');
    expect((await cli(none, 'tags', '--help')).code).toBe(0);
    expect(existsSync(none)).toBe(false);
  });
});
