import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../library';
import { addItem, person, tempLibrary } from '../testing/fixture-library';
import { call, callError } from '../testing/call';
import { renameInQuery } from './saved-rename';

let lib: Library;
beforeEach(() => {
  lib = tempLibrary();
  addItem(
    lib,
    {
      type: 'article',
      citationKey: 'a2019',
      title: 'Dense retrieval',
      date: '2019',
      creators: [person('Müller')],
    },
    { tags: ['ml/retrieval'] },
  );
  addItem(
    lib,
    { type: 'article', citationKey: 'b2020', title: 'Vision transformers', date: '2020' },
    { tags: ['ml'] },
  );
  addItem(lib, { type: 'book', citationKey: 'c2001', title: 'Old retrieval book', date: '2001' });
});
afterEach(() => lib.close());

async function contents(id: number): Promise<string[]> {
  const page = await call(lib, 'items.list', {
    view: { kind: 'saved', id },
    sort: { column: 'citationKey', direction: 'asc' },
  });
  return page.rows.map((r) => r.citationKey);
}

describe('smart collections', () => {
  it('creates, lists, renames, changes and deletes', async () => {
    const s = await call(lib, 'savedSearches.create', {
      name: 'Recent ML',
      query: 'tag:ml year:2019..',
    });
    expect(s).toMatchObject({ name: 'Recent ML', query: 'tag:ml year:2019..', itemCount: 2 });
    expect(await contents(s.id)).toEqual(['a2019', 'b2020']);
    const renamed = await call(lib, 'savedSearches.update', { id: s.id, name: 'ML since 2019' });
    expect(renamed.name).toBe('ML since 2019');
    const changed = await call(lib, 'savedSearches.update', { id: s.id, query: 'retrieval' });
    expect(changed.itemCount).toBe(2);
    expect(await contents(s.id)).toEqual(['a2019', 'c2001']);
    expect((await call(lib, 'savedSearches.list', {})).map((x) => x.name)).toEqual([
      'ML since 2019',
    ]);
    await call(lib, 'savedSearches.delete', { id: s.id });
    expect(await call(lib, 'savedSearches.list', {})).toEqual([]);
    expect((await callError(lib, 'items.list', { view: { kind: 'saved', id: s.id } })).code).toBe(
      'not_found',
    );
  });

  it('refuses an invalid query with its position, a duplicate name and an empty query', async () => {
    const e = await callError(lib, 'savedSearches.create', {
      name: 'Bad',
      query: 'retrieval year:abc',
    });
    expect(e.code).toBe('parse_error');
    expect(e.details).toMatchObject({ position: 10 });
    await call(lib, 'savedSearches.create', { name: 'Good', query: 'retrieval' });
    expect((await callError(lib, 'savedSearches.create', { name: 'good', query: 'x' })).code).toBe(
      'conflict',
    );
    expect(
      (await callError(lib, 'savedSearches.create', { name: 'Empty', query: '  ' })).code,
    ).toBe('invalid_input');
    expect(await call(lib, 'savedSearches.list', {})).toHaveLength(1);
  });

  it('updates live: a new matching item appears, a trashed one goes, and a change event is sent', async () => {
    const s = await call(lib, 'savedSearches.create', {
      name: 'Retrieval',
      query: 'retrieval -type:book',
    });
    expect(await contents(s.id)).toEqual(['a2019']);
    const events: string[][] = [];
    lib.on((name, payload) => {
      if (name === 'library.changed') events.push((payload as { kinds: string[] }).kinds);
    });
    const added = await call(lib, 'items.create', {
      title: 'Sparse retrieval revisited',
      citationKey: 'd2022',
      date: '2022',
    });
    expect(events.length).toBeGreaterThan(0);
    expect(await contents(s.id)).toEqual(['a2019', 'd2022']);
    await call(lib, 'items.update', { id: added.id, patch: { type: 'book' } });
    expect(await contents(s.id)).toEqual(['a2019']);
    await call(lib, 'items.trash', { ids: [1] });
    expect(await contents(s.id)).toEqual([]);
    expect((await call(lib, 'savedSearches.list', {}))[0]!.itemCount).toBe(0);
  });

  it('combines a smart collection with a quick search', async () => {
    const s = await call(lib, 'savedSearches.create', { name: 'ML', query: 'tag:ml' });
    const page = await call(lib, 'items.list', {
      view: { kind: 'saved', id: s.id },
      search: 'vision',
    });
    expect(page.rows.map((r) => r.citationKey)).toEqual(['b2020']);
  });

  it('follows a renamed tag or collection instead of silently matching nothing', async () => {
    await call(lib, 'collections.create', { name: 'To read', parentId: null });
    const [coll] = await call(lib, 'collections.list', {});
    await call(lib, 'collections.addItems', { id: coll!.id, itemIds: [3] });
    const s = await call(lib, 'savedSearches.create', {
      name: 'Mixed',
      query: 'tag:ML -tag:ml/retrieval OR (in:"to read" retrieval)',
    });
    expect(await contents(s.id)).toEqual(['b2020', 'c2001']);
    const ml = (await call(lib, 'tags.list', {})).find((t) => t.name === 'ml')!;
    await call(lib, 'tags.rename', { id: ml.id, name: 'machine learning' });
    await call(lib, 'collections.rename', { id: coll!.id, name: 'Reading (2025)' });
    const after = (await call(lib, 'savedSearches.list', {}))[0]!;
    expect(after.query).toBe(
      'tag:"machine learning" -tag:"machine learning/retrieval" OR (in:"Reading (2025)" retrieval)',
    );
    expect(await contents(s.id)).toEqual(['b2020', 'c2001']);
    // renaming a child leaves a query about its parent alone
    const child = (await call(lib, 'tags.list', {})).find((t) => t.name.endsWith('/retrieval'))!;
    await call(lib, 'tags.rename', { id: child.id, name: 'machine learning/ir' });
    expect((await call(lib, 'savedSearches.list', {}))[0]!.query).toBe(
      'tag:"machine learning" -tag:"machine learning/ir" OR (in:"Reading (2025)" retrieval)',
    );
  });

  it('rewrites only the terms that name the renamed tag', () => {
    expect(renameInQuery('tag:mlops tag:"ML" title:ml', 'tag', 'ml', 'ai')).toBe(
      'tag:mlops tag:ai title:ml',
    );
    expect(renameInQuery('in:ml tag:ml/a/b', 'tag', 'ml/a', 'x y')).toBe('in:ml tag:"x y/b"');
    expect(renameInQuery('tag:ml (', 'tag', 'ml', 'ai')).toBe('tag:ml ('); // does not parse
  });

  it('follows a tag merged into another, and undo puts the query back', async () => {
    addItem(
      lib,
      { type: 'misc', citationKey: 'd2021', title: 'Notes', date: '2021' },
      {
        tags: ['ai', 'ai/vision', 'deep'],
      },
    );
    const tag = async (name: string) =>
      (await call(lib, 'tags.list', {})).find((t) => t.name === name)!;
    const s = await call(lib, 'savedSearches.create', {
      name: 'Mixed',
      query: 'tag:Deep OR tag:deep/x OR -tag:ml/retrieval',
    });
    const other = await call(lib, 'savedSearches.create', { name: 'AI', query: 'tag:ai' });
    // a plain merge: the term follows, a child term (its tag is not moved) stays
    await call(lib, 'tags.merge', {
      sourceIds: [(await tag('deep')).id],
      targetId: (await tag('ml')).id,
    });
    expect((await call(lib, 'savedSearches.list', {})).find((x) => x.id === s.id)!.query).toBe(
      'tag:ml OR tag:deep/x OR -tag:ml/retrieval',
    );
    await call(lib, 'undo.apply', {});
    expect((await call(lib, 'savedSearches.list', {})).find((x) => x.id === s.id)!.query).toBe(
      'tag:Deep OR tag:deep/x OR -tag:ml/retrieval',
    );
    // a merged tag whose sub-tags stay: the query keeps finding them and finds the target too
    await call(lib, 'tags.merge', {
      sourceIds: [(await tag('ai')).id],
      targetId: (await tag('ml')).id,
    });
    expect((await call(lib, 'savedSearches.list', {})).find((x) => x.id === other.id)!.query).toBe(
      '(tag:ai OR tag:ml)',
    );
    expect(await contents(other.id)).toEqual(['a2019', 'b2020', 'd2021']);
    // a tag merged into its own sub-tag: tag:ml still covers it, nothing to rewrite
    await call(lib, 'tags.merge', {
      sourceIds: [(await tag('ml')).id],
      targetId: (await tag('ml/retrieval')).id,
    });
    expect((await call(lib, 'savedSearches.list', {})).find((x) => x.id === s.id)!.query).toBe(
      'tag:Deep OR tag:deep/x OR -tag:ml/retrieval',
    );
  });

  it('says which smart collections named a deleted tag', async () => {
    await call(lib, 'savedSearches.create', { name: 'ML', query: 'tag:ML' });
    await call(lib, 'savedSearches.create', { name: 'Retrieval', query: 'tag:"ml/retrieval"' });
    await call(lib, 'savedSearches.create', { name: 'Other', query: 'tag:mlops title:ml' });
    const ml = (await call(lib, 'tags.list', {})).find((t) => t.name === 'ml')!;
    await call(lib, 'tags.delete', { ids: [ml.id] });
    expect((await call(lib, 'undo.peek', {}))!.label).toBe(
      'Delete tag "ml" (the smart collection "ML" named it)',
    );
    const all = await call(lib, 'tags.list', {});
    await call(lib, 'tags.delete', { ids: all.map((t) => t.id) });
    // tag:ML found ml/retrieval too, and now finds nothing: named as well
    expect((await call(lib, 'undo.peek', {}))!.label).toBe(
      'Delete tag "ml/retrieval" (the smart collections "ML", "Retrieval" named it)',
    );
  });

  it('checks a query without running it', async () => {
    expect(await call(lib, 'search.check', { query: 'author:x year:2019..2021' })).toBeNull();
    expect(await call(lib, 'search.check', { query: 'author:x (' })).toMatchObject({ position: 9 });
  });
});
