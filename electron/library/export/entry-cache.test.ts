// The entry cache must give exactly the bytes of the uncached writer (writeBib over freshly
// loaded items), cold, warm and after every kind of change to the library, and must re-render
// only the items a change touched.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../cli/command';
import { DB_FILE } from '../db/open';
import { BIB_WRITER_VERSION, type BibProfile, writeBib } from '../formats/bibtex/write';
import { importText } from '../import/pipeline';
import { insertItem } from '../items/repo';
import { readKept } from '../import/kept';
import { Library } from '../library';
import { readFixture } from '../testing/fixtures';
import { entryCacheOf } from './entry-cache';
import { exportItems } from './export';
import { type ExportScope, loadBibItems, loadItems, scopeIds } from './load';

let lib: Library;
const PROFILES: BibProfile[] = ['bibtex', 'biblatex'];

function uncached(profile: BibProfile, scope: ExportScope): string {
  return writeBib(loadItems(lib.db, scopeIds(lib.db, scope)), {
    profile,
    preambles: readKept(lib.db, 'bibtex.preambles'),
    comments: readKept(lib.db, 'bibtex.comments'),
  });
}

/** Exports both profiles through the cache and checks them against the uncached writer. */
function expectSame(scope: ExportScope = { kind: 'library' }): Record<BibProfile, string> {
  const out = {} as Record<BibProfile, string>;
  for (const p of PROFILES) {
    out[p] = exportItems(lib, p, scope);
    expect(out[p]).toBe(uncached(p, scope));
  }
  return out;
}

const stats = () => ({ ...entryCacheOf(lib.db).stats });
const live = () =>
  lib.db.prepare<[], number>('SELECT count(*) FROM items WHERE deleted_at IS NULL').pluck().get()!;
const idOf = (key: string) =>
  lib.db.prepare<[string], number>('SELECT id FROM items WHERE citation_key = ?').pluck().get(key)!;

/** Runs `change`, then proves the export is right and that only `expected` items re-rendered. */
async function afterChange(change: () => unknown, expected: number | 'some') {
  expectSame();
  const before = stats();
  const oldText = exportItems(lib, 'bibtex', { kind: 'library' });
  await change();
  const out = expectSame();
  const rendered = stats().rendered - before.rendered;
  if (expected === 'some') expect(rendered).toBeGreaterThan(0);
  // both profiles re-render the touched items
  else expect(rendered).toBe(expected * 2);
  expect(rendered).toBeLessThan(live());
  return { oldText, newText: out.bibtex };
}

beforeEach(() => {
  lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-cache-')));
  for (const f of ['xampl.bib', 'biblatex-examples.bib'])
    importText(lib, readFixture(f), { fileName: f, onDuplicate: 'import' });
});
afterEach(() => {
  lib.close();
  rmSync(lib.folder, { recursive: true, force: true });
});

