import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

const byName = async (name: string) =>
  (await t.call('collections.list', {})).find((c) => c.name === name)!;

describe('collections', () => {
  it('creates nested collections and refuses a duplicate sibling name', async () => {
    const thesis = await t.call('collections.create', { name: 'Thesis' });
    const bg = await t.call('collections.create', { name: 'Background', parentId: thesis.id });
    expect(bg.parentId).toBe(thesis.id);
    await expect(
      t.call('collections.create', { name: 'background', parentId: thesis.id }),
    ).rejects.toThrow(/already exists/);
    // the same name under another parent is fine
    await t.call('collections.create', { name: 'Background' });
    await expect(t.call('collections.create', { name: '   ' })).rejects.toThrow(/needs a name/);
    await expect(t.call('collections.create', { name: 'x', parentId: 999 })).rejects.toThrow(
      /does not exist/,
    );
  });

  it('renames and moves, refusing cycles', async () => {
    const a = await t.call('collections.create', { name: 'A' });
    const b = await t.call('collections.create', { name: 'B', parentId: a.id });
    const c = await t.call('collections.create', { name: 'C', parentId: b.id });
    await t.call('collections.rename', { id: b.id, name: 'Bee' });
    expect((await byName('Bee')).parentId).toBe(a.id);
    await expect(t.call('collections.move', { id: a.id, parentId: c.id })).rejects.toThrow(
      /itself or one of its own/,
    );
    await expect(t.call('collections.move', { id: a.id, parentId: a.id })).rejects.toThrow(
      /itself/,
    );
    await t.call('collections.move', { id: c.id, parentId: null });
    expect((await byName('C')).parentId).toBeNull();
    await t.call('collections.move', { id: a.id, parentId: c.id });
    expect((await byName('A')).parentId).toBe(c.id);
  });

  it('adds and removes items, counts live items, and lists unfiled ones', async () => {
    const col = await t.call('collections.create', { name: 'Reading' });
    const [i1, i2, i3] = [await t.item('one'), await t.item('two'), await t.item('three')];
    expect(await t.call('collections.addItems', { id: col.id, itemIds: [i1, i2] })).toBe(2);
    expect(await t.call('collections.addItems', { id: col.id, itemIds: [i1, i2] })).toBe(0);
    expect((await byName('Reading')).itemCount).toBe(2);
    const unfiled = await t.call('items.list', { view: { kind: 'unfiled' } });
    expect(unfiled.rows.map((r) => r.id)).toEqual([i3]);
    expect((await t.call('items.counts', {})).unfiled).toBe(1);
    const inCol = await t.call('items.list', { view: { kind: 'collection', id: col.id } });
    expect(inCol.rows.map((r) => r.id).sort()).toEqual([i1, i2]);
    // an item can be in many collections
    const other = await t.call('collections.create', { name: 'Other' });
    await t.call('collections.addItems', { id: other.id, itemIds: [i1] });
    expect((await t.call('items.get', { id: i1 })).collectionIds).toEqual([col.id, other.id]);
    // trashed items do not count
    await t.call('items.trash', { ids: [i2] });
    expect((await byName('Reading')).itemCount).toBe(1);
    expect(await t.call('collections.removeItems', { id: col.id, itemIds: [i1] })).toBe(1);
    expect((await t.call('items.get', { id: i1 })).deletedAt).toBeNull();
    expect((await t.call('items.get', { id: i1 })).collectionIds).toEqual([other.id]);
  });

  it('deletes a collection with its sub-collections and keeps the items; undo restores it', async () => {
    const a = await t.call('collections.create', { name: 'A' });
    const b = await t.call('collections.create', { name: 'B', parentId: a.id });
    const i1 = await t.item('kept');
    await t.call('collections.addItems', { id: b.id, itemIds: [i1] });
    const before = t.dump();
    expect(await t.call('collections.delete', { id: a.id })).toBe(2);
    expect(await t.call('collections.list', {})).toEqual([]);
    expect((await t.call('items.get', { id: i1 })).collectionIds).toEqual([]);
    expect((await t.call('undo.peek', {}))?.label).toBe('Delete collection "A"');
    await t.call('undo.apply', {});
    expect(t.dump()).toEqual(before);
    expect(await t.call('undo.peek', {})).toBeNull();
  });

  it('undo of remove-from-collection puts back exactly the removed memberships', async () => {
    const col = await t.call('collections.create', { name: 'C' });
    const ids = [await t.item('a'), await t.item('b'), await t.item('c')];
    await t.call('collections.addItems', { id: col.id, itemIds: ids });
    const before = t.dump();
    await t.call('collections.removeItems', { id: col.id, itemIds: [ids[0]!, ids[2]!] });
    expect((await byName('C')).itemCount).toBe(1);
    const u = await t.call('undo.apply', {});
    expect(u.label).toBe('Remove 2 items from "C"');
    expect(t.dump()).toEqual(before);
  });

  it('a missing collection is not_found in every list call, as a missing smart collection is', async () => {
    const a = await t.item('a');
    const gone = await t.call('collections.create', { name: 'Gone' });
    await t.call('collections.addItems', { id: gone.id, itemIds: [a] });
    await t.call('collections.delete', { id: gone.id });
    const view = { kind: 'collection', id: gone.id } as const;
    const changes = () => t.lib.db.prepare('SELECT total_changes()').pluck().get();
    const before = changes();
    const msg = new RegExp(`Collection ${gone.id} does not exist`);
    await expect(t.call('items.list', { view })).rejects.toThrow(msg);
    await expect(t.call('items.ids', { view })).rejects.toThrow(msg);
    await expect(t.call('items.indexOf', { id: a, view })).rejects.toThrow(msg);
    expect(changes()).toBe(before);
  });

  it("listing a collection writes nothing to the library file (only this connection's TEMP counters)", async () => {
    const a = await t.item('a');
    const c = await t.call('collections.create', { name: 'C' });
    await t.call('collections.addItems', { id: c.id, itemIds: [a] });
    // another connection sees data_version move only when the file itself is committed to
    const other = new Database(t.lib.db.name, { readonly: true });
    try {
      const version = () => other.pragma('data_version', { simple: true });
      const v = version();
      expect((await t.call('items.list', { view: { kind: 'collection', id: c.id } })).total).toBe(
        1,
      );
      await t.call('items.counts', {});
      expect(version()).toBe(v);
    } finally {
      other.close();
    }
  });
});
