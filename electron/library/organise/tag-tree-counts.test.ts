// tags.treeCounts counts levels over indexes and the trigger-kept live counts, and caches the
// result until the library changes; these tests hold it to a plain reference query on a
// randomised library, before and after every kind of change that moves a count.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../db/open';
import { openTestLibrary, type TestLib } from './test-support';

let t: TestLib;
beforeEach(() => {
  t = openTestLibrary();
});
afterEach(() => t.close());

/** Deterministic PRNG so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The obvious query: every level (a proper prefix of a tag name, compared in lower case),
 * counted as distinct live items joined through items and tags.
 */
function reference(db: Database.Database): Record<string, number> {
  const names = db
    .prepare<[], string>('SELECT name FROM tags')
    .pluck()
    .all()
    .map((n) => n.toLowerCase());
  const levels = new Set<string>();
  for (const n of names) {
    let at = n.indexOf('/');
    while (at >= 0) {
      levels.add(n.slice(0, at));
      at = n.indexOf('/', at + 1);
    }
  }
  const count = db
    .prepare<[string, string, string], number>(
      `SELECT count(DISTINCT i.id) FROM items i
       JOIN item_tags it ON it.item_id = i.id JOIN tags t ON t.id = it.tag_id
       WHERE i.deleted_at IS NULL
         AND (lower(t.name) = ? OR substr(lower(t.name), 1, length(?) + 1) = ?)`,
    )
    .pluck();
  return Object.fromEntries([...levels].map((l) => [l, count.get(l, l, `${l}/`)!]));
}

const counts = async () =>
  Object.fromEntries((await t.call('tags.treeCounts', {})).map((x) => [x.path, x.count]));

const tagId = (name: string) =>
  t.lib.db.prepare<[string], number>('SELECT id FROM tags WHERE name = ?').pluck().get(name)!;

// deep paths, a level that is itself a tag (ml, ml/vision), a level only reached through its
// children (bio, bio/cell, x/y/z), a case variant grouped with its lower-case level (ML/Audio),
// and names that only look like a level (mlops, ml_x)
const VOCAB = [
  'ml',
  'ml/vision',
  'ml/vision/detection',
  'ml/vision/detection/one-stage',
  'ml/retrieval',
  'ml/retrieval/dense',
  'ML/Audio',
  'mlops',
  'ml_x',
  'nlp',
  'nlp/parsing',
  'nlp/parsing/deep/neural',
  'bio/cell/membrane',
  'bio/genome',
  'x/y/z',
  'read',
  'to-read/later',
  'solo/only-child',
];

/** Builds the library; returns the ids of the items left live. */
async function randomLibrary(seed: number, items: number): Promise<number[]> {
  const r = rng(seed);
  const ids: number[] = [];
  for (let i = 0; i < items; i++) {
    const id = await t.item(`Item ${i}`);
    ids.push(id);
    // several tags, often two in the same subtree
    const n = Math.floor(r() * 6);
    const tags = new Set<string>();
    for (let k = 0; k < n; k++) tags.add(VOCAB[Math.floor(r() * VOCAB.length)]!);
    if (tags.size > 0) await t.call('tags.setForItem', { itemId: id, tags: [...tags] });
  }
  const trash = ids.filter(() => r() < 0.2);
  await t.call('items.trash', { ids: trash });
  return ids.filter((id) => !trash.includes(id));
}

describe('tags.treeCounts', () => {
  it('matches the reference query on randomised libraries', async () => {
    for (const seed of [1, 2, 3]) {
      t.close();
      t = openTestLibrary();
      await randomLibrary(seed, 60);
      const want = reference(t.lib.db);
      expect(Object.keys(want).length).toBeGreaterThan(8);
      // trashed items carry tags, or the subtraction would go untested
      expect(
        t.lib.db
          .prepare(
            `SELECT count(*) FROM item_tags it JOIN items i ON i.id = it.item_id
             WHERE i.deleted_at IS NOT NULL`,
          )
          .pluck()
          .get(),
      ).toBeGreaterThan(0);
      expect(await counts()).toEqual(want);
    }
  });

  it('refreshes the cached counts after tagging, trashing, restoring, renaming, merging, deleting and undo', async () => {
    const ids = await randomLibrary(7, 50);
    const check = async () => {
      const got = await counts();
      expect(got).toEqual(reference(t.lib.db));
      // asked again with nothing changed: the cached answer, still right
      expect(await counts()).toEqual(got);
      return got;
    };
    const [a, b, c] = ids as [number, number, number];
    let last = await check();
    const moved = async (step: () => Promise<unknown>) => {
      await step();
      const now = await check();
      expect(now).not.toEqual(last);
      last = now;
    };
    // tagging: a new deep level, and two tags of one subtree on one item
    await moved(() => t.call('tags.add', { itemIds: [a, b], names: ['new/leaf/deeper'] }));
    await moved(() => t.call('tags.add', { itemIds: [c], names: ['new/other'] }));
    // a second tag under "new" on an item already counted there leaves "new" as it was
    await t.call('tags.add', { itemIds: [a], names: ['new/other'] });
    expect((await check()).new).toBe(last.new);
    await moved(() => t.call('tags.remove', { itemIds: [c], names: ['new/other'] }));
    // trashing and restoring an item tagged twice under one level
    await moved(() => t.call('items.trash', { ids: [a] }));
    await moved(() => t.call('items.restore', { ids: [a] }));
    // renaming moves a whole subtree; merging folds one tag into another
    await moved(() => t.call('tags.rename', { id: tagId('new/other'), name: 'fresh/x' }));
    await moved(() =>
      t.call('tags.merge', { sourceIds: [tagId('fresh/x')], targetId: tagId('new/leaf/deeper') }),
    );
    await moved(() => t.call('tags.delete', { ids: [tagId('new/leaf/deeper')] }));
    await moved(() => t.call('undo.apply', {}));
    // a trashed item purged for good
    await t.call('items.trash', { ids: [b] });
    await check();
    await t.call('trash.empty', {});
    await check();
  });

  it('sees a change committed by another connection', async () => {
    const a = await t.item('a');
    await t.call('tags.add', { itemIds: [a], names: ['p/q'] });
    expect(await counts()).toEqual({ p: 1 });
    const other = new Database(join(t.lib.folder, DB_FILE));
    try {
      other.prepare("UPDATE items SET deleted_at = '2026-01-01T00:00:00Z' WHERE id = ?").run(a);
    } finally {
      other.close();
    }
    expect(await counts()).toEqual({ p: 0 });
    expect(await counts()).toEqual(reference(t.lib.db));
  });
});
