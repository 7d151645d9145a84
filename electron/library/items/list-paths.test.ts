// The item list's fast paths (cached counts, "set size minus trashed members", walking a sort
// index for big views, indexOf by counting) must give exactly what a plain query gives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SORT_COLUMNS } from '../../../shared/domain/item';
import type { ItemView } from '../../../shared/domain/library';
import { tempLibrary } from '../../test-support/temp-library';
import type { Library } from '../library';
import { createCollection } from '../organise/collections';
import { setItemTags } from '../organise/tags';
import { type ListQuery, explainList, indexOfItem, itemCounts, listItems } from './list';
import { insertItem, trashItems } from './repo';

let lib: Library;
let cleanup: () => void;
beforeEach(() => ({ lib, cleanup } = tempLibrary()));
afterEach(() => cleanup());

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'alpine', 'betamax', 'graph', 'gradient'];

/** A seeded library: 300 items, some trashed, tagged (with a hierarchy) and in collections. */
function build(): { collections: number[] } {
  let s = 12345;
  const r = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const collections = lib.write(() =>
    ['Big', 'Small'].map((n) => createCollection(lib.db, n, null).id),
  );
  lib.write(() => {
    const link = lib.db.prepare(
      'INSERT INTO collection_items (collection_id, item_id) VALUES (?, ?)',
    );
    for (let i = 0; i < 300; i++) {
      const title = Array.from({ length: 3 }, () => WORDS[Math.floor(r() * WORDS.length)]).join(
        ' ',
      );
      const id = insertItem(lib.db, {
        type: r() < 0.5 ? 'article' : 'book',
        title: r() < 0.1 ? title.toUpperCase() : title,
        date: r() < 0.2 ? '' : String(1990 + Math.floor(r() * 30)),
        venue: WORDS[i % WORDS.length],
        rating: Math.floor(r() * 6),
        readState: r() < 0.3 ? 'read' : 'unread',
      });
      if (r() < 0.5) link.run(collections[0], id);
      if (r() < 0.01) link.run(collections[1], id);
      const tags = [];
      if (r() < 0.4) tags.push('ml');
      if (r() < 0.3) tags.push('ml/retrieval');
      if (r() < 0.02) tags.push('rare');
      if (tags.length) setItemTags(lib.db, id, tags);
      for (let k = 0; k < 3; k++) {
        if (r() < 0.15) {
          lib.db
            .prepare(
              `INSERT INTO attachments (item_id, kind, path, date_added) VALUES (?, 'linked', ?, '2024')`,
            )
            .run(id, `/papers/${id}-${k}.pdf`);
        }
      }
      if (r() < 0.1) trashItems(lib.db, [id]);
    }
  });
  return { collections };
}

/** The plain, obviously right query: every id in the view, in order. */
function reference(q: ListQuery): number[] {
  const where: string[] = [
    q.view.kind === 'trash' ? 'i.deleted_at IS NOT NULL' : 'i.deleted_at IS NULL',
  ];
  const params: unknown[] = [];
  if (q.view.kind === 'unfiled') where.push('i.id NOT IN (SELECT item_id FROM collection_items)');
  if (q.view.kind === 'collection') {
    where.push('i.id IN (SELECT item_id FROM collection_items WHERE collection_id = ?)');
    params.push(q.view.id);
  }
  if (q.view.kind === 'tag') {
    where.push(`i.id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id
                WHERE t.name = ? OR t.name LIKE ?)`);
    params.push(q.view.name, `${q.view.name}/%`);
  }
  if (q.search) {
    where.push('i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)');
    params.push(`"${q.search}"*`);
  }
  const col: Record<string, string> = {
    title: 'i.title COLLATE NOCASE',
    creators: 'i.creators_text COLLATE NOCASE',
    year: 'i.year',
    venue: 'i.venue COLLATE NOCASE',
    type: 'i.type',
    citationKey: 'i.citation_key',
    dateAdded: 'i.date_added',
    dateModified: 'i.date_modified',
    rating: 'i.rating',
    readState: 'i.read_state',
    attachments: '(SELECT count(*) FROM attachments a WHERE a.item_id = i.id)',
  };
  const dir = q.sort.direction === 'desc' ? 'DESC' : 'ASC';
  return lib.db
    .prepare<unknown[], number>(
      `SELECT i.id FROM items i WHERE ${where.join(' AND ')} ORDER BY ${col[q.sort.column]} ${dir}, i.id ${dir}`,
    )
    .pluck()
    .all(...params);
}