describe('export entry cache', () => {
  it('cold and warm exports equal the uncached writer for every scope', async () => {
    const col = await call(lib, 'collections.create', { name: 'Some', parentId: null });
    await call(lib, 'collections.addItems', {
      id: col.id,
      itemIds: [idOf('knuth:ct:a'), idOf('aristotle:poetics'), idOf('whole-set')].filter(Boolean),
    });
    const scopes: ExportScope[] = [
      { kind: 'library' },
      { kind: 'selection', ids: [idOf('aristotle:poetics'), idOf('knuth:ct:a'), 999_999] },
      { kind: 'collection', id: col.id },
    ];
    for (const scope of scopes) expectSame(scope);
    const cold = stats();
    expect(cold.rendered).toBe(live() * 2);
    for (const scope of scopes) expectSame(scope);
    const warm = stats();
    expect(warm.rendered).toBe(cold.rendered);
    expect(warm.hits).toBeGreaterThan(cold.hits);
  });

  it('re-renders an item whose title, creators or fields change', async () => {
    const id = idOf('aristotle:poetics');
    const { oldText, newText } = await afterChange(
      () => call(lib, 'items.update', { id, patch: { title: 'Poetics, edited' } }),
      1,
    );
    expect(oldText).not.toContain('Poetics, edited');
    expect(newText).toContain('Poetics, edited');
    await afterChange(
      () =>
        call(lib, 'items.update', {
          id,
          patch: { creators: [{ role: 'author', family: 'Écrivain', given: 'Zoë' }] },
        }),
      1,
    );
    await afterChange(
      () => call(lib, 'items.update', { id, patch: { fields: { note: 'a new note' } } }),
      1,
    );
    // a new crossref makes its target move behind every entry in the BibTeX profile
    const { newText: moved } = await afterChange(
      () => call(lib, 'items.update', { id, patch: { fields: { crossref: 'knuth:ct:a' } } }),
      1,
    );
    expect(moved.indexOf('@book{knuth:ct:a,')).toBeGreaterThan(moved.indexOf('@book{knuth:ct:b,'));
  });

  it('follows tag edits: add, remove, set, rename, merge, delete and its undo', async () => {
    const a = idOf('aristotle:poetics');
    const b = idOf('knuth:ct:a');
    await afterChange(() => call(lib, 'tags.add', { itemIds: [a, b], names: ['greek'] }), 2);
    await afterChange(() => call(lib, 'tags.setForItem', { itemId: a, tags: ['greek', 'x'] }), 1);
    await afterChange(() => call(lib, 'tags.remove', { itemIds: [b], names: ['greek'] }), 1);
    const tags = await call(lib, 'tags.list', {});
    const greek = tags.find((t) => t.name === 'greek')!;
    const x = tags.find((t) => t.name === 'x')!;
    const { newText } = await afterChange(
      () => call(lib, 'tags.rename', { id: greek.id, name: 'hellenic' }),
      1,
    );
    expect(newText).toContain('hellenic');
    await afterChange(() => call(lib, 'tags.add', { itemIds: [b], names: ['hellenic'] }), 1);
    await afterChange(() => call(lib, 'tags.merge', { sourceIds: [x.id], targetId: greek.id }), 1);
    await afterChange(() => call(lib, 'tags.delete', { ids: [greek.id] }), 2);
    await afterChange(() => call(lib, 'undo.apply', {}), 2);
  });

  it('follows key renames, trash, restore, undo, purge, merges, creates and imports', async () => {
    const a = idOf('aristotle:poetics');
    const { newText } = await afterChange(
      () => call(lib, 'items.renameKey', { id: a, key: 'poetics2' }),
      1,
    );
    expect(newText).toContain('@book{poetics2,');
    expect(newText).toContain('aristotle:poetics');
    await afterChange(() => call(lib, 'items.trash', { ids: [a] }), 0);
    await afterChange(() => call(lib, 'undo.apply', {}), 1);
    await afterChange(() => call(lib, 'items.trash', { ids: [a] }), 0);
    await afterChange(() => call(lib, 'items.restore', { ids: [a] }), 1);
    const b = idOf('knuth:ct:a');
    await afterChange(() => call(lib, 'items.trash', { ids: [b] }), 0);
    await afterChange(() => call(lib, 'items.purge', { ids: [b] }), 0);
    const c = idOf('knuth:ct:b');
    const d = idOf('knuth:ct:c');
    await afterChange(
      () =>
        call(lib, 'duplicates.merge', {
          groups: [{ masterId: c, otherIds: [d], choices: { title: d } }],
        }),
      'some',
    );
    await afterChange(() => call(lib, 'undo.apply', {}), 'some');
    await afterChange(() => call(lib, 'items.create', { type: 'article', title: 'Brand new' }), 1);
    await afterChange(
      () =>
        importText(lib, '@misc{imported1, title = {One}}\n@misc{imported2, title = {Two}}', {
          fileName: 'x.bib',
          onDuplicate: 'import',
        }),
      2,
    );
  });

  it('sees writes made by any code path, even plain SQL', async () => {
    const a = idOf('aristotle:poetics');
    const { newText } = await afterChange(
      () => lib.db.prepare("UPDATE items SET title = 'Raw sql text' WHERE id = ?").run(a),
      1,
    );
    expect(newText).toContain('Raw sql text');
    await afterChange(
      () => lib.db.prepare("UPDATE creators SET family = 'Zed' WHERE item_id = ?").run(a),
      1,
    );
    await afterChange(
      () =>
        lib.db
          .prepare("INSERT INTO citation_key_aliases (alias, item_id) VALUES ('rawalias', ?)")
          .run(a),
      1,
    );
    // a rating is not part of the export: nothing to re-render
    await afterChange(() => lib.db.prepare('UPDATE items SET rating = 3 WHERE id = ?').run(a), 0);
  });

  it('starts over when the change log was pruned past what it saw', () => {
    expectSame();
    const before = stats();
    lib.db.prepare('UPDATE export_meta SET pruned_through = 1000000000').run();
    expectSame();
    const after = stats();
    expect(after.resets).toBe(before.resets + 1);
    expect(after.rendered - before.rendered).toBe(live() * 2);
  });

  it('a read-only library exports the same bytes; it caches only items already claimed', () => {
    const folder = lib.folder;
    lib.close();
    lib = Library.open(folder, { readonly: true });
    const text = exportItems(lib, 'bibtex', { kind: 'library' });
    expect(text).toBe(uncached('bibtex', { kind: 'library' }));
    expect(exportItems(lib, 'bibtex', { kind: 'library' })).toBe(text);
    expect(stats().hits).toBe(0);
    lib.close();
    // once a writer has claimed the items, their changes are logged: caching is safe again
    lib = Library.open(folder);
    exportItems(lib, 'bibtex', { kind: 'library' });
    lib.close();
    lib = Library.open(folder, { readonly: true });
    exportItems(lib, 'bibtex', { kind: 'library' });
    expect(exportItems(lib, 'bibtex', { kind: 'library' })).toBe(text);
    expect(stats().hits).toBe(live());
  });

  it('the lean loader reads the same values as loadItems', async () => {
    const a = idOf('aristotle:poetics');
    await call(lib, 'tags.add', { itemIds: [a], names: ['b', 'A', 'c/d'] });
    await call(lib, 'items.renameKey', { id: a, key: 'zz' });
    await call(lib, 'items.trash', { ids: [idOf('knuth:ct:a')] });
    const pick = (i: ReturnType<typeof loadBibItems>[number]) => ({
      id: i.id,
      type: i.type,
      citationKey: i.citationKey,
      keyAliases: i.keyAliases,
      title: i.title,
      date: i.date,
      venue: i.venue,
      doi: i.doi,
      url: i.url,
      abstract: i.abstract,
      creators: i.creators,
      fields: i.fields,
      tags: i.tags,
    });
    for (const ids of [null, [a, idOf('knuth:ct:a'), idOf('knuth:ct:b')]]) {
      const lean = loadBibItems(lib.db, ids);
      expect(lean.length).toBeGreaterThan(0);
      expect(lean.map(pick)).toEqual(loadItems(lib.db, ids).map(pick));
    }
  });

  it('patches large files piece by piece with the same bytes (edits at piece boundaries)', async () => {
    lib.write(() => {
      for (let i = 0; i < 2600; i++)
        insertItem(lib.db, {
          type: 'article',
          citationKey: `gen${String(i).padStart(4, '0')}`,
          title: `Generated title ${i}`,
          date: '2001',
          creators: [
            {
              role: 'author',
              family: `Family${i}`,
              given: 'Ann',
              prefix: '',
              suffix: '',
              literal: '',
            },
          ],
        });
    });
    expectSame();
    // the fixtures sort before "gen…": find items on both sides of the 1024-entry pieces
    const keys = [0, 1, 1023, 1024, 1025, 2047, 2048, 2599].map(
      (i) => `gen${String(i).padStart(4, '0')}`,
    );
    for (const key of keys) {
      const { newText } = await afterChange(
        () => call(lib, 'items.update', { id: idOf(key), patch: { title: `Edited ${key}` } }),
        1,
      );
      expect(newText).toContain(`Edited ${key}`);
    }
    await afterChange(
      () => call(lib, 'tags.add', { itemIds: keys.map((k) => idOf(k)), names: ['boundary'] }),
      keys.length,
    );
  });

  it('reads live ids without the index it prefers (a large import drops indexes meanwhile)', () => {
    const text = exportItems(lib, 'bibtex', { kind: 'library' });
    lib.db.exec('DROP INDEX items_live_type');
    lib.db.prepare("UPDATE items SET title = 'No index' WHERE id = ?").run(idOf('knuth:ct:a'));
    const after = expectSame();
    expect(after.bibtex).not.toBe(text);
    expect(after.bibtex).toContain('No index');
  });

  it('sees what an import merges into existing items (creators, tags) and its new items', async () => {
    const item = await call(lib, 'items.create', {
      type: 'article',
      citationKey: 'lonely',
      title: 'A lonely article',
      doi: '10.1234/lonely',
    });
    const { newText } = await afterChange(
      () =>
        importText(
          lib,
          '@article{dup, title = {A lonely article}, doi = {10.1234/lonely}, author = {Zed, Ann}, keywords = {merged-tag}}\n@misc{fresh1, title = {Fresh}}',
          { fileName: 'm.bib', onDuplicate: 'merge' },
        ),
      2,
    );
    const entry = newText.slice(newText.indexOf('@article{lonely,'));
    expect(entry.slice(0, entry.indexOf('\n}\n'))).toMatch(
      /author = \{Zed, Ann\}[\s\S]*merged-tag/,
    );
    expect(item.id).toBe(idOf('lonely'));
    // the triggers the import bypassed are back: a later plain insert is logged again
    await afterChange(
      () =>
        lib.db
          .prepare("INSERT INTO citation_key_aliases (alias, item_id) VALUES ('lonely2', ?)")
          .run(item.id),
      1,
    );
  });
});

