import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

describe('trash, undo, reading state and settings', () => {
  it('trash, restore and empty trash; undo brings back a delete exactly', async () => {
    const [a, b, c] = [await t.item('a'), await t.item('b'), await t.item('c')];
    const before = t.dump();
    expect(await t.call('items.trash', { ids: [a, b] })).toBe(2);
    expect((await t.call('items.list', { view: { kind: 'trash' } })).total).toBe(2);
    expect((await t.call('undo.peek', {}))?.label).toBe('Move 2 items to the trash');
    await t.call('undo.apply', {});
    expect(t.dump()).toEqual(before);
    await expect(t.call('undo.apply', {})).rejects.toThrow(/nothing to undo/);

    await t.call('items.trash', { ids: [a] });
    expect(await t.call('items.restore', { ids: [a] })).toBe(1);
    await t.call('items.trash', { ids: [b, c] });
    expect(await t.call('trash.empty', {})).toBe(2);
    expect((await t.call('items.counts', {})).library).toBe(1);
    // purged rows cannot come back: the undo entry is gone with them
    expect(await t.call('undo.peek', {})).toBeNull();
  });

  it('undoes only the last destructive action, and edits since are kept elsewhere', async () => {
    const [a, b] = [await t.item('a'), await t.item('b')];
    await t.call('items.trash', { ids: [a] });
    await t.call('items.trash', { ids: [b] });
    await t.call('items.update', { id: a, patch: { title: 'edited in trash' } });
    await t.call('undo.apply', {});
    expect((await t.call('items.get', { id: b })).deletedAt).toBeNull();
    const ia = await t.call('items.get', { id: a });
    expect(ia.deletedAt).not.toBeNull();
    expect(ia.title).toBe('edited in trash');
  });

  it('restoring a deleted tag whose name was reused since fails clearly without changes', async () => {
    const a = await t.item('a');
    await t.call('tags.add', { itemIds: [a], names: ['x'] });
    const x = (await t.call('tags.list', {}))[0]!;
    await t.call('tags.delete', { ids: [x.id] });
    await t.call('tags.add', { itemIds: [a], names: ['X'] });
    const before = t.dump();
    await expect(t.call('undo.apply', {})).rejects.toThrow(/Cannot undo "Delete tag "x""/);
    expect(t.dump()).toEqual(before);
  });

  it('never overwrites a collection created after a delete that reuses its id', async () => {
    const a = await t.call('collections.create', { name: 'A' });
    await t.call('collections.delete', { id: a.id });
    const b = await t.call('collections.create', { name: 'B' });
    const i = await t.item('i');
    await t.call('collections.addItems', { id: b.id, itemIds: [i] });
    const before = t.dump();
    await expect(t.call('undo.apply', {})).rejects.toThrow(/Cannot undo "Delete collection "A""/);
    expect(t.dump()).toEqual(before);
  });

  it('sets star, reading state and rating on a selection; Starred and Unread views list them', async () => {
    const [a, b, c] = [await t.item('a'), await t.item('b'), await t.item('c')];
    expect(await t.call('items.setFlags', { ids: [a, b], starred: true })).toBe(2);
    await t.call('items.setFlags', { ids: [b], readState: 'read', rating: 5 });
    const ids = async (kind: 'starred' | 'unread') =>
      (await t.call('items.list', { view: { kind } })).rows.map((r) => r.id).sort();
    expect(await ids('starred')).toEqual([a, b]);
    expect(await ids('unread')).toEqual([a, c]);
    const rows = (await t.call('items.list', { sort: { column: 'rating', direction: 'desc' } }))
      .rows;
    expect(rows[0]).toMatchObject({ id: b, rating: 5, readState: 'read', starred: true });
    await expect(t.call('items.setFlags', { ids: [a] })).rejects.toThrow(/at least one/);
    await expect(t.call('items.setFlags', { ids: [a], rating: 6 })).rejects.toThrow();
  });

  it('stores UI settings in the library', async () => {
    expect(await t.call('settings.getUi', { key: 'table.columns' })).toBeNull();
    const layout = { order: ['title', 'year'], widths: { title: 320 } };
    await t.call('settings.setUi', { key: 'table.columns', value: layout });
    expect(await t.call('settings.getUi', { key: 'table.columns' })).toEqual(layout);
    await expect(t.call('settings.setUi', { key: '../x', value: 1 })).rejects.toThrow(
      /invalid setting/,
    );
  });

  it('loads the bundled sample library into an empty library only', async () => {
    const r = await t.call('library.loadSample', {});
    expect(r.items).toBeGreaterThanOrEqual(12);
    expect((await t.call('items.counts', {})).library).toBe(r.items);
    const cols = await t.call('collections.list', {});
    expect(cols.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Thesis', 'Background', 'Retrieval', 'Classics']),
    );
    const tags = await t.call('tags.list', {});
    expect(tags.filter((x) => x.position !== null).length).toBe(3);
    expect(tags.some((x) => x.name === 'ml/retrieval')).toBe(true);
    expect((await t.call('notes.list', { itemId: null })).length).toBe(2);
    // the sample ships one duplicate to show the Duplicates view
    expect((await t.call('duplicates.find', {})).length).toBe(1);
    await expect(t.call('library.loadSample', {})).rejects.toThrow(/empty library/);
  });
});