describe('item list fast paths', () => {
  it('pages, counts and locates items exactly as a plain query does, for every view and sort', () => {
    const { collections } = build();
    const views: ItemView[] = [
      { kind: 'library' },
      { kind: 'trash' },
      { kind: 'unfiled' },
      { kind: 'collection', id: collections[0]! },
      { kind: 'collection', id: collections[1]! },
      { kind: 'tag', name: 'ml' },
      { kind: 'tag', name: 'rare' },
    ];
    let checked = 0;
    for (const view of views) {
      for (const search of ['', 'alp', 'gradient', 'b']) {
        for (const column of SORT_COLUMNS) {
          for (const direction of ['asc', 'desc'] as const) {
            const q: ListQuery = { view, search, sort: { column, direction } };
            const want = reference(q);
            const page = listItems(lib.db, q, 0, 1000);
            expect(page.total, JSON.stringify(q)).toBe(want.length);
            expect(
              page.rows.map((r) => r.id),
              JSON.stringify(q),
            ).toEqual(want);
            expect(listItems(lib.db, q, 7, 5).rows.map((r) => r.id)).toEqual(want.slice(7, 12));
            for (const at of [0, Math.floor(want.length / 2), want.length - 1]) {
              if (want[at] === undefined) continue;
              expect(indexOfItem(lib.db, q, want[at]), JSON.stringify(q)).toBe(at);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    // the sidebar's counts agree with the views
    const size = (view: ItemView) =>
      reference({ view, search: '', sort: { column: 'title', direction: 'asc' } }).length;
    expect(itemCounts(lib.db)).toEqual({
      library: size({ kind: 'library' }),
      unfiled: size({ kind: 'unfiled' }),
      trash: size({ kind: 'trash' }),
    });
    // an item outside the view has no index
    const trashed = reference({
      view: { kind: 'trash' },
      search: '',
      sort: { column: 'title', direction: 'asc' },
    })[0]!;
    expect(
      indexOfItem(
        lib.db,
        { view: { kind: 'library' }, search: '', sort: { column: 'title', direction: 'asc' } },
        trashed,
      ),
    ).toBeNull();
  });

  it('never serves a stale cached count after a change, nor one from a rolled-back write', () => {
    build();
    const q: ListQuery = {
      view: { kind: 'library' },
      search: 'alp',
      sort: { column: 'title', direction: 'asc' },
    };
    const before = listItems(lib.db, q, 0, 10).total;
    expect(listItems(lib.db, q, 0, 10).total).toBe(before);
    const id = lib.write(() => insertItem(lib.db, { type: 'article', title: 'alpine climbing' }));
    expect(listItems(lib.db, q, 0, 10).total).toBe(before + 1);
    const counts = itemCounts(lib.db);
    lib.write(() => trashItems(lib.db, [id]));
    expect(listItems(lib.db, q, 0, 10).total).toBe(before);
    expect(itemCounts(lib.db)).toEqual({
      ...counts,
      library: counts.library - 1,
      unfiled: counts.unfiled - 1,
      trash: counts.trash + 1,
    });
    expect(() =>
      lib.write(() => {
        insertItem(lib.db, { type: 'article', title: 'alpine again' });
        expect(listItems(lib.db, q, 0, 10).total).toBe(before + 1);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(listItems(lib.db, q, 0, 10).total).toBe(before);
  });

  it('pages big views by walking the sort index and never sorts the whole library', () => {
    const { collections } = build();
    const plan = (q: Partial<ListQuery>) =>
      explainList(lib.db, {
        view: { kind: 'library' },
        search: '',
        sort: { column: 'title', direction: 'asc' },
        ...q,
      });
    for (const column of [
      'title',
      'creators',
      'year',
      'dateAdded',
      'rating',
      'readState',
    ] as const) {
      const p = plan({ sort: { column, direction: 'desc' } });
      expect(p, column).toMatch(/SCAN i USING INDEX items_live_/);
      expect(p, column).not.toMatch(/TEMP B-TREE/);
    }
    // a big collection and a broad search walk the index and test membership
    expect(plan({ view: { kind: 'collection', id: collections[0]! } })).toMatch(
      /SCAN i USING INDEX items_live_title.*LIST SUBQUERY/,
    );
    expect(plan({ search: 'alp' })).toMatch(/SCAN i USING INDEX items_live_title/);
    // a small set (here after the library grows) is fetched by id and sorted
    lib.write(() => {
      for (let i = 0; i < 3000; i++) insertItem(lib.db, { type: 'misc', title: `filler ${i}` });
    });
    expect(plan({ view: { kind: 'collection', id: collections[1]! } })).toMatch(
      /SEARCH i USING INTEGER PRIMARY KEY/,
    );
  });
});