describe('entries stored in the library between sessions', () => {
  const reopen = () => {
    const folder = lib.folder;
    lib.close();
    lib = Library.open(folder);
  };
  /** A write made while the app is closed: another process, no foreign keys, plain SQL. */
  const whileClosed = (sql: string, ...args: unknown[]) => {
    const folder = lib.folder;
    lib.close();
    const raw = new Database(join(folder, DB_FILE));
    raw.prepare(sql).run(...args);
    raw.close();
    lib = Library.open(folder);
  };
  const storedRows = () =>
    lib.db.prepare<[], number>('SELECT count(*) FROM export_entries').pluck().get()!;

  /**
   * Exports (storing every entry), makes `change` (which may close and reopen the library),
   * reopens, then proves the first export of the new session equals the uncached writer and
   * re-rendered exactly `expected` items per profile (the rest read back from the library).
   */
  async function acrossSessions(change: () => unknown, expected: number | 'some') {
    expectSame();
    await change();
    reopen();
    const out = expectSame();
    const s = stats();
    if (expected === 'some') expect(s.rendered).toBeGreaterThan(0);
    else expect(s.rendered).toBe(expected * 2);
    expect(s.rendered).toBeLessThan(live() * 2);
    expect(s.stored).toBeGreaterThan(0);
    return out.bibtex;
  }

  it('the first export after opening reads every entry back and renders nothing', () => {
    const first = expectSame();
    expect(storedRows()).toBe(live() * 2);
    reopen();
    expect(expectSame()).toEqual(first);
    expect(stats()).toMatchObject({ rendered: 0, stored: live() * 2 });
    expect(stats().hits).toBe(live() * 2);
  });

  it('serves stored text (proof it is read) unless the writer version changed', () => {
    expectSame();
    const a = idOf('aristotle:poetics');
    whileClosed("UPDATE export_entries SET text = '@misc{planted}' WHERE item_id = ?", a);
    // the triggers do not watch this table: the planted text is served, as stored text should be
    expect(exportItems(lib, 'bibtex', { kind: 'library' })).toContain('@misc{planted}');
    // a new app version whose writer changed must not serve what the old one stored
    whileClosed(
      'UPDATE export_entries SET writer = ? WHERE item_id = ?',
      BIB_WRITER_VERSION - 1,
      a,
    );
    expectSame();
    expect(stats().rendered).toBe(2);
  });

  it('stored positions are only where the sort starts: scrambled ones give the same bytes', () => {
    expectSame();
    whileClosed('UPDATE export_entries SET pos = (item_id * 7919) % 101');
    expectSame();
    expect(stats()).toMatchObject({ rendered: 0, stored: live() * 2 });
  });

  it('re-renders what item edits, tags, renames, trash, restore, purge, merges and undo touched', async () => {
    const a = idOf('aristotle:poetics');
    const b = idOf('knuth:ct:a');
    await acrossSessions(
      () => call(lib, 'items.update', { id: a, patch: { title: 'Poetics, stored' } }),
      1,
    );
    await acrossSessions(
      () =>
        call(lib, 'items.update', {
          id: a,
          patch: { creators: [{ role: 'author', family: 'Écrivain', given: 'Zoë' }] },
        }),
      1,
    );
    await acrossSessions(
      () => call(lib, 'items.update', { id: a, patch: { fields: { crossref: 'knuth:ct:a' } } }),
      1,
    );
    await acrossSessions(() => call(lib, 'tags.add', { itemIds: [a, b], names: ['greek'] }), 2);
    const greek = (await call(lib, 'tags.list', {})).find((t) => t.name === 'greek')!;
    await acrossSessions(() => call(lib, 'tags.rename', { id: greek.id, name: 'hellenic' }), 2);
    await acrossSessions(() => call(lib, 'tags.delete', { ids: [greek.id] }), 2);
    await acrossSessions(() => call(lib, 'undo.apply', {}), 2);
    await acrossSessions(() => call(lib, 'items.renameKey', { id: a, key: 'poetics2' }), 1);
    await acrossSessions(() => call(lib, 'items.trash', { ids: [a] }), 0);
    await acrossSessions(() => call(lib, 'items.restore', { ids: [a] }), 1);
    await acrossSessions(() => call(lib, 'items.trash', { ids: [b] }), 0);
    await acrossSessions(() => call(lib, 'items.purge', { ids: [b] }), 0);
    // deleting an item deletes its stored entries
    expect(
      lib.db.prepare('SELECT count(*) FROM export_entries WHERE item_id = ?').pluck().get(b),
    ).toBe(0);
    const c = idOf('knuth:ct:b');
    const d = idOf('knuth:ct:c');
    await acrossSessions(
      () =>
        call(lib, 'duplicates.merge', {
          groups: [{ masterId: c, otherIds: [d], choices: { title: d } }],
        }),
      'some',
    );
    await acrossSessions(() => call(lib, 'undo.apply', {}), 'some');
    await acrossSessions(() => call(lib, 'items.create', { type: 'article', title: 'New' }), 1);
  });

  it('sees an import that merged into stored items', async () => {
    await call(lib, 'items.create', {
      type: 'article',
      citationKey: 'lonely',
      title: 'A lonely article',
      doi: '10.1234/lonely',
    });
    const text = await acrossSessions(
      () =>
        importText(
          lib,
          '@article{dup, title = {A lonely article}, doi = {10.1234/lonely}, author = {Zed, Ann}, keywords = {merged-tag}}\n@misc{fresh1, title = {Fresh}}',
          { fileName: 'm.bib', onDuplicate: 'merge' },
        ),
      2,
    );
    expect(text).toContain('merged-tag');
  });

  it('never serves an entry changed by plain SQL while the app was closed', async () => {
    const a = idOf('aristotle:poetics');
    const text = await acrossSessions(
      () => whileClosed("UPDATE items SET title = 'Closed-app title' WHERE id = ?", a),
      1,
    );
    expect(text).toContain('Closed-app title');
    await acrossSessions(
      () => whileClosed("UPDATE creators SET family = 'Zed' WHERE item_id = ?", a),
      1,
    );
    await acrossSessions(
      () =>
        whileClosed(
          "INSERT INTO citation_key_aliases (alias, item_id) VALUES ('closedalias', ?)",
          a,
        ),
      1,
    );
    await call(lib, 'tags.add', { itemIds: [a], names: ['t1'] });
    await acrossSessions(() => whileClosed("UPDATE tags SET name = 't2' WHERE name = 't1'"), 1);
    // without foreign keys the entry rows outlive the item; the logged delete still wins
    await acrossSessions(() => whileClosed('DELETE FROM items WHERE id = ?', a), 0);
    expect(exportItems(lib, 'bibtex', { kind: 'library' })).not.toContain('Closed-app title');
  });

  it('drops stored entries older than the kept change log', () => {
    expectSame();
    // a later change, then a prune through the end of the log (as pruneChanges does, later)
    const a = idOf('aristotle:poetics');
    whileClosed("UPDATE items SET title = 'After the store' WHERE id = ?", a);
    whileClosed(
      "UPDATE export_meta SET pruned_through = (SELECT seq FROM sqlite_sequence WHERE name = 'export_changes')",
    );
    expectSame();
    expect(stats()).toMatchObject({ rendered: live() * 2, stored: 0 });
    // what it rendered is stored again, valid from the new log position
    reopen();
    expectSame();
    expect(stats().rendered).toBe(0);
  });

  it('a log marked pruned beyond its end (tampered) never lets a later change go unseen', () => {
    expectSame();
    whileClosed('UPDATE export_meta SET pruned_through = 1000000000');
    expectSame();
    expect(stats().rendered).toBe(live() * 2);
    const a = idOf('aristotle:poetics');
    whileClosed("UPDATE items SET title = 'Seen anyway' WHERE id = ?", a);
    expect(expectSame().bibtex).toContain('Seen anyway');
  });

  it('a read-only library neither reads nor writes stored entries, and exports the same bytes', () => {
    expectSame();
    const rows = storedRows();
    const folder = lib.folder;
    lib.close();
    lib = Library.open(folder, { readonly: true });
    expect(exportItems(lib, 'biblatex', { kind: 'library' })).toBe(
      uncached('biblatex', { kind: 'library' }),
    );
    expect(stats().stored).toBe(0);
    lib.close();
    lib = Library.open(folder);
    expect(storedRows()).toBe(rows);
  });

  it('an export during the start-up check waits for it, then stores and reads entries', async () => {
    expectSame();
    const folder = lib.folder;
    lib.close();
    lib = await Library.openAsync(folder);
    const text = await call(lib, 'export.items', { format: 'bibtex', scope: { kind: 'library' } });
    expect(lib.checkStatus()).toEqual({ state: 'ok' });
    expect(text).toBe(uncached('bibtex', { kind: 'library' }));
    expect(entryCacheOf(lib.db).stats).toMatchObject({ rendered: 0 });
  });
});
