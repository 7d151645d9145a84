// A large import into an empty library fills items_fts on a worker thread. These tests prove
// that the worker's table is the serial fill's table byte for byte, that every way the
// worker's table could be wrong falls back to the serial fill, and that nothing of the worker
// (its file, its attachment, the smaller page cache) outlives an import, failed or not.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLibrary, toBib } from '../../../bench/generate';
import { bibtexImport } from '../formats/bibtex';
import { Library } from '../library';
import { readFixture } from '../testing/fixtures';
import { expectedItemsFtsTokens, itemsFtsTokens } from '../testing/items-fts';
import { tempLibraries } from '../testing/temp-libraries';
import { BULK_FTS_HASHSIZE, BulkImport, FTS5_DEFAULT_HASHSIZE } from './bulk';
import { RecordInserter } from './insert';
import { ParallelFtsFill, SCRATCH_ALIAS, SCRATCH_FILE } from './parallel-fts';
import { type ImportOptions, importText, lastBulk } from './pipeline';

const { fresh, track } = tempLibraries('shelfmark-pfts-');

const SERIAL: Partial<ImportOptions> = { parallelFtsMin: Number.POSITIVE_INFINITY };
const PARALLEL: Partial<ImportOptions> = { parallelFtsMin: 1 };
const imp = (lib: Library, text: string, extra: Partial<ImportOptions>) =>
  importText(lib, text, { fileName: 'x.bib', onDuplicate: 'import', ...extra });

