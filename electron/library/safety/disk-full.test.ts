// Disk full: imports, exports and backups on a 2 MiB tmpfs fail with a clear error, the library
// still passes integrity_check with nothing lost, and the source file is untouched.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { insertItem } from '../items/repo';
import { Library } from '../library';
import { writeFileAtomic } from './atomic-write';
import { backupLibrary, listBackups } from './backups';

const FIXTURES = [resolve('../shared/fixtures'), resolve('../../shared/fixtures')].find((p) =>
  existsSync(p),
);

let mountPoint = '';
let skipReason = '';
try {
  mountPoint = mkdtempSync(join(tmpdir(), 'shelfmark-tmpfs-'));
  if (process.platform !== 'linux') throw new Error('tmpfs mounts need Linux');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'pipe' });
} catch (e) {
  skipReason = `cannot mount a 2 MiB tmpfs here (${(e as Error).message.split('\n')[0]}); run as root on Linux to test disk-full handling`;
  if (mountPoint) rmSync(mountPoint, { recursive: true, force: true });
}
if (skipReason) console.warn(`[disk-full] skipped: ${skipReason}`);

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe.skipIf(Boolean(skipReason))('disk full on a 2 MiB tmpfs', () => {
  let lib: Library;
  let source: string;
  let seeded = 0;

  beforeAll(() => {
    lib = Library.open(join(mountPoint, 'library'));
    lib.write(() => {
      for (let i = 0; i < 50; i++) insertItem(lib.db, { type: 'article', title: `Kept ${i}` });
    });
    seeded = 50;
    // what the automatic checkpoint does in normal use: committed pages moved into the file
    lib.db.pragma('wal_checkpoint(TRUNCATE)');
    source = join(mountPoint, 'import.bib');
    copyFileSync(join(FIXTURES ?? '.', 'xampl.bib'), source);
  });
  afterAll(() => {
    lib?.close();
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  const count = () => lib.db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;

  it('an import larger than the disk fails with a clear error and changes nothing', () => {
    const before = sha(source);
    const text = readFileSync(source, 'utf8');
    let error: unknown;
    try {
      // The import's one transaction: every record of the source, many times over, with long
      // abstracts, until the disk is full.
      lib.write(() => {
        for (let i = 0; i < 20_000; i++) {
          insertItem(lib.db, {
            type: 'article',
            title: `Imported ${i}`,
            abstract: text.slice(0, 4000),
          });
        }
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('io_error');
    expect((error as AppError).message).toMatch(/disk .* is full.*not saved/);
    expect(count()).toBe(seeded);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sha(source)).toBe(before);
    // and the library keeps working once the failed import is gone
    lib.write(() => insertItem(lib.db, { type: 'article', title: 'After the full disk' }));
    seeded++;
    expect(count()).toBe(seeded);
  });

  it('an export that does not fit fails clearly and leaves the old export whole', () => {
    const target = join(mountPoint, 'export.bib');
    writeFileSync(target, '@misc{old, title={Old export}}\n');
    const old = sha(target);
    expect(() => writeFileAtomic(target, 'x'.repeat(8 * 1024 * 1024))).toThrow(
      /Not enough disk space to write .*export\.bib.*unchanged/,
    );
    expect(sha(target)).toBe(old);
    expect(readdirSync(mountPoint).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
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
});
