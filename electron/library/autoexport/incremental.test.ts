// Incremental .bib auto-export: after the first run the worker re-renders only the items that
// changed, and the file is always exactly what the whole-file writer makes of the same items.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadItems } from '../export/load';
import { bibtexExport, biblatexExport } from '../formats/bibtex/index';
import { importText } from '../import/pipeline';
import { Library } from '../library';
import { call } from '../testing/call';
import { readFixture } from '../testing/fixtures';
import { bindingRows } from './bindings';
import { incrementalStats } from './incremental';
import { crashExportWorkerForTest } from './run-export-worker';
import { runBinding } from './service';

let lib: Library;
let out: string;
beforeEach(() => {
  lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-inc-')));
  out = mkdtempSync(join(tmpdir(), 'shelfmark-inc-out-'));
  for (const f of ['xampl.bib', 'biblatex-examples.bib'])
    importText(lib, readFixture(f), { fileName: f, onDuplicate: 'import' });
});
afterEach(() => {
  lib.close();
  rmSync(lib.folder, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const idOf = (key: string) =>
  lib.db.prepare<[string], number>('SELECT id FROM items WHERE citation_key = ?').pluck().get(key)!;

/** What the whole-file writer (the auto-export before this change) writes for a binding. */
function expected(format: string, collectionId: number | null): string {
  const ids =
    collectionId === null
      ? null
      : lib.db
          .prepare<[number], number>('SELECT item_id FROM collection_items WHERE collection_id = ?')
          .pluck()
          .all(collectionId);
  return (format === 'bibtex' ? bibtexExport : biblatexExport).write(loadItems(lib.db, ids));
}

/** Runs every binding; checks each file; returns how many items were sent to be rendered. */
async function runAll(): Promise<number> {
  const before = incrementalStats.sent;
  for (const row of bindingRows(lib.db)) {
    const r = await runBinding(lib, row);
    expect(r.error).toBeNull();
    expect(readFileSync(row.path, 'utf8')).toBe(expected(row.format, row.collection_id));
  }
  return incrementalStats.sent - before;
}

describe('incremental .bib auto-export', () => {
  it('keeps the change log short when auto-export is its only reader', async () => {
    await call(lib, 'autoExport.create', { path: join(out, 'all.bib'), format: 'bibtex' });
    const a = idOf('aristotle:poetics');
    // 50,000 logged changes of a claimed item, as a long editing session would leave them
    lib.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
         INSERT INTO export_changes (item_id) SELECT ? FROM n`,
      )
      .run(a);
    const logged = () =>
      lib.db.prepare<[], number>('SELECT count(*) FROM export_changes').pluck().get()!;
    expect(logged()).toBeGreaterThanOrEqual(50_000);
    await call(lib, 'items.update', { id: a, patch: { title: 'Poetics, pruned' } });
    expect(await runAll()).toBe(1);
    // pruned to the newest 20,000 (LOG_KEEP); the file still follows later edits
    expect(logged()).toBeLessThanOrEqual(20_000);
    await call(lib, 'items.update', { id: a, patch: { title: 'Poetics, after pruning' } });
    expect(await runAll()).toBe(1);
    expect(readFileSync(join(out, 'all.bib'), 'utf8')).toContain('Poetics, after pruning');
  });

  it('renders everything once, then only what each change touched', async () => {
    const col = await call(lib, 'collections.create', { name: 'Thesis', parentId: null });
    const a = idOf('aristotle:poetics');
    const b = idOf('knuth:ct:a');
    await call(lib, 'collections.addItems', { id: col.id, itemIds: [a] });
    const first = incrementalStats.sent;
    await call(lib, 'autoExport.create', { path: join(out, 'all.bib'), format: 'bibtex' });
    await call(lib, 'autoExport.create', { path: join(out, 'all.blx.bib'), format: 'biblatex' });
    await call(lib, 'autoExport.create', {
      path: join(out, 'thesis.bib'),
      format: 'bibtex',
      collectionId: col.id,
    });
    const live = lib.db
      .prepare<[], number>('SELECT count(*) FROM items WHERE deleted_at IS NULL')
      .pluck()
      .get()!;
    // creating a binding exports it at once
    expect(incrementalStats.sent - first).toBe(2 * live + 1);
    expect(await runAll()).toBe(0);
    // a is in all three bindings, b in the two whole-library ones
    await call(lib, 'items.update', { id: a, patch: { title: 'Poetics, revised' } });
    expect(await runAll()).toBe(3);
    expect(readFileSync(join(out, 'thesis.bib'), 'utf8')).toContain('Poetics, revised');
    await call(lib, 'tags.add', { itemIds: [a, b], names: ['greek'] });
    expect(await runAll()).toBe(5);
    const greek = (await call(lib, 'tags.list', {})).find((t) => t.name === 'greek')!;
    await call(lib, 'tags.rename', { id: greek.id, name: 'hellenic' });
    expect(await runAll()).toBe(5);
    await call(lib, 'items.renameKey', { id: b, key: 'knuthA' });
    expect(await runAll()).toBe(2);
    await call(lib, 'collections.addItems', { id: col.id, itemIds: [b] });
    expect(await runAll()).toBe(1);
    await call(lib, 'items.trash', { ids: [b] });
    expect(await runAll()).toBe(0);
    await call(lib, 'undo.apply', {});
    expect(await runAll()).toBe(3);
    await call(lib, 'items.create', { type: 'misc', title: 'New one' });
    expect(await runAll()).toBe(2);
    lib.db.prepare("UPDATE creators SET given = 'Plain SQL' WHERE item_id = ?").run(a);
    expect(await runAll()).toBe(3);
  });

  it('starts over with a new worker and after a pruned log', async () => {
    const first = incrementalStats.sent;
    await call(lib, 'autoExport.create', { path: join(out, 'all.bib'), format: 'bibtex' });
    const live = lib.db
      .prepare<[], number>('SELECT count(*) FROM items WHERE deleted_at IS NULL')
      .pluck()
      .get()!;
    expect(incrementalStats.sent - first).toBe(live);
    expect(await runAll()).toBe(0);
    crashExportWorkerForTest();
    await new Promise((r) => setTimeout(r, 200));
    expect(await runAll()).toBe(live);
    lib.db.prepare('UPDATE export_meta SET pruned_through = 1000000000').run();
    const resets = incrementalStats.resets;
    expect(await runAll()).toBe(live);
    expect(incrementalStats.resets).toBe(resets + 1);
    expect(await runAll()).toBe(0);
  });

  it('an edit to an item that left the collection re-renders nothing; one to a member, only it', async () => {
    const col = await call(lib, 'collections.create', { name: 'Some', parentId: null });
    const a = idOf('aristotle:poetics');
    const b = idOf('knuth:ct:a');
    await call(lib, 'collections.addItems', { id: col.id, itemIds: [a, b] });
    await call(lib, 'autoExport.create', {
      path: join(out, 'some.bib'),
      format: 'bibtex',
      collectionId: col.id,
    });
    await call(lib, 'collections.removeItems', { id: col.id, itemIds: [b] });
    expect(await runAll()).toBe(0);
    // the same ids as the last run: only changed items in scope are sent
    await call(lib, 'items.update', { id: b, patch: { title: 'Out of the collection' } });
    expect(await runAll()).toBe(0);
    await call(lib, 'items.update', { id: a, patch: { title: 'In the collection' } });
    expect(await runAll()).toBe(1);
    expect(readFileSync(join(out, 'some.bib'), 'utf8')).toContain('In the collection');
  });

  it('writes the same bytes as the whole-file writer after random edits, deletes and inserts (3 pieces of entries)', async () => {
    // over 2048 entries, so the file is several pieces and most runs splice one of them
    lib.write(() => {
      const insert = lib.db.prepare(
        `INSERT INTO items (type, citation_key, title, date_added, date_modified) VALUES ('article', ?, ?, 'x', 'x')`,
      );
      for (let i = 0; i < 2600; i++) insert.run(`gen${String(i).padStart(4, '0')}`, `Title ${i}`);
    });
    const file = join(out, 'all.bib');
    await call(lib, 'autoExport.create', { path: file, format: 'bibtex' });
    let seed = 20261126;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const live = () =>
      lib.db.prepare<[], number>('SELECT id FROM items WHERE deleted_at IS NULL').pluck().all();
    const titles = ['Ünïcödé façade', 'Ελληνικά', 'naïve {braces}', 'plain', '日本語のタイトル'];
    const want = () => Buffer.from(expected('bibtex', null), 'utf8');
    let spliced = 0;
    for (let step = 0; step < 40; step++) {
      const ids = live();
      const id = ids[rand(ids.length)]!;
      const kind = rand(6);
      if (kind <= 2)
        await call(lib, 'items.update', {
          id,
          patch: { title: `${titles[rand(titles.length)]} ${step}` },
        });
      else if (kind === 3) await call(lib, 'items.trash', { ids: [id] });
      else if (kind === 4) await call(lib, 'items.create', { type: 'misc', title: `New ${step}` });
      else await call(lib, 'items.renameKey', { id, key: `moved${step}` });
      const before = incrementalStats.sent;
      const [row] = bindingRows(lib.db);
      const r = await runBinding(lib, row!);
      expect(r.error).toBeNull();
      if (incrementalStats.sent - before <= 1) spliced++;
      expect(readFileSync(file).equals(want()), `step ${step}`).toBe(true);
      await r.durable;
    }
    expect(spliced).toBeGreaterThan(20);
    // and once flushed the library knows the file: its hash and size, nothing unconfirmed
    const [row] = bindingRows(lib.db);
    const bytes = readFileSync(file);
    expect(row).toMatchObject({
      file_pending: 0,
      file_size: bytes.length,
      last_hash: createHash('sha256').update(bytes).digest('hex'),
    });
  }, 120_000);
});
