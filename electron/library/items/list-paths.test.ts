// The item list's fast paths (cached statements and counts, "set size minus trashed members",
// walking a sort index for big views, indexOf by counting) must give exactly what a plain
// query gives, for every view, search and sort.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SORT_COLUMNS } from '../../../shared/domain/item';
import type { ItemView } from '../../../shared/domain/library';
import { tempLibrary } from '../../test-support/temp-library';
import type { Library } from '../library';
import { createCollection } from '../organise/collections';
import { setItemTags } from '../organise/tags';
import { compileQuery } from '../search/compile';
import { ensureSearchFunctions } from '../search/functions';
import { parseQuery } from '../search/parse';
import { createSaved } from '../search/saved';
import {
  type ListQuery,
  type ListSortColumn,
  countItems,
  explainList,
  indexOfItem,
  itemCounts,
  listIds,
  listItems,
} from './list';
import { insertItem, trashItems } from './repo';

let lib: Library;
let cleanup: () => void;
beforeEach(() => ({ lib, cleanup } = tempLibrary()));
afterEach(() => cleanup());

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'alpine', 'betamax', 'graph', 'gradient'];

/** A seeded library: 300 items, some trashed, starred, tagged (with a hierarchy), in collections. */
function build(): { collections: number[]; saved: number } {
  let s = 12345;
  const r = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const collections = lib.write(() =>
    ['Big', 'Small'].map((n) => createCollection(lib.db, n, null).id),
  );
  const saved = lib.write(() => createSaved(lib.db, 'Alp', 'alp'));
  lib.write(() => {
    const link = lib.db.prepare(
      'INSERT INTO collection_items (collection_id, item_id) VALUES (?, ?)',
    );
    const attach = lib.db.prepare(
      `INSERT INTO attachments (item_id, kind, path, date_added) VALUES (?, 'linked', ?, '2024')`,
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
      if (r() < 0.2) lib.db.prepare('UPDATE items SET starred = 1 WHERE id = ?').run(id);
      if (r() < 0.5) link.run(collections[0], id);
      if (r() < 0.01) link.run(collections[1], id);
      const tags = [];
      if (r() < 0.4) tags.push('ml');
      if (r() < 0.3) tags.push('ml/retrieval');
      if (r() < 0.02) tags.push('rare');
      if (tags.length) setItemTags(lib.db, id, tags);
      for (let k = 0; k < 3; k++) if (r() < 0.15) attach.run(id, `/papers/${id}-${k}.pdf`);
      if (r() < 0.1) trashItems(lib.db, [id]);
    }
  });
  return { collections, saved };
}

/** Ids a search matches, trashed ones included, straight from the compiled query. */
function matching(search: string): string {
  const parsed = parseQuery(search);
  if (!parsed.ok || !parsed.node) throw new Error(`not a query: ${search}`);
  ensureSearchFunctions(lib.db);
  const c = compileQuery(parsed.node, { fullText: true });
  const ids = lib.db
    .prepare<unknown[], number>(`SELECT i.id FROM items i WHERE ${c.where}`)
    .pluck()
    .all(...c.params);
  return `(${ids.join(',') || 'NULL'})`;
}

const TAG = `i.id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id
             WHERE t.name = ? OR t.name LIKE ?)`;

/** The plain, obviously right query: every id in the view, in order. */
function reference(q: ListQuery, saved: number): number[] {
  const where: string[] = [
    q.view.kind === 'trash' ? 'i.deleted_at IS NOT NULL' : 'i.deleted_at IS NULL',
  ];
  const params: unknown[] = [];
  const v = q.view;
  if (v.kind === 'unfiled') where.push('i.id NOT IN (SELECT item_id FROM collection_items)');
  if (v.kind === 'starred') where.push('i.starred = 1');
  if (v.kind === 'unread') where.push(`i.read_state = 'unread'`);
  if (v.kind === 'saved') where.push(`i.id IN ${matching(v.id === saved ? 'alp' : '')}`);
  if (v.kind === 'collection') {
    where.push('i.id IN (SELECT item_id FROM collection_items WHERE collection_id = ?)');
    params.push(v.id);
  }
  for (const name of [...(v.kind === 'tag' ? [v.name] : []), ...(q.tags ?? [])]) {
    where.push(TAG);
    params.push(name, `${name}/%`);
  }
  if (q.search) where.push(`i.id IN ${matching(q.search)}`);
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
  const sort = q.sort ?? { column: 'relevance', direction: 'asc' };
  // newest first when there is nothing to rank by
  const order =
    sort.column === 'relevance'
      ? 'i.date_added DESC, i.id DESC'
      : `${col[sort.column]} ${sort.direction}, i.id ${sort.direction}`;
  return lib.db
    .prepare<unknown[], number>(
      `SELECT i.id FROM items i WHERE ${where.join(' AND ')} ORDER BY ${order}`,
    )
    .pluck()
    .all(...params);
}

