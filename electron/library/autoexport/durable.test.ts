// An auto-export file is flushed and renamed into place, and its folder flushed in the
// background (B7b); the library marks it unconfirmed just before the rename and clears the mark
// once the folder is flushed too. These tests stop the worker at each point between those steps
// (as a kill would), damage the file by hand (cut, emptied) to prove that an unconfirmed file is
// rewritten whatever its content, and check that the next start puts the whole export back, and
// that a file the user edited is treated as before (left alone until the library changes).
import { createHash } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadItems } from '../export/load';
import { bibtexExport } from '../formats/bibtex/index';
import { importText } from '../import/pipeline';
import { Library } from '../library';
import { call } from '../testing/call';
import { readFixture } from '../testing/fixtures';
import type { CrashPoint } from './atomic-write';
import { type BindingDbRow, bindingRows } from './bindings';
import { crashExportWorkerAtForTest } from './run-export-worker';
import { type AutoExporter, runBinding, startAutoExport } from './service';

let lib: Library;
let out: string;
let file: string;
let exporter: AutoExporter | undefined;

beforeEach(async () => {
  lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-durable-')));
  out = mkdtempSync(join(tmpdir(), 'shelfmark-durable-out-'));
  file = join(out, 'all.bib');
  importText(lib, readFixture('xampl.bib'), { fileName: 'xampl.bib', onDuplicate: 'import' });
  // without a running service the call waits for the flush too
  await call(lib, 'autoExport.create', { path: file, format: 'bibtex' });
});
afterEach(async () => {
  crashExportWorkerAtForTest(null);
  await exporter?.stop();
  exporter = undefined;
  lib.close();
  rmSync(lib.folder, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const row = (): BindingDbRow => bindingRows(lib.db)[0]!;
const want = () => Buffer.from(bibtexExport.write(loadItems(lib.db, null)), 'utf8');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const someItem = () =>
  lib.db.prepare<[], number>('SELECT id FROM items ORDER BY id LIMIT 1').pluck().get()!;

/** Closes and opens the library again and lets its auto-exporter catch up, flushes included. */
async function restart(): Promise<void> {
  const folder = lib.folder;
  lib.close();
  lib = Library.open(folder);
  exporter = startAutoExport(lib, { debounceMs: 10 });
  await exporter.idle();
  await exporter.flushed();
}

/** One edit, then a run whose worker stops at `point`. */
async function runStoppedAt(point: CrashPoint) {
  await call(lib, 'items.update', { id: someItem(), patch: { title: `Edited before ${point}` } });
  crashExportWorkerAtForTest(point);
  const r = await runBinding(lib, row());
  await r.durable;
  return r;
}

describe('auto-export durability', () => {
  it('records hash and size once the file is flushed, and a clean stop leaves nothing unconfirmed', async () => {
    const first = readFileSync(file);
    expect(first.equals(want())).toBe(true);
    expect(row()).toMatchObject({
      file_pending: 0,
      file_size: first.length,
      last_hash: sha(first),
    });
    exporter = startAutoExport(lib, { debounceMs: 10 });
    await exporter.idle();
    await call(lib, 'items.update', { id: someItem(), patch: { title: 'Flushed on stop' } });
    await exporter.idle();
    await exporter.stop();
    exporter = undefined;
    const now = readFileSync(file);
    expect(now.toString('utf8')).toContain('Flushed on stop');
    expect(row()).toMatchObject({ file_pending: 0, file_size: now.length, last_hash: sha(now) });
  });

  it('stopped before the rename: the old file stays whole, and the next start writes the new one', async () => {
    const old = readFileSync(file);
    const r = await runStoppedAt('before-rename');
    expect(r.error).toMatch(/stopped unexpectedly/);
    expect(readFileSync(file).equals(old)).toBe(true);
    expect(row().file_pending).toBe(1);
    // the temp file the stopped worker left (cleaned up by a later process: same pid here)
    expect(readdirSync(out).some((n) => n.endsWith('.shelfmark-tmp'))).toBe(true);
    await restart();
    const now = readFileSync(file);
    expect(now.equals(want())).toBe(true);
    expect(now.toString('utf8')).toContain('Edited before before-rename');
    expect(row()).toMatchObject({ file_pending: 0, last_hash: sha(now), file_size: now.length });
  });

  it('stopped after the rename, before the flush: the new file is whole; cut short by a power loss, the next start writes it again', async () => {
    const r = await runStoppedAt('after-rename');
    expect(r.error).toMatch(/stopped unexpectedly/);
    // a killed process loses nothing the kernel already has: the new file, whole
    expect(readFileSync(file).equals(want())).toBe(true);
    expect(row().file_pending).toBe(1);
    // what a power loss can leave on a file system that does not order the rename after the
    // data (ext4 does): a short file
    truncateSync(file, Math.floor(statSync(file).size / 2));
    await restart();
    const now = readFileSync(file);
    expect(now.equals(want())).toBe(true);
    expect(row()).toMatchObject({ file_pending: 0, last_hash: sha(now), file_size: now.length });
    expect(exporter!.stats.writes).toBe(1);
  });

  it('a short file is written again even when the library is back to the last confirmed content', async () => {
    const id = someItem();
    const title = lib.db
      .prepare<[number], string>('SELECT title FROM items WHERE id = ?')
      .pluck()
      .get(id)!;
    const confirmed = readFileSync(file);
    await runStoppedAt('after-rename');
    truncateSync(file, 100);
    // the edit undone while the app was closed (say, from another tool): the export is again
    // byte for byte the last confirmed file, whose hash the library holds
    lib.db.prepare('UPDATE items SET title = ? WHERE id = ?').run(title, id);
    expect(want().equals(confirmed)).toBe(true);
    await restart();
    expect(readFileSync(file).equals(confirmed)).toBe(true);
    expect(row().file_pending).toBe(0);
  });

  it('an empty file left by a power loss is written again too', async () => {
    await runStoppedAt('after-rename');
    truncateSync(file, 0);
    await restart();
    expect(readFileSync(file).equals(want())).toBe(true);
    expect(row().file_pending).toBe(0);
  });

  it('stopped after the flush, before the library recorded it: the next start rewrites rather than trusts', async () => {
    const r = await runStoppedAt('after-fsync');
    // the file was in place: the run itself succeeded; its flush was never confirmed
    expect(r.error).toBeNull();
    expect(r.wrote).toBe(true);
    expect(row().file_pending).toBe(1);
    expect(row().last_error).toMatch(/stopped unexpectedly/);
    const inode = statSync(file).ino;
    await restart();
    expect(exporter!.stats.writes).toBe(1);
    expect(statSync(file).ino).not.toBe(inode);
    expect(readFileSync(file).equals(want())).toBe(true);
    expect(row()).toMatchObject({ file_pending: 0, last_error: null });
  });

  it('a file the user edited (flush confirmed) is left alone at start, and replaced at the next change, as before', async () => {
    const edited = `${readFileSync(file, 'utf8')}\n@misc{mine, note = {added by hand}}\n`;
    writeFileSync(file, edited);
    await restart();
    expect(exporter!.stats.writes).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    await call(lib, 'items.update', { id: someItem(), patch: { title: 'Changed in the app' } });
    await exporter!.idle();
    expect(readFileSync(file).equals(want())).toBe(true);
  });

  it('when the library cannot record the replacement, the file is not replaced', async () => {
    const old = readFileSync(file);
    lib.db.exec(`CREATE TEMP TRIGGER refuse BEFORE UPDATE OF file_pending ON auto_exports
                 BEGIN SELECT RAISE(ABORT, 'cannot record'); END`);
    await call(lib, 'items.update', { id: someItem(), patch: { title: 'Never written' } });
    const r = await runBinding(lib, row());
    expect(r.error).toMatch(/cannot record/);
    expect(readFileSync(file).equals(old)).toBe(true);
    expect(readdirSync(out)).toEqual(['all.bib']);
    lib.db.exec('DROP TRIGGER refuse');
    const again = await runBinding(lib, row());
    expect(again.error).toBeNull();
    await again.durable;
    expect(readFileSync(file).equals(want())).toBe(true);
  });
});
