import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Creator } from '../../../shared/domain/item';
import { parseTypedName } from '../../../shared/domain/names';
import { tempLibrary } from '../../test-support/temp-library';
import { AppError } from '../errors';
import type { Library } from '../library';
import { createCollection } from '../organise/collections';
import { setItemTags } from '../organise/tags';
import { indexOfItem, itemCounts, listItems } from './list';
import { getItem, insertItem, purgeItems, restoreItems, trashItems, updateItem } from './repo';

let lib: Library;
let cleanup: () => void;
beforeEach(() => ({ lib, cleanup } = tempLibrary()));
afterEach(() => cleanup());

const authors = (...names: string[]): Creator[] => names.map((n) => parseTypedName(n));

function create(title: string, more: Partial<Parameters<typeof insertItem>[1]> = {}): number {
  return lib.write(() => insertItem(lib.db, { type: 'article', title, ...more }));
}

function ftsIds(query: string): number[] {
  return lib.db
    .prepare<[string], number>('SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid')
    .pluck()
    .all(query);
}

describe('items', () => {
  it('creates an item with every part and reads it back', () => {
    const id = create('Attention Is All You Need', {
      creators: authors('Vaswani, Ashish', 'Noam Shazeer', '{Google Brain}'),
      date: '2017-06-12',
      venue: 'NeurIPS',
      doi: '10.48550/arXiv.1706.03762',
      url: 'https://arxiv.org/abs/1706.03762',
      abstract: 'Transformers.',
      fields: { eprinttype: 'arxiv', 'x-custom-field': 'kept {verbatim}' },
    });
    const item = getItem(lib.db, id);
    expect(item).toMatchObject({
      type: 'article',
      citationKey: 'vaswani2017attention',
      title: 'Attention Is All You Need',
      date: '2017-06-12',
      year: 2017,
      venue: 'NeurIPS',
      fields: { eprinttype: 'arxiv', 'x-custom-field': 'kept {verbatim}' },
      readState: 'unread',
      deletedAt: null,
    });
    expect(item.creators.map((c) => [c.family, c.given, c.literal])).toEqual([
      ['Vaswani', 'Ashish', ''],
      ['Shazeer', 'Noam', ''],
      ['', '', 'Google Brain'],
    ]);
  });

  it('generates unique citation keys with a/b suffixes and keeps given keys', () => {
    const a = create('Deep Learning', { creators: authors('LeCun, Yann'), date: '2015' });
    const b = create('Deep learning again', { creators: authors('LeCun, Y.'), date: '2015' });
    const c = create('Something', { citationKey: 'MyOwnKey' });
    const d = create('Other', { citationKey: 'myownkey' });
    expect([a, b, c, d].map((id) => getItem(lib.db, id).citationKey)).toEqual([
      'lecun2015deep',
      'lecun2015deepa',
      'MyOwnKey',
      'myownkeya',
    ]);
  });

  it('never changes the citation key when fields change', () => {
    const id = create('Old title', { creators: authors('Knuth, Donald'), date: '1984' });
    lib.write(() =>
      updateItem(lib.db, id, {
        title: 'New title',
        date: '1999',
        creators: authors('Lamport, Leslie'),
      }),
    );
    expect(getItem(lib.db, id).citationKey).toBe('knuth1984old');
  });

  it('updates only the named parts and bumps date modified', async () => {
    const id = create('T', { venue: 'V', abstract: 'A' });
    const before = getItem(lib.db, id);
    await new Promise((r) => setTimeout(r, 5));
    lib.write(() =>
      updateItem(lib.db, id, { venue: 'W', rating: 4, starred: true, readState: 'read' }),
    );
    const after = getItem(lib.db, id);
    expect(after).toMatchObject({
      title: 'T',
      venue: 'W',
      abstract: 'A',
      rating: 4,
      starred: true,
      readState: 'read',
    });
    expect(after.dateModified > before.dateModified).toBe(true);
    expect(lib.write(() => updateItem(lib.db, id, {}))).toBe(false);
    expect(() => updateItem(lib.db, 9999, { title: 'x' })).toThrow(AppError);
  });

  it('moves items to the trash, restores them, and purges only trashed ones', () => {
    const a = create('A');
    const b = create('B');
    expect(lib.write(() => trashItems(lib.db, [a]))).toBe(1);
    expect(itemCounts(lib.db)).toEqual({ library: 1, unfiled: 1, trash: 1 });
    expect(getItem(lib.db, a).deletedAt).not.toBeNull();
    expect(lib.write(() => restoreItems(lib.db, [a]))).toBe(1);
    expect(getItem(lib.db, a).deletedAt).toBeNull();
    expect(() => lib.write(() => purgeItems(lib.db, [b]))).toThrow(/not in the trash/);
    expect(getItem(lib.db, b).title).toBe('B');
    lib.write(() => trashItems(lib.db, [b]));
    expect(lib.write(() => purgeItems(lib.db, [b]))).toBe(1);
    expect(() => getItem(lib.db, b)).toThrow(/does not exist/);
    expect(itemCounts(lib.db)).toEqual({ library: 1, unfiled: 1, trash: 0 });
  });

  it('keeps the full-text index in sync with inserts, updates and deletes', () => {
    const id = create('Quantum entanglement', {
      creators: authors('Müller, Jürgen'),
      abstract: 'photons',
    });
    expect(ftsIds('quantum')).toEqual([id]);
    expect(ftsIds('muller')).toEqual([id]); // diacritics folded
    expect(ftsIds('photons')).toEqual([id]);
    lib.write(() =>
      updateItem(lib.db, id, { title: 'Classical mechanics', creators: authors('Newton, Isaac') }),
    );
    expect(ftsIds('quantum')).toEqual([]);
    expect(ftsIds('muller')).toEqual([]);
    expect(ftsIds('classical')).toEqual([id]);
    expect(ftsIds('newton')).toEqual([id]);
    lib.write(() => updateItem(lib.db, id, { fields: { keywords: 'gravitation' } }));
    expect(ftsIds('gravitation')).toEqual([id]);
    lib.write(() => trashItems(lib.db, [id]));
    lib.write(() => purgeItems(lib.db, [id]));
    expect(ftsIds('classical')).toEqual([]);
    expect(lib.db.prepare('SELECT count(*) FROM items_fts').pluck().get()).toBe(0);
  });

  it('lists views sorted and paged, with search and the index of an item', () => {
    const ids = ['Gamma', 'alpha', 'Beta', 'delta'].map((t, i) =>
      create(t, { date: String(2000 + i) }),
    );
    const sort = { column: 'title' as const, direction: 'asc' as const };
    const all = listItems(lib.db, { view: { kind: 'library' }, sort, search: '' }, 0, 10);
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.title)).toEqual(['alpha', 'Beta', 'delta', 'Gamma']);
    const page2 = listItems(
      lib.db,
      { view: { kind: 'library' }, sort: { ...sort, direction: 'desc' }, search: '' },
      2,
      2,
    );
    expect(page2.rows.map((r) => r.title)).toEqual(['Beta', 'alpha']);
    expect(
      listItems(lib.db, { view: { kind: 'library' }, sort, search: 'bet' }, 0, 10).rows.map(
        (r) => r.title,
      ),
    ).toEqual(['Beta']);
    expect(indexOfItem(lib.db, { view: { kind: 'library' }, sort, search: '' }, ids[0]!)).toBe(3);

    const col = lib.write(() => createCollection(lib.db, 'Reading list', null));
    lib.db
      .prepare('INSERT INTO collection_items (collection_id, item_id) VALUES (?, ?)')
      .run(col.id, ids[1]);
    expect(
      listItems(
        lib.db,
        { view: { kind: 'collection', id: col.id }, sort, search: '' },
        0,
        10,
      ).rows.map((r) => r.title),
    ).toEqual(['alpha']);
    expect(listItems(lib.db, { view: { kind: 'unfiled' }, sort, search: '' }, 0, 10).total).toBe(3);

    lib.write(() => setItemTags(lib.db, ids[2]!, ['ml/retrieval']));
    lib.write(() => setItemTags(lib.db, ids[3]!, ['ml']));
    lib.write(() => setItemTags(lib.db, ids[0]!, ['mlops']));
    // a parent tag includes its children, and only them
    expect(
      listItems(lib.db, { view: { kind: 'tag', name: 'ml' }, sort, search: '' }, 0, 10).rows.map(
        (r) => r.title,
      ),
    ).toEqual(['Beta', 'delta']);
  });

  it('rejects a type or rating the schema does not allow, changing nothing', () => {
    const id = create('X');
    expect(() => lib.write(() => updateItem(lib.db, id, { rating: 9 }))).toThrow();
    expect(getItem(lib.db, id).rating).toBe(0);
  });
});
