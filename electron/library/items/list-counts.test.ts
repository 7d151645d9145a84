// The item list's cached counts (live, trash, unfiled, each view's total) are computed once per
// change and kept apart, so that a write makes the list recount only what it needs. Whatever
// sequence of writes happens, each must equal a plain count of the rows, read right after.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemView } from '../../../shared/domain/library';
import { tempLibrary } from '../../test-support/temp-library';
import type { Library } from '../library';
import { addToCollection, createCollection, removeFromCollection } from '../organise/collections';
import { setItemTags, updateTag } from '../organise/tags';
import { countItems, itemCounts, listItems } from './list';
import { insertItem, purgeItems, restoreItems, trashItems, updateItem } from './repo';

let lib: Library;
let cleanup: () => void;
beforeEach(() => ({ lib, cleanup } = tempLibrary()));
afterEach(() => cleanup());

function reference(collection: number): Record<string, number> {
  const n = (sql: string, ...p: unknown[]) =>
    lib.db
      .prepare<unknown[], number>(sql)
      .pluck()
      .get(...p)!;
  return {
    library: n('SELECT count(*) FROM items WHERE deleted_at IS NULL'),
    trash: n('SELECT count(*) FROM items WHERE deleted_at IS NOT NULL'),
    unfiled: n(
      `SELECT count(*) FROM items i WHERE deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM collection_items c WHERE c.item_id = i.id)`,
    ),
    collection: n(
      `SELECT count(*) FROM items i JOIN collection_items c ON c.item_id = i.id
       WHERE i.deleted_at IS NULL AND c.collection_id = ?`,
      collection,
    ),
  };
}

function measured(collection: number): Record<string, number> {
  const total = (view: ItemView) => listItems(lib.db, { view, search: '' }, 0, 5).total;
  const c = itemCounts(lib.db);
  return {
    library: total({ kind: 'library' }),
    trash: total({ kind: 'trash' }),
    unfiled: total({ kind: 'unfiled' }),
    collection: countItems(lib.db, { view: { kind: 'collection', id: collection }, search: '' }),
    sidebarLibrary: c.library,
    sidebarTrash: c.trash,
    sidebarUnfiled: c.unfiled,
  };
}

describe('cached item counts', () => {
  it('follow random inserts, edits, trashing, restoring, purging and filing', () => {
    let s = 777;
    const r = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const col = lib.write(() => createCollection(lib.db, 'C', null).id);
    const ids: number[] = [];
    let steps = 0;
    for (let i = 0; i < 400; i++) {
      const pick = () => ids[Math.floor(r() * ids.length)];
      const x = r();
      const id = pick();
      if (x < 0.35 || id === undefined) {
        ids.push(lib.write(() => insertItem(lib.db, { type: 'article', title: `t${i}` })));
      } else if (x < 0.45) {
        lib.write(() => updateItem(lib.db, id, { title: `edited ${i}` }));
      } else if (x < 0.6) {
        lib.write(() => trashItems(lib.db, [id]));
      } else if (x < 0.7) {
        lib.write(() => restoreItems(lib.db, [id]));
      } else if (x < 0.8) {
        lib.write(() => addToCollection(lib.db, col, [id]));
      } else if (x < 0.88) {
        lib.write(() => removeFromCollection(lib.db, col, [id]));
      } else if (x < 0.9) {
        // a merge of duplicates deletes the merged live item outright
        lib.write(() => lib.db.prepare('DELETE FROM items WHERE id = ?').run(id));
        ids.splice(ids.indexOf(id), 1);
      } else if (x < 0.93) {
        // only trashed items can be purged
        lib.write(() => {
          trashItems(lib.db, [id]);
          purgeItems(lib.db, [id]);
        });
        ids.splice(ids.indexOf(id), 1);
      } else {
        // a write that rolls back must leave every cached count as it was
        expect(() =>
          lib.write(() => {
            insertItem(lib.db, { type: 'book', title: 'rolled back' });
            trashItems(lib.db, [id]);
            // read inside the transaction: never cached, but must see the transaction's rows
            expect(itemCounts(lib.db).library).toBe(reference(col).library);
            throw new Error('roll back');
          }),
        ).toThrow('roll back');
      }
      // read sometimes only one count, sometimes all, so that some stay cached across writes
      const want = reference(col);
      const got = measured(col);
      expect(
        {
          library: got.library,
          trash: got.trash,
          unfiled: got.unfiled,
          collection: got.collection,
        },
        `step ${i}`,
      ).toEqual(want);
      expect(
        { library: got.sidebarLibrary, trash: got.sidebarTrash, unfiled: got.sidebarUnfiled },
        `step ${i}`,
      ).toEqual({ library: want.library, trash: want.trash, unfiled: want.unfiled });
      steps++;
    }
    expect(steps).toBe(400);
  });

  it('follow a commit made by another connection', () => {
    lib.write(() => insertItem(lib.db, { type: 'article', title: 'one' }));
    const before = itemCounts(lib.db);
    const other = new (lib.db.constructor as new (f: string) => typeof lib.db)(lib.db.name);
    try {
      other
        .prepare(
          `INSERT INTO items (type, citation_key, title, date_added, date_modified)
           VALUES ('book', 'other2024', 'from elsewhere', '2024', '2024')`,
        )
        .run();
    } finally {
      other.close();
    }
    expect(itemCounts(lib.db)).toEqual({
      library: before.library + 1,
      trash: before.trash,
      unfiled: before.unfiled + 1,
    });
    expect(listItems(lib.db, { view: { kind: 'library' }, search: '' }, 0, 5).total).toBe(
      before.library + 1,
    );
  });

  it('show colour dots as soon as a tag has a colour, and none once no tag has', () => {
    const [a, b] = lib.write(() => [
      insertItem(lib.db, { type: 'article', title: 'a' }),
      insertItem(lib.db, { type: 'article', title: 'b' }),
    ]);
    lib.write(() => setItemTags(lib.db, a!, ['red', 'plain']));
    const q = { view: { kind: 'library' as const }, search: '' };
    const dots = () =>
      Object.fromEntries(listItems(lib.db, q, 0, 10).rows.map((r) => [r.id, r.colorTags]));
    expect(dots()).toEqual({ [a!]: [], [b!]: [] });
    const red = lib.db.prepare<[], number>(`SELECT id FROM tags WHERE name = 'red'`).pluck().get()!;
    lib.write(() => updateTag(lib.db, red, { color: '#ff0000' }));
    expect(dots()).toEqual({ [a!]: [{ name: 'red', color: '#ff0000' }], [b!]: [] });
    // inside a transaction nothing is cached: a colour given there shows there
    expect(() =>
      lib.write(() => {
        updateTag(lib.db, red, { color: null });
        expect(dots()).toEqual({ [a!]: [], [b!]: [] });
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(dots()).toEqual({ [a!]: [{ name: 'red', color: '#ff0000' }], [b!]: [] });
    lib.write(() => updateTag(lib.db, red, { color: null }));
    expect(dots()).toEqual({ [a!]: [], [b!]: [] });
  });
});
