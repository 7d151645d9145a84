// The attachment count kept on each item (migration 90) against the attachments themselves,
// through every path that moves attachments or restores rows: add, delete, trash and restore,
// merge, empty trash, and undo of each (undo restores row snapshots, which is what made an
// incrementing trigger count twice). Sorting by attachments reads the column, so a wrong count
// is a wrong order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestLib, openTestLibrary } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

function attach(itemId: number, path: string): number {
  return t.lib.write(
    () =>
      t.lib.db
        .prepare(
          `INSERT INTO attachments (item_id, kind, path, sha256, date_added)
           VALUES (?, 'linked', ?, 'abc', '2020')`,
        )
        .run(itemId, path).lastInsertRowid as number,
  );
}

/** Every item's kept count next to the count of its attachment rows; they must agree. */
function counts(): { id: number; kept: number; actual: number }[] {
  return t.lib.db
    .prepare<[], { id: number; kept: number; actual: number }>(
      `SELECT id, attachment_count AS kept,
              (SELECT count(*) FROM attachments a WHERE a.item_id = items.id) AS actual
       FROM items ORDER BY id`,
    )
    .all();
}

function expectConsistent(): void {
  const rows = counts();
  expect(rows.filter((r) => r.kept !== r.actual)).toEqual([]);
}

const kept = (id: number) =>
  t.lib.db.prepare('SELECT attachment_count FROM items WHERE id = ?').pluck().get(id);

async function sortedByAttachments(direction: 'asc' | 'desc'): Promise<number[]> {
  const page = await t.call('items.list', { sort: { column: 'attachments', direction } });
  return page.rows.map((r) => r.attachments);
}

describe('attachment count', () => {
  it('follows adding and deleting attachments, and the list sorts and shows it', async () => {
    const a = await t.item('A');
    const b = await t.item('B');
    await t.item('C');
    attach(a, 'a1.pdf');
    const a2 = attach(a, 'a2.pdf');
    attach(b, 'b1.pdf');
    expect([kept(a), kept(b)]).toEqual([2, 1]);
    expect(await sortedByAttachments('desc')).toEqual([2, 1, 0]);
    expect(await sortedByAttachments('asc')).toEqual([0, 1, 2]);
    await t.call('attachments.remove', { id: a2 });
    expect(kept(a)).toBe(1);
    expect(await sortedByAttachments('desc')).toEqual([1, 1, 0]);
    expectConsistent();
  });

  it('survives trash, restore and undo of a trash without counting twice', async () => {
    const a = await t.item('A');
    attach(a, 'a1.pdf');
    attach(a, 'a2.pdf');
    await t.call('items.trash', { ids: [a] });
    expect(kept(a)).toBe(2);
    await t.call('undo.apply', {});
    expect(kept(a)).toBe(2);
    await t.call('items.trash', { ids: [a] });
    await t.call('items.restore', { ids: [a] });
    expect(kept(a)).toBe(2);
    expectConsistent();
  });

  it('moves with a merge and moves back with its undo', async () => {
    const m = await t.item('Attention Is All You Need', { doi: '10.1/x' });
    const o = await t.item('Attention is all you need', { doi: '10.1/x' });
    attach(m, 'm.pdf');
    attach(o, 'o1.pdf');
    attach(o, 'o2.pdf');
    const before = t.dump();
    await t.call('duplicates.merge', { groups: [{ masterId: m, otherIds: [o] }] });
    expect(kept(m)).toBe(3);
    expectConsistent();
    await t.call('undo.apply', {});
    expect([kept(m), kept(o)]).toEqual([1, 2]);
    expect(t.dump()).toEqual(before); // the counts included: restored exactly
    expectConsistent();
  });

  it('leaves no count behind when the trash is emptied (attachments cascade)', async () => {
    const a = await t.item('A');
    const b = await t.item('B');
    attach(a, 'a1.pdf');
    attach(b, 'b1.pdf');
    attach(b, 'b2.pdf');
    await t.call('items.trash', { ids: [a] });
    await t.call('trash.empty', {});
    expect(counts()).toEqual([{ id: b, kept: 2, actual: 2 }]);
  });

  it('is right when undo re-inserts a purged item after its attachments', async () => {
    const a = await t.item('A');
    const att = attach(a, 'a1.pdf');
    // what undo does for a purge: attachment rows back before their item, keys deferred
    const item = t.lib.db.prepare('SELECT * FROM items WHERE id = ?').get(a) as Record<
      string,
      unknown
    >;
    const row = t.lib.db.prepare('SELECT * FROM attachments WHERE id = ?').get(att) as Record<
      string,
      unknown
    >;
    const { recordUndo, capture } = await import('./undo');
    t.lib.write(() => {
      const snap = capture(t.lib.db, [
        { table: 'attachments', scope: { item_id: [a] } },
        { table: 'items', scope: { id: [a] } },
      ]);
      t.lib.db.prepare('DELETE FROM items WHERE id = ?').run(a);
      // as every action does: recorded after its writes (undo checks nothing changed since)
      recordUndo(t.lib.db, 'test purge', snap);
    });
    expect(kept(a)).toBeUndefined();
    await t.call('undo.apply', {});
    expect(t.lib.db.prepare('SELECT * FROM attachments WHERE id = ?').get(att)).toEqual(row);
    expect(t.lib.db.prepare('SELECT * FROM items WHERE id = ?').get(a)).toEqual(item);
    expect(kept(a)).toBe(1);
    expectConsistent();
  });
});