/** Every row of every FTS5 shadow table of items_fts, by table. */
function shadowRows(lib: Library): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const names = lib.db
    .prepare<[], string>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'items_fts_%' ORDER BY name`,
    )
    .pluck()
    .all();
  for (const n of names) out[n] = lib.db.prepare(`SELECT * FROM "${n}" ORDER BY 1, 2`).raw().all();
  return out;
}

// items_fts keeps no text (contentless): its tokens are compared with those of the text the
// insert trigger would write for the items as they are
const expectedFts = (lib: Library) => expectedItemsFtsTokens(lib.db);
const actualFts = (lib: Library) => itemsFtsTokens(lib.db);
const matches = (lib: Library, q: string) =>
  lib.db
    .prepare<[string], number>('SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid')
    .pluck()
    .all(q);
const schemas = (lib: Library) =>
  lib.db.prepare<[], string>('SELECT name FROM pragma_database_list ORDER BY seq').pluck().all();
const leftovers = (lib: Library) =>
  ['', '-journal', '-wal', '-shm'].filter((s) => existsSync(join(lib.folder, SCRATCH_FILE + s)));
function integrityOk(lib: Library): void {
  lib.db.exec(`INSERT INTO items_fts (items_fts) VALUES ('integrity-check')`);
  expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
}

// the benchmark's synthetic mix (accents, @string, crossref, duplicates) and a real file
const GENERATED = toBib(generateLibrary(2500, 11));
const REAL = readFixture('biblatex-examples.bib');

describe('parallel full-text fill', () => {
  it('writes, on a worker, the very rows the serial fill writes', () => {
    for (const text of [GENERATED, REAL]) {
      const serial = fresh();
      const parallel = fresh();
      const cache = parallel.db.pragma('cache_size', { simple: true });
      const a = imp(serial, text, SERIAL);
      expect(lastBulk?.ftsFilledBy).toBe('here');
      const b = imp(parallel, text, PARALLEL);
      expect(lastBulk?.ftsFilledBy).toBe('worker');
      expect(b).toEqual(a);
      expect(b.imported).toBeGreaterThan(text === REAL ? 50 : 2500);
      // byte for byte: index segments, content, sizes, settings (hashsize put back)
      expect(shadowRows(parallel)).toEqual(shadowRows(serial));
      expect(actualFts(parallel)).toEqual(expectedFts(parallel));
      integrityOk(parallel);
      for (const q of ['graph*', 'the', 'cafe*', '"of the"', 'title: a*', 'mueller OR muller'])
        expect(matches(parallel, q)).toEqual(matches(serial, q));
      // nothing of the worker is left behind
      expect(leftovers(parallel)).toEqual([]);
      expect(schemas(parallel)).not.toContain(SCRATCH_ALIAS);
      expect(parallel.db.pragma('cache_size', { simple: true })).toBe(cache);
      // and the table keeps working: later edits reach it through the triggers
      parallel.db.prepare(`UPDATE items SET title = 'Quokkas at dusk' WHERE id = 7`).run();
      expect(matches(parallel, 'quokkas')).toEqual([7]);
      integrityOk(parallel);
    }
  });

  it('runs on the writable connection when the start-up check is still running', async () => {
    // an empty library, opened as the hosts open it: read-only until the check on a worker
    // passes, then swapped for a writable connection by the first write
    const folder = mkdtempSync(join(tmpdir(), 'shelfmark-pfts-'));
    Library.open(folder).close();
    const lib = track(await Library.openAsync(folder));
    const first = lib.db;
    imp(lib, GENERATED, PARALLEL);
    expect(lib.db).not.toBe(first);
    expect(lastBulk?.ftsFilledBy).toBe('worker');
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    integrityOk(lib);
    expect(schemas(lib)).not.toContain(SCRATCH_ALIAS);
    expect(leftovers(lib)).toEqual([]);
  });

  it('replays a late batch with a bad record while the worker holds its file', () => {
    // the worker has spilled pages to its file by then; the batch's rollback makes SQLite read
    // every attached schema again, which must not wait for the worker
    const gen = generateLibrary(6000, 3);
    const text = toBib(gen);
    const bad = gen.entries[5200]!.key;
    const serial = fresh();
    const lib = fresh();
    for (const l of [serial, lib]) {
      l.db.pragma('busy_timeout = 200'); // a wait on the worker shows up as a failure, not a hang
      l.db.exec(
        `CREATE TEMP TRIGGER bad_record AFTER INSERT ON main.items WHEN new.citation_key = '${bad}'
         BEGIN SELECT RAISE(ABORT, 'bad record'); END`,
      );
    }
    const a = imp(serial, text, SERIAL);
    const b = imp(lib, text, PARALLEL);
    expect(lastBulk?.ftsFilledBy).toBe('worker');
    expect(b.skipped).toBe(1);
    expect(b.problems.map((p) => p.reason)).toEqual(['could not store the entry: bad record']);
    expect(b).toEqual(a);
    expect(shadowRows(lib)).toEqual(shadowRows(serial));
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    integrityOk(lib);
    expect(leftovers(lib)).toEqual([]);
    expect(schemas(lib)).not.toContain(SCRATCH_ALIAS);
  });

  it("imports when a stale attachment has the scratch file's name", () => {
    const lib = fresh();
    lib.db.prepare(`ATTACH DATABASE ? AS ${SCRATCH_ALIAS}`).run(join(lib.folder, 'other.sqlite'));
    imp(lib, GENERATED, PARALLEL);
    expect(lastBulk?.ftsFilledBy).toBe('worker');
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    expect(schemas(lib)).not.toContain(SCRATCH_ALIAS);
  });

  it('fills here when the library already holds items', () => {
    const lib = fresh();
    imp(lib, REAL, SERIAL);
    imp(lib, GENERATED, PARALLEL);
    expect(lastBulk?.ftsFilledBy).toBe('here');
    expect(lastBulk?.ftsWhyNotWorker).toBeNull();
    expect(actualFts(lib)).toEqual(expectedFts(lib));
  });

  it('removes the scratch files in the background once the import has returned', async () => {
    const lib = fresh();
    imp(lib, GENERATED, PARALLEL);
    expect(lastBulk?.ftsFilledBy).toBe('worker');
    expect(leftovers(lib)).toEqual([]); // put aside at once, under another name
    const scratchNames = () => readdirSync(lib.folder).filter((n) => n.startsWith(SCRATCH_FILE));
    for (let i = 0; i < 100 && scratchNames().length > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(scratchNames()).toEqual([]);
  });

  it('replaces a scratch file left by a crashed import', () => {
    const lib = fresh();
    writeFileSync(join(lib.folder, SCRATCH_FILE), 'not a database');
    writeFileSync(join(lib.folder, `${SCRATCH_FILE}-journal`), 'stale');
    writeFileSync(join(lib.folder, `${SCRATCH_FILE}.old-1-2-wal`), 'put aside, never removed');
    imp(lib, GENERATED, PARALLEL);
    expect(lastBulk?.ftsFilledBy).toBe('worker');
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    expect(leftovers(lib)).toEqual([]);
    expect(existsSync(join(lib.folder, `${SCRATCH_FILE}.old-1-2-wal`))).toBe(false);
  });

  it('imports without a worker when its file cannot be made', () => {
    const lib = fresh();
    mkdirSync(join(lib.folder, SCRATCH_FILE)); // a folder where the file would go
    const r = imp(lib, GENERATED, PARALLEL);
    expect(lastBulk?.ftsFilledBy).toBe('here');
    expect(r.imported).toBeGreaterThan(2500);
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    expect(schemas(lib)).not.toContain(SCRATCH_ALIAS);
  });

  it('leaves no worker, file, attachment or small cache behind when the import fails', () => {
    const lib = fresh();
    const cache = lib.db.pragma('cache_size', { simple: true });
    // RAISE(ROLLBACK) ends the whole transaction mid-import: the import stops and throws
    lib.db.exec(
      `CREATE TEMP TRIGGER fail_import AFTER INSERT ON main.items WHEN new.id = 1200
       BEGIN SELECT RAISE(ROLLBACK, 'disk gone'); END`,
    );
    const before = schemas(lib);
    expect(() => imp(lib, GENERATED, PARALLEL)).toThrow('disk gone');
    lib.db.exec('DROP TRIGGER temp.fail_import');
    expect(lib.db.inTransaction).toBe(false);
    expect(lib.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
    expect(leftovers(lib)).toEqual([]);
    expect(schemas(lib)).toEqual(before);
    expect(lib.db.pragma('cache_size', { simple: true })).toBe(cache);
    integrityOk(lib);
    // the next import runs as usual, on a worker again
    imp(lib, GENERATED, PARALLEL);
    expect(lastBulk?.ftsFilledBy).toBe('worker');
    expect(actualFts(lib)).toEqual(expectedFts(lib));
  });
});

describe('falling back to the serial fill', () => {
  /** The pipeline's steps by hand, so that a test can interfere between them. */
  function importWith(
    lib: Library,
    bulkHashsize: number,
    meddle: () => void = () => undefined,
  ): BulkImport {
    const { records } = bibtexImport.parse(GENERATED, 'x.bib');
    const fill = ParallelFtsFill.start(
      lib.db,
      records.length,
      {
        folder: lib.folder,
        bulkHashsize,
        restoreHashsize: FTS5_DEFAULT_HASHSIZE,
      },
      1,
    )!;
    expect(fill).not.toBeNull();
    try {
      return lib.writeAttached(fill.file, SCRATCH_ALIAS, () => {
        const bulk = new BulkImport(lib.db, records.length, fill);
        const ins = new RecordInserter(lib.db);
        for (let i = 0; i < records.length; i += 500) {
          for (const r of records.slice(i, i + 500)) ins.insert(r);
          bulk.batchDone();
          if (i === 1000) meddle();
        }
        bulk.finish();
        return bulk;
      });
    } finally {
      fill.dispose();
    }
  }

  it('when the worker fails', () => {
    const lib = fresh();
    // FTS5 refuses a term buffer of no size: the worker fails setting up its table
    const bulk = importWith(lib, 0);
    expect(bulk.ftsFilledBy).toBe('here');
    expect(bulk.ftsWhyNotWorker).toMatch(/^worker: /);
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    integrityOk(lib);
    expect(leftovers(lib)).toEqual([]);
  });

  it('when an item already sent to the worker changes during the import', () => {
    const lib = fresh();
    const bulk = importWith(lib, BULK_FTS_HASHSIZE, () =>
      lib.db.prepare(`UPDATE items SET title = 'Retitled wombats' WHERE id = 3`).run(),
    );
    expect(bulk.ftsFilledBy).toBe('here');
    expect(bulk.ftsWhyNotWorker).toBe('items_fts was written during the import');
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    expect(matches(lib, 'wombats')).toEqual([3]);
    integrityOk(lib);
  });

  it('when an item sent to the worker is deleted and its id taken again', () => {
    const lib = fresh();
    // the last item sent goes; the next insert gets its id back, so the counts still agree
    const bulk = importWith(lib, BULK_FTS_HASHSIZE, () =>
      lib.db.prepare('DELETE FROM items WHERE id = (SELECT max(id) FROM items)').run(),
    );
    expect(bulk.ftsFilledBy).toBe('here');
    expect(bulk.ftsWhyNotWorker).toBe('an item sent to the worker was deleted during the import');
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    integrityOk(lib);
  });

  it('when an item sent to the worker is gone by the end', () => {
    const lib = fresh();
    const bulk = importWith(lib, BULK_FTS_HASHSIZE, () =>
      lib.db.prepare('DELETE FROM items WHERE id = 5').run(),
    );
    expect(bulk.ftsFilledBy).toBe('here');
    expect(bulk.ftsWhyNotWorker).toMatch(/^rows: /);
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    expect(actualFts(lib).some((t) => t[1] === 5)).toBe(false);
    integrityOk(lib);
  });
});
