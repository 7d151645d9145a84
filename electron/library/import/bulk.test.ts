// The bulk import path bypasses the per-row FTS and tag-count triggers; these tests prove the
// library ends exactly as the triggers would have left it, and that the triggers come back.
import { describe, expect, it } from 'vitest';
import { insertItem, trashItems } from '../items/repo';
import type { Library } from '../library';
import { expectedItemsFtsTokens, itemsFtsTokens } from '../testing/items-fts';
import { tempLibraries } from '../testing/temp-libraries';
import { FTS5_DEFAULT_HASHSIZE, MIN_REBUILD_RECORDS, shouldRebuildIndexes } from './bulk';
import { importText, RECORD_BATCH } from './pipeline';

const { fresh } = tempLibraries('shelfmark-bulk-');

const entry = (i: number, extra = '') => `@article{key${i},
  author = {Smith, John and M{\\"u}ller, Anna},
  title = {Paper ${i} on zebrafish${i % 3 === 0 ? " and Caf{\\'e}s" : ''}},
  journal = {Journal ${i % 4}},
  year = ${2000 + (i % 20)},
  doi = {10.1/x${i}},
  note = {note${i}},
  keywords = {tag${i % 5}, shared},
  ${extra}
}
`;

// items_fts keeps no text (contentless): its tokens are compared with those of the text the
// insert trigger would write for the items as they are
const expectedFts = (lib: Library) => expectedItemsFtsTokens(lib.db);
const actualFts = (lib: Library) => itemsFtsTokens(lib.db);
const triggers = (lib: Library) =>
  lib.db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all();
const indexes = (lib: Library) =>
  lib.db
    .prepare(
      `SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, name`,
    )
    .all();
const tagCounts = (lib: Library) =>
  lib.db.prepare('SELECT name, live_count FROM tags ORDER BY name').all();
const trueCounts = (lib: Library) =>
  lib.db
    .prepare(
      `SELECT t.name, (SELECT count(*) FROM item_tags it JOIN items i ON i.id = it.item_id
         WHERE it.tag_id = t.id AND i.deleted_at IS NULL) AS live_count FROM tags t ORDER BY t.name`,
    )
    .all();

function tag(lib: Library, itemId: number, name: string): void {
  lib.db.prepare('INSERT OR IGNORE INTO tags (name) VALUES (?)').run(name);
  lib.db
    .prepare('INSERT INTO item_tags (item_id, tag_id) SELECT ?, id FROM tags WHERE name = ?')
    .run(itemId, name);
}

