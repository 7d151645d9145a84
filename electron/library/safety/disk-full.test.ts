// Disk full: imports and exports (through the real CLI and pipelines) and backups on an 8 MiB
// tmpfs fail with a clear error, the library still passes integrity_check with nothing lost,
// and the source file is untouched. (8 MiB: a new library with its 16 KiB pages takes ~1.5 MB,
// and its first checkpoint as much again in the WAL.)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItem } from '../items/repo';
import { Library } from '../library';
import { runCli } from '../../cli/main';
import { backupLibrary, listBackups } from './backups';

const FIXTURES = [resolve('../shared/fixtures'), resolve('../../shared/fixtures')].find((p) =>
  existsSync(p),
);

let mountPoint = '';
let skipReason = '';
try {
  mountPoint = mkdtempSync(join(tmpdir(), 'shelfmark-tmpfs-'));
  if (process.platform !== 'linux') throw new Error('tmpfs mounts need Linux');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], { stdio: 'pipe' });
} catch (e) {
  skipReason = `cannot mount an 8 MiB tmpfs here (${(e as Error).message.split('\n')[0]}); run as root on Linux to test disk-full handling`;
  if (mountPoint) rmSync(mountPoint, { recursive: true, force: true });
}
if (skipReason) console.warn(`[disk-full] skipped: ${skipReason}`);

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe.skipIf(Boolean(skipReason))('disk full on an 8 MiB tmpfs', () => {
  let lib: Library;
  let source: string;
  let folder: string;
  let seeded = 0;

  beforeAll(() => {
    folder = join(mountPoint, 'library');
    lib = Library.open(folder);
    lib.write(() => {
      for (let i = 0; i < 50; i++) insertItem(lib.db, { type: 'article', title: `Kept ${i}` });
    });
    seeded = 50;
    // what the automatic checkpoint does in normal use: committed pages moved into the file
    lib.db.pragma('wal_checkpoint(TRUNCATE)');
    // The source lives off the small disk (it is bigger than it): 20,000 entries with long
    // abstracts, plus the real xampl.bib fixture.
    source = join(mkdtempSync(join(tmpdir(), 'shelfmark-source-')), 'big.bib');
    const entry = (i: number) =>
      `@article{big${i},\n  title = {Paper ${i} on full disks},\n  author = {Family${i}, Given},\n  year = {2020},\n  abstract = {${'words '.repeat(60)}}\n}\n`;
    const xampl = FIXTURES ? readFileSync(join(FIXTURES, 'xampl.bib'), 'utf8') : '';
    writeFileSync(source, xampl + Array.from({ length: 20_000 }, (_, i) => entry(i)).join('\n'));
  });
  afterAll(() => {
    lib?.close();
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  const count = () => lib.db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;

  it('importing a .bib larger than the disk (the real CLI and pipeline) fails clearly and changes nothing', async () => {
    const before = sha(source);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    lib.close(); // the CLI opens the library itself, as a second run would
    const code = await runCli(
      ['--library', folder, 'import', '--duplicates', 'import', source],
      io,
    );
    lib = Library.open(folder);
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/disk .* is full: the change was not saved/);
    expect(count()).toBe(seeded);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sha(source)).toBe(before);
    // and the library keeps working once the failed import is gone
    lib.write(() => insertItem(lib.db, { type: 'article', title: 'After the full disk' }));
    seeded++;
    expect(count()).toBe(seeded);
  });

  it('a backup that does not fit fails clearly, leaves no partial file and keeps older backups', async () => {
    const first = await backupLibrary(lib, 'manual');
    // fill the disk so the next backup cannot fit
    let size = 0;
    try {
      for (;;) {
        writeFileSync(join(mountPoint, `filler-${size}`), Buffer.alloc(64 * 1024));
        size++;
      }
    } catch {
      // ENOSPC: the disk is now full
    }
    await expect(backupLibrary(lib, 'manual')).rejects.toThrow(/Not enough disk space to back up/);
    expect(listBackups(lib.folder).map((b) => b.name)).toEqual([first.name]);
    expect(readdirSync(join(lib.folder, 'backups'))).toEqual([first.name]);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count()).toBe(seeded);
    for (let i = 0; i < size; i++) rmSync(join(mountPoint, `filler-${i}`));
  });

  it('an export that does not fit (the real CLI export) fails clearly and leaves the old file whole', async () => {
    const target = join(mountPoint, 'export.bib');
    writeFileSync(target, '@misc{old, title={Old export}}\n');
    const old = sha(target);
    // ~250 KB of items to export, then fill the disk but for 64 KiB: enough to open the
    // library, not enough for the export
    rmSync(join(folder, 'backups'), { recursive: true, force: true }); // room for the items
    lib.write(() => {
      for (let i = 0; i < 100; i++) {
        insertItem(lib.db, { type: 'article', title: `Long ${i}`, abstract: 'a'.repeat(2500) });
      }
    });
    seeded += 100;
    lib.close();
    const fill = join(mountPoint, 'fill');
    const { bavail, bsize } = statfsSync(mountPoint);
    writeFileSync(fill, Buffer.alloc(Math.max(0, bavail * bsize - 64 * 1024)));
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const code = await runCli(
      ['--library', folder, 'export', '--format', 'bibtex', '-o', target],
      io,
    );
    lib = Library.open(folder);
    rmSync(fill, { force: true });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/Not enough disk space to write .*export\.bib.*unchanged/);
    expect(sha(target)).toBe(old);
    expect(readdirSync(mountPoint).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count()).toBe(seeded);
  });
});
