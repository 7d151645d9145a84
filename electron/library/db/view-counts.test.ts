// Tag and collection counts are kept by triggers (migration 70); whatever writes the links or
// trashes, restores or deletes items, they must equal a fresh count.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempLibrary } from '../../test-support/temp-library';
import type { Library } from '../library';
import { insertItem, purgeItems, restoreItems, trashItems } from '../items/repo';
import { createCollection, listCollections } from '../organise/collections';
import { listTags, setItemTags } from '../organise/tags';

let lib: Library;
let cleanup: () => void;
beforeEach(() => ({ lib, cleanup } = tempLibrary()));
afterEach(() => cleanup());

function expectCountsFresh(): void {
  const tags = lib.db
    .prepare<[], { name: string; n: number }>(
      `SELECT t.name, (SELECT count(*) FROM item_tags it JOIN items i ON i.id = it.item_id
         WHERE it.tag_id = t.id AND i.deleted_at IS NULL) AS n FROM tags t`,
    )
    .all();
  const listed = new Map(listTags(lib.db).map((t) => [t.name, t.itemCount]));
  for (const t of tags) expect(listed.get(t.name), `tag ${t.name}`).toBe(t.n);
  const cols = lib.db
    .prepare<[], { id: number; n: number }>(
      `SELECT c.id, (SELECT count(*) FROM collection_items ci JOIN items i ON i.id = ci.item_id
         WHERE ci.collection_id = c.id AND i.deleted_at IS NULL) AS n FROM collections c`,
    )
    .all();
  const listedC = new Map(listCollections(lib.db).map((c) => [c.id, c.itemCount]));
  for (const c of cols) expect(listedC.get(c.id), `collection ${c.id}`).toBe(c.n);
}

describe('tag and collection counts', () => {
  it('follow tagging, filing, trash, restore, purge, outright deletes and relinks', () => {
    const [a, b, c, d] = lib.write(() =>
      ['A', 'B', 'C', 'D'].map((t) => insertItem(lib.db, { type: 'article', title: t })),
    ) as [number, number, number, number];
    const [x, y] = lib.write(() => ['X', 'Y'].map((n) => createCollection(lib.db, n, null).id)) as [
      number,
      number,
    ];
    const file = lib.db.prepare(
      'INSERT INTO collection_items (collection_id, item_id) VALUES (?, ?)',
    );
    lib.write(() => {
      setItemTags(lib.db, a, ['ml', 'nlp']);
      setItemTags(lib.db, b, ['ml']);
      setItemTags(lib.db, c, ['ml', 'vision']);
      setItemTags(lib.db, d, ['nlp']);
      for (const id of [a, b, c]) file.run(x, id);
      file.run(y, d);
    });
    expect(listTags(lib.db).find((t) => t.name === 'ml')?.itemCount).toBe(3);
    expectCountsFresh();

    lib.write(() => trashItems(lib.db, [a, d]));
    expect(listTags(lib.db).find((t) => t.name === 'ml')?.itemCount).toBe(2);
    expect(listCollections(lib.db).find((k) => k.id === y)?.itemCount).toBe(0);
    expectCountsFresh();
    lib.write(() => setItemTags(lib.db, a, ['vision'])); // retagging a trashed item
    expectCountsFresh();
    lib.write(() => restoreItems(lib.db, [a]));
    expectCountsFresh();
    lib.write(() => purgeItems(lib.db, [d]));
    expectCountsFresh();
    // a live item deleted outright (as a duplicate merge might): its links go by cascade
    lib.write(() => lib.db.prepare('DELETE FROM items WHERE id = ?').run(b));
    expect(listTags(lib.db).find((t) => t.name === 'ml')?.itemCount).toBe(1);
    expectCountsFresh();
    // links moved by UPDATE (a tag merge) and removed directly
    lib.write(() => {
      const nlp = lib.db
        .prepare<[], number>(`SELECT id FROM tags WHERE name = 'nlp'`)
        .pluck()
        .get()!;
      const ml = lib.db.prepare<[], number>(`SELECT id FROM tags WHERE name = 'ml'`).pluck().get()!;
      lib.db.prepare('UPDATE item_tags SET tag_id = ? WHERE tag_id = ?').run(nlp, ml);
      lib.db
        .prepare('UPDATE collection_items SET collection_id = ? WHERE collection_id = ?')
        .run(y, x);
    });
    expectCountsFresh();
    lib.write(() => lib.db.prepare('DELETE FROM collection_items WHERE item_id = ?').run(c));
    expectCountsFresh();
    lib.write(() => lib.db.prepare('DELETE FROM collections WHERE id = ?').run(y));
    expectCountsFresh();
  });
});