describe('bulk import', () => {
  it('leaves items_fts exactly in sync and searchable, with triggers restored unchanged', () => {
    const lib = fresh();
    const before = triggers(lib);
    const id0 = insertItem(lib.db, { type: 'article', title: 'Existing zebrafish' });
    tag(lib, id0, 'shared');
    trashItems(lib.db, [id0]); // a trashed item linked to a tag the import also uses
    const text = Array.from({ length: 60 }, (_, i) => entry(i)).join('\n');
    const r = importText(lib, text, { fileName: 'a.bib', onDuplicate: 'import' });
    expect(r.imported).toBe(60);
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    expect(lib.db.prepare('SELECT count(*) FROM items_fts').pluck().get()).toBe(61);
    expect(
      lib.db
        .prepare(`SELECT count(*) FROM items_fts WHERE items_fts MATCH 'zebrafish'`)
        .pluck()
        .get(),
    ).toBe(61);
    expect(tagCounts(lib)).toEqual(trueCounts(lib));
    expect(tagCounts(lib)).toContainEqual({ name: 'shared', live_count: 60 });
    expect(triggers(lib)).toEqual(before);
    // the restored triggers index later inserts again
    const id = insertItem(lib.db, { type: 'book', title: 'Later quokka' });
    tag(lib, id, 'shared');
    expect(
      lib.db.prepare(`SELECT rowid FROM items_fts WHERE items_fts MATCH 'quokka'`).pluck().all(),
    ).toEqual([id]);
    expect(tagCounts(lib)).toContainEqual({ name: 'shared', live_count: 61 });
  });

  it('keeps FTS and counts in sync on merge and on a second import with key collisions', () => {
    const lib = fresh();
    importText(lib, entry(1) + entry(2), { fileName: 'a.bib', onDuplicate: 'import' });
    const r = importText(lib, entry(1) + entry(2) + entry(3), {
      fileName: 'b.bib',
      onDuplicate: 'merge',
    });
    expect(r.imported).toBe(1);
    const r2 = importText(lib, entry(1, 'ids = {KEY2, other1}'), {
      fileName: 'c.bib',
      onDuplicate: 'import',
    });
    expect(r2.imported).toBe(1);
    // key1 and key2 are taken (case-insensitively), so the new item gets a suffix and only the
    // unused alias is kept
    const keys = lib.db.prepare('SELECT citation_key FROM items ORDER BY id').pluck().all();
    expect(keys).toEqual(['key1', 'key2', 'key3', 'key1a']);
    expect(lib.db.prepare('SELECT alias FROM citation_key_aliases').pluck().all()).toEqual([
      'other1',
    ]);
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    expect(tagCounts(lib)).toEqual(trueCounts(lib));
  });

  it('rolls everything back, triggers included, when the import fails', () => {
    const lib = fresh();
    const before = triggers(lib);
    lib.db.exec(
      `CREATE TEMP TRIGGER fail_import AFTER INSERT ON main.citation_key_aliases BEGIN SELECT RAISE(ABORT, 'boom'); END`,
    );
    // the failing alias insert only rolls back its own record; the rest imports
    const r = importText(lib, entry(1, 'ids = {old1}') + entry(2), {
      fileName: 'a.bib',
      onDuplicate: 'import',
    });
    expect(r.imported).toBe(1);
    expect(r.skipped).toBe(1);
    expect(r.problems.map((p) => p.reason)).toEqual(['could not store the entry: boom']);
    // the rolled-back record's key is free again for a later record
    const r2 = importText(lib, entry(1), { fileName: 'b.bib', onDuplicate: 'import' });
    expect(r2.imported).toBe(1);
    expect(lib.db.prepare('SELECT citation_key FROM items ORDER BY id').pluck().all()).toEqual([
      'key2',
      'key1',
    ]);
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    expect(tagCounts(lib)).toEqual(trueCounts(lib));
    lib.db.exec('DROP TRIGGER temp.fail_import');
    expect(triggers(lib)).toEqual(before);
  });

  it('stores records in batches yet rolls back only the one bad record, with the same report', () => {
    const lib = fresh();
    const existing = importText(lib, entry(5), { fileName: 'old.bib', onDuplicate: 'import' });
    const n = RECORD_BATCH * 2 + 17;
    const bad = RECORD_BATCH + 123; // in the second batch, after a duplicate in the same batch
    const dup = RECORD_BATCH + 7;
    lib.db.exec(
      `CREATE TEMP TRIGGER fail_one AFTER INSERT ON main.citation_key_aliases WHEN new.alias = 'old${bad}' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
    );
    const text = Array.from({ length: n }, (_, i) =>
      i === bad ? entry(i, `ids = {old${i}}`) : i === dup ? entry(5) : entry(i),
    ).join('\n');
    const r = importText(lib, text, { fileName: 'a.bib', onDuplicate: 'merge' });
    lib.db.exec('DROP TRIGGER temp.fail_one');
    // entry 5 twice: both merged into the existing item; the bad one skipped; the rest new
    expect(r.imported).toBe(n - 3);
    expect(r.skipped).toBe(1);
    expect(r.problems.map((p) => p.reason)).toEqual(['could not store the entry: boom']);
    expect(r.duplicates.map((d) => d.existingId)).toEqual([
      existing.itemIds[0],
      existing.itemIds[0],
    ]);
    const keys = lib.db.prepare('SELECT citation_key FROM items ORDER BY id').pluck().all();
    const want = [
      'key5',
      ...Array.from({ length: n }, (_, i) => i)
        .filter((i) => i !== 5 && i !== dup && i !== bad)
        .map((i) => `key${i}`),
    ];
    expect(keys).toEqual(want);
    // ids in file order, the merged item where its duplicates stood
    expect(r.itemIds).toHaveLength(n - 1);
    expect(new Set(r.itemIds).size).toBe(n - 2);
    expect(lib.db.prepare('SELECT count(*) FROM citation_key_aliases').pluck().get()).toBe(0);
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    expect(tagCounts(lib)).toEqual(trueCounts(lib));
    // the rolled-back record's key is free again
    const again = importText(lib, entry(bad), { fileName: 'b.bib', onDuplicate: 'import' });
    expect(
      lib.db.prepare('SELECT citation_key FROM items WHERE id = ?').pluck().get(again.itemIds[0]),
    ).toBe(`key${bad}`);
  });

  it('fills items_fts with a bigger term buffer and puts the setting back as it was', () => {
    const lib = fresh();
    const config = () =>
      lib.db.prepare('SELECT k, v FROM items_fts_config ORDER BY k').all() as {
        k: string;
        v: unknown;
      }[];
    const before = config();
    expect(before.map((r) => r.k)).not.toContain('hashsize'); // the default is in force
    importText(lib, entry(1) + entry(2), { fileName: 'a.bib', onDuplicate: 'import' });
    // FTS5's default, now written down (its config table cannot be edited directly)
    expect(config()).toEqual([{ k: 'hashsize', v: FTS5_DEFAULT_HASHSIZE }, ...before]);
    // a library where someone chose a value keeps that value
    lib.db.exec(`INSERT INTO items_fts (items_fts, rank) VALUES ('hashsize', 2000000)`);
    const chosen = config();
    expect(chosen).toContainEqual({ k: 'hashsize', v: 2000000 });
    importText(lib, entry(3), { fileName: 'b.bib', onDuplicate: 'import' });
    expect(config()).toEqual(chosen);
    expect(actualFts(lib)).toEqual(expectedFts(lib));
    expect(lib.db.prepare(`SELECT count(*) FROM items_fts('zebrafish')`).pluck().get()).toBe(3);
  });

  describe('index rebuild on a large import', () => {
    const big = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => entry(from + i)).join('\n');

    it('rebuilds only when the import is large next to the library', () => {
      expect(shouldRebuildIndexes(MIN_REBUILD_RECORDS - 1, 0)).toBe(false);
      expect(shouldRebuildIndexes(MIN_REBUILD_RECORDS, 0)).toBe(true);
      expect(shouldRebuildIndexes(5000, 10000)).toBe(true);
      expect(shouldRebuildIndexes(5000, 10001)).toBe(false);
    });

    it('recreates every index identically and consistently, used by the same plans', () => {
      const lib = fresh();
      const before = indexes(lib);
      const beforeTriggers = triggers(lib);
      const id0 = insertItem(lib.db, { type: 'article', title: 'Existing zebrafish' });
      tag(lib, id0, 'shared');
      const r = importText(lib, big(MIN_REBUILD_RECORDS + 10), {
        fileName: 'big.bib',
        onDuplicate: 'import',
      });
      expect(r.imported).toBe(MIN_REBUILD_RECORDS + 10);
      expect(indexes(lib)).toEqual(before);
      expect(triggers(lib)).toEqual(beforeTriggers);
      // every index holds exactly the rows of its table
      expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const plan = (sql: string) =>
        lib.db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all()
          .map((p) => (p as { detail: string }).detail)
          .join('; ');
      expect(
        plan(
          'SELECT id FROM items WHERE deleted_at IS NULL ORDER BY title COLLATE NOCASE, id LIMIT 5',
        ),
      ).toContain('items_live_title');
      expect(plan(`SELECT item_id FROM creators WHERE family = 'Smith' COLLATE NOCASE`)).toContain(
        'creators_family',
      );
      expect(plan('SELECT item_id FROM item_tags WHERE tag_id = 1')).toContain('item_tags_tag');
      // the rebuilt indexes answer like a table scan
      const byIndex = lib.db.prepare(`SELECT id FROM items WHERE doi = '10.1/x7'`).pluck().all();
      const byScan = lib.db
        .prepare(`SELECT id FROM items NOT INDEXED WHERE doi = '10.1/x7'`)
        .pluck()
        .all();
      expect(byIndex).toEqual(byScan);
      expect(byIndex).toHaveLength(1);
      expect(actualFts(lib)).toEqual(expectedFts(lib));
      expect(tagCounts(lib)).toEqual(trueCounts(lib));
      expect(tagCounts(lib)).toContainEqual({
        name: 'shared',
        live_count: MIN_REBUILD_RECORDS + 11,
      });
    });

    it('leaves the schema and the library intact when a large import is rolled back', () => {
      const lib = fresh();
      importText(lib, entry(900000), { fileName: 'one.bib', onDuplicate: 'import' });
      const before = indexes(lib);
      const beforeTriggers = triggers(lib);
      const items = lib.db.prepare('SELECT * FROM items ORDER BY id').all();
      // RAISE(ROLLBACK) ends the whole transaction mid-import: the import must stop and throw
      lib.db.exec(
        `CREATE TEMP TRIGGER fail_import AFTER INSERT ON main.citation_key_aliases BEGIN SELECT RAISE(ROLLBACK, 'disk gone'); END`,
      );
      const text = big(MIN_REBUILD_RECORDS) + entry(MIN_REBUILD_RECORDS, 'ids = {old}');
      expect(() => importText(lib, text, { fileName: 'big.bib', onDuplicate: 'import' })).toThrow(
        'disk gone',
      );
      lib.db.exec('DROP TRIGGER temp.fail_import');
      expect(lib.db.inTransaction).toBe(false);
      expect(indexes(lib)).toEqual(before);
      expect(triggers(lib)).toEqual(beforeTriggers);
      expect(lib.db.prepare('SELECT * FROM items ORDER BY id').all()).toEqual(items);
      expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
      // and the library still imports normally afterwards
      const r = importText(lib, big(MIN_REBUILD_RECORDS), {
        fileName: 'big.bib',
        onDuplicate: 'import',
      });
      expect(r.imported).toBe(MIN_REBUILD_RECORDS);
      expect(indexes(lib)).toEqual(before);
      expect(actualFts(lib)).toEqual(expectedFts(lib));
    });
  });
});
