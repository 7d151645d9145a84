// Undo puts back the rows an action touched. Work done on those rows after the action (a note
// written into the merged item, a title corrected, a tag added) must never be silently
// overwritten: undo refuses, names why, and changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

async function mergedPair(): Promise<{ a: number; note: number }> {
  const a = await t.item('Same title');
  const b = await t.item('Same title');
  const note = (await t.call('notes.create', { itemId: b, body: 'first draft' })).id;
  await t.call('duplicates.merge', { groups: [{ masterId: a, otherIds: [b] }] });
  return { a, note };
}

describe('undo never overwrites later work', () => {
  it('refuses to undo a merge after a note of the merged item was edited', async () => {
    const { note } = await mergedPair();
    await t.call('notes.update', { id: note, body: 'an hour of careful writing' });
    const before = t.dump();
    await expect(t.call('undo.apply', {})).rejects.toThrow(
      /Cannot undo "Merge 2 duplicates": .*changed since/,
    );
    expect(t.dump()).toEqual(before);
    expect((await t.call('notes.get', { id: note })).body).toBe('an hour of careful writing');
  });

  it('refuses to undo a merge after the kept item was edited or tagged', async () => {
    const { a } = await mergedPair();
    await t.call('items.update', { id: a, patch: { title: 'Corrected title' } });
    await expect(t.call('undo.apply', {})).rejects.toThrow(/changed since/);
    expect((await t.call('items.get', { id: a })).title).toBe('Corrected title');

    const other = await mergedPair();
    await t.call('tags.setForItem', { itemId: other.a, tags: ['important'] });
    const before = t.dump();
    await expect(t.call('undo.apply', {})).rejects.toThrow(/changed since/);
    expect(t.dump()).toEqual(before);
  });

  it('refuses to undo a tag merge after the target tag was given to another item', async () => {
    const [x, y] = [await t.item('x'), await t.item('y')];
    await t.call('tags.add', { itemIds: [x], names: ['ml'] });
    await t.call('tags.add', { itemIds: [x], names: ['machine-learning'] });
    const tags = await t.call('tags.list', {});
    const id = (name: string) => tags.find((g) => g.name === name)!.id;
    await t.call('tags.merge', { sourceIds: [id('ml')], targetId: id('machine-learning') });
    await t.call('tags.add', { itemIds: [y], names: ['machine-learning'] });
    await expect(t.call('undo.apply', {})).rejects.toThrow(/changed since/);
    expect((await t.call('items.get', { id: y })).tags).toEqual(['machine-learning']);
  });

  it('still undoes when nothing the action touched changed since (the control case)', async () => {
    const a = await t.item('Same title');
    const b = await t.item('Same title');
    await t.call('notes.create', { itemId: b, body: 'first draft' });
    const before = t.dump();
    await t.call('duplicates.merge', { groups: [{ masterId: a, otherIds: [b] }] });
    await t.call('collections.create', { name: 'unrelated' });
    await t.call('undo.apply', {});
    const after = t.dump();
    expect(after.collections).toHaveLength(1);
    expect({ ...after, collections: [] }).toEqual({ ...before, collections: [] });
  });
});
