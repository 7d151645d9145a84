import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

/** The counts the triggers keep, against a recount from the links. */
function checkCounts(): void {
  const db = t.lib.db;
  const bad = db
    .prepare(
      `SELECT 'tag' AS kind, id, live_count, (SELECT count(*) FROM item_tags it JOIN items i ON i.id = it.item_id
         WHERE it.tag_id = tags.id AND i.deleted_at IS NULL) AS real FROM tags
       UNION ALL
       SELECT 'collection', id, live_count, (SELECT count(*) FROM collection_items ci JOIN items i ON i.id = ci.item_id
         WHERE ci.collection_id = collections.id AND i.deleted_at IS NULL) FROM collections
       UNION ALL
       SELECT 'item', id, collection_count, (SELECT count(*) FROM collection_items ci WHERE ci.item_id = items.id)
       FROM items`,
    )
    .all() as { live_count: number; real: number }[];
  expect(bad.filter((r) => r.live_count !== r.real)).toEqual([]);
}

it('keeps tag and collection counts equal to a recount through every organising action', async () => {
  const ids: number[] = [];
  for (let i = 0; i < 8; i++) ids.push(await t.item(`paper ${i % 4}`, { doi: `10.1/${i % 4}` }));
  const c = await t.call('collections.create', { name: 'C' });
  const sub = await t.call('collections.create', { name: 'S', parentId: c.id });
  const steps: [string, () => Promise<unknown>][] = [
    ['tag', () => t.call('tags.add', { itemIds: ids, names: ['a', 'b/c'] })],
    ['file', () => t.call('collections.addItems', { id: c.id, itemIds: ids.slice(0, 5) })],
    ['file sub', () => t.call('collections.addItems', { id: sub.id, itemIds: ids.slice(3) })],
    ['trash', () => t.call('items.trash', { ids: ids.slice(0, 2) })],
    ['undo trash', () => t.call('undo.apply', {})],
    ['trash again', () => t.call('items.trash', { ids: [ids[0]!] })],
    ['untag trashed', () => t.call('tags.remove', { itemIds: [ids[0]!], names: ['a'] })],
    ['restore', () => t.call('items.restore', { ids: [ids[0]!] })],
    [
      'remove from collection',
      () => t.call('collections.removeItems', { id: c.id, itemIds: ids.slice(0, 3) }),
    ],
    ['undo remove', () => t.call('undo.apply', {})],
    [
      'toggle',
      async () => {
        const a = (await t.call('tags.list', {})).find((x) => x.name === 'a')!;
        await t.call('tags.update', { id: a.id, position: 1 });
        await t.call('tags.toggle', { itemIds: ids.slice(0, 4), position: 1 });
      },
    ],
    [
      'merge duplicates',
      async () => {
        const groups = await t.call('duplicates.find', {});
        await t.call('duplicates.merge', {
          groups: groups.map((g) => ({
            masterId: g.masterId,
            otherIds: g.items.map((i) => i.id).filter((i) => i !== g.masterId),
          })),
        });
      },
    ],
    ['undo merge', () => t.call('undo.apply', {})],
    [
      'merge tags',
      async () => {
        const tags = await t.call('tags.list', {});
        await t.call('tags.merge', {
          sourceIds: [tags.find((x) => x.name === 'b/c')!.id],
          targetId: tags.find((x) => x.name === 'a')!.id,
        });
      },
    ],
    ['undo tag merge', () => t.call('undo.apply', {})],
    ['delete collection', () => t.call('collections.delete', { id: c.id })],
    ['undo collection delete', () => t.call('undo.apply', {})],
    [
      'trash and empty',
      async () => {
        await t.call('items.trash', { ids: [ids[7]!] });
        await t.call('trash.empty', {});
      },
    ],
  ];
  for (const [name, step] of steps) {
    await step();
    try {
      checkCounts();
    } catch (e) {
      throw new Error(`after "${name}": ${(e as Error).message}`);
    }
  }
  expect((await t.call('tags.list', {})).find((x) => x.name === 'a')!.itemCount).toBeGreaterThan(0);
});