describe('item list fast paths', () => {
  it('pages, counts and locates items exactly as a plain query does, for every view and sort', () => {
    const { collections, saved } = build();
    const views: ItemView[] = [
      { kind: 'library' },
      { kind: 'trash' },
      { kind: 'unfiled' },
      { kind: 'starred' },
      { kind: 'unread' },
      { kind: 'saved', id: saved },
      { kind: 'collection', id: collections[0]! },
      { kind: 'collection', id: collections[1]! },
      { kind: 'tag', name: 'ml' },
      { kind: 'tag', name: 'rare' },
    ];
    const columns: ListSortColumn[] = [...SORT_COLUMNS, 'relevance'];
    let checked = 0;
    for (const view of views) {
      for (const tags of [undefined, ['ml/retrieval']]) {
        for (const search of ['', 'alp', 'gradient', 'b']) {
          for (const column of columns) {
            for (const direction of ['asc', 'desc'] as const) {
              const q: ListQuery = { view, search, tags, sort: { column, direction } };
              const label = JSON.stringify(q);
              // ranked results have no plain order to compare with: the unranked set must match
              const ranked = column === 'relevance' && search !== '';
              const want = ranked
                ? listIds(lib.db, q)
                : reference({ ...q, sort: { column, direction } }, saved);
              if (ranked) {
                expect(
                  [...want].sort((a, b) => a - b),
                  label,
                ).toEqual(reference(q, saved).sort((a, b) => a - b));
              }
              const page = listItems(lib.db, q, 0, 1000);
              expect(page.total, label).toBe(want.length);
              expect(countItems(lib.db, q), label).toBe(want.length);
              expect(
                page.rows.map((r) => r.id),
                label,
              ).toEqual(want);
              expect(listItems(lib.db, q, 7, 5).rows.map((r) => r.id)).toEqual(want.slice(7, 12));
              for (const at of [0, Math.floor(want.length / 2), want.length - 1]) {
                if (want[at] === undefined) continue;
                expect(indexOfItem(lib.db, q, want[at]), label).toBe(at);
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(2000);
    // the sidebar's counts agree with the views
    const size = (view: ItemView) => reference({ view, search: '' }, saved).length;
    expect(itemCounts(lib.db)).toEqual({
      library: size({ kind: 'library' }),
      unfiled: size({ kind: 'unfiled' }),
      trash: size({ kind: 'trash' }),
    });
    // an item outside the view has no index
    const trashed = reference({ view: { kind: 'trash' }, search: '' }, saved)[0]!;
    for (const column of ['title', 'attachments', 'relevance'] as const) {
      const q: ListQuery = {
        view: { kind: 'library' },
        search: '',
        sort: { column, direction: 'asc' },
      };
      expect(indexOfItem(lib.db, q, trashed)).toBeNull();
    }
  });

  it('searches several tags as the items every one of them applies to', () => {
    const { saved } = build();
    const sort = { column: 'title', direction: 'asc' } as const;
    for (const [search, tags, words] of [
      ['tag:ml tag:ml/retrieval', ['ml', 'ml/retrieval'], ''],
      ['tag:ml tag:rare', ['ml', 'rare'], ''],
      ['alp tag:ml tag:ml/retrieval', ['ml', 'ml/retrieval'], 'alp'],
      ['tag:ml -tag:rare tag:ml/retrieval', ['ml', 'ml/retrieval'], ''],
    ] as const) {
      let want = reference({ view: { kind: 'library' }, search: words, tags, sort }, saved);
      if (search.includes('-tag:rare')) {
        const rare = new Set(reference({ view: { kind: 'tag', name: 'rare' }, search: '' }, saved));
        want = want.filter((id) => !rare.has(id));
      }
      expect(want.length, search).toBeGreaterThan(0);
      const q: ListQuery = { view: { kind: 'library' }, search, sort };
      expect(
        listItems(lib.db, q, 0, 1000).rows.map((r) => r.id),
        search,
      ).toEqual(want);
      expect(countItems(lib.db, q), search).toBe(want.length);
    }
  });

  it('never serves a stale cached count after a change, nor one from a rolled-back write', () => {
    build();
    const q: ListQuery = {
      view: { kind: 'library' },
      search: 'alp',
      sort: { column: 'title', direction: 'asc' },
    };
    const lib0: ListQuery = { view: { kind: 'library' }, search: '' };
    const before = listItems(lib.db, q, 0, 10).total;
    const all = listItems(lib.db, lib0, 0, 10).total;
    expect(listItems(lib.db, q, 0, 10).total).toBe(before);
    const id = lib.write(() => insertItem(lib.db, { type: 'article', title: 'alpine climbing' }));
    expect(listItems(lib.db, q, 0, 10).total).toBe(before + 1);
    expect(listItems(lib.db, lib0, 0, 10).total).toBe(all + 1);
    const counts = itemCounts(lib.db);
    lib.write(() => trashItems(lib.db, [id]));
    expect(listItems(lib.db, q, 0, 10).total).toBe(before);
    expect(countItems(lib.db, lib0)).toBe(all);
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
        expect(itemCounts(lib.db).library).toBe(counts.library);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(listItems(lib.db, q, 0, 10).total).toBe(before);
    expect(itemCounts(lib.db).library).toBe(counts.library - 1);
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
    // the default order (newest first) walks the date index
    expect(plan({ sort: undefined })).toMatch(/SCAN i USING INDEX items_live_added/);
    // a big collection or tag walks the index and tests membership
    const big = plan({ view: { kind: 'collection', id: collections[0]! } });
    expect(big).toMatch(/SCAN i USING INDEX items_live_title.*LIST SUBQUERY/);
    expect(big).not.toMatch(/TEMP B-TREE/);
    expect(plan({ view: { kind: 'tag', name: 'ml' } })).toMatch(
      /SCAN i USING INDEX items_live_title/,
    );
    // a small set (here after the library grows) is fetched by id and sorted
    lib.write(() => {
      for (let i = 0; i < 3000; i++) insertItem(lib.db, { type: 'misc', title: `filler ${i}` });
    });
    expect(plan({ view: { kind: 'collection', id: collections[1]! } })).toMatch(
      /SEARCH i USING INTEGER PRIMARY KEY/,
    );
  });
});
