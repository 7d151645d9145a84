import type { Database } from 'better-sqlite3';
import type { Collection } from '../../../shared/domain/library';
import { AppError, notFound } from '../errors';
import { now } from '../items/repo';
import { fold } from '../search/functions';
import { renameInSavedQueries } from '../search/saved-rename';
import { capture, recordUndo } from './undo';

interface CollectionDbRow {
  id: number;
  parent_id: number | null;
  name: string;
  item_count: number;
}

export function listCollections(db: Database): Collection[] {
  return db
    .prepare<[], CollectionDbRow>(
      // live_count is kept by triggers (migration 20)
      `SELECT c.id, c.parent_id, c.name, c.live_count AS item_count
       FROM collections c ORDER BY c.name COLLATE NOCASE, c.id`,
    )
    .all()
    .map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, itemCount: r.item_count }));
}

function requireCollection(db: Database, id: number): { parent_id: number | null; name: string } {
  const row = db
    .prepare<[number], { parent_id: number | null; name: string }>(
      'SELECT parent_id, name FROM collections WHERE id = ?',
    )
    .get(id);
  if (!row) throw notFound('Collection', id);
  return row;
}

/** Sibling names are unique (case-insensitively), so the tree never shows two equal entries. */
function checkNameFree(db: Database, parentId: number | null, name: string, self?: number): void {
  const clash = db
    .prepare(
      'SELECT 1 FROM collections WHERE parent_id IS ? AND name = ? COLLATE NOCASE AND id IS NOT ?',
    )
    .get(parentId, name, self ?? null);
  if (clash) throw new AppError('conflict', `A collection named "${name}" already exists there.`);
}

export function createCollection(db: Database, name: string, parentId: number | null): Collection {
  if (parentId !== null) requireCollection(db, parentId);
  checkNameFree(db, parentId, name);
  const id = db
    .prepare('INSERT INTO collections (parent_id, name, date_added) VALUES (?, ?, ?)')
    .run(parentId, name, now()).lastInsertRowid as number;
  return { id, parentId, name, itemCount: 0 };
}

export function renameCollection(db: Database, id: number, name: string): void {
  const c = requireCollection(db, id);
  checkNameFree(db, c.parent_id, name, id);
  db.prepare('UPDATE collections SET name = ? WHERE id = ?').run(name, id);
  // `in:` names a collection wherever it is: while another keeps the old name, queries still
  // mean that one
  const others = db
    .prepare<[number], string>('SELECT name FROM collections WHERE id <> ?')
    .pluck()
    .all(id);
  if (!others.some((n) => fold(n) === fold(c.name))) {
    renameInSavedQueries(db, 'in', c.name, name);
  }
}

/** Ids of a collection and every collection below it. */
export function subtreeIds(db: Database, id: number): number[] {
  return db
    .prepare<[number], number>(
      `WITH RECURSIVE sub(id) AS (
         SELECT ? UNION SELECT c.id FROM collections c JOIN sub ON c.parent_id = sub.id)
       SELECT id FROM sub`,
    )
    .pluck()
    .all(id);
}

/** Moves a collection under another (or to the top with null); refuses to create a cycle. */
export function moveCollection(db: Database, id: number, parentId: number | null): void {
  const c = requireCollection(db, id);
  if (parentId !== null) {
    requireCollection(db, parentId);
    if (subtreeIds(db, id).includes(parentId)) {
      throw new AppError(
        'invalid_input',
        `Cannot move "${c.name}" into itself or one of its own sub-collections.`,
      );
    }
  }
  if (c.parent_id === parentId) return;
  checkNameFree(db, parentId, c.name, id);
  db.prepare('UPDATE collections SET parent_id = ? WHERE id = ?').run(parentId, id);
}

/** Deletes a collection and its sub-collections; the items themselves stay in the library. */
export function deleteCollection(db: Database, id: number): number {
  const c = requireCollection(db, id);
  const ids = subtreeIds(db, id);
  const snap = capture(db, [
    { table: 'collections', scope: { id: ids } },
    { table: 'collection_items', scope: { collection_id: ids } },
  ]);
  db.prepare('DELETE FROM collections WHERE id = ?').run(id);
  recordUndo(db, `Delete collection "${c.name}"`, snap);
  return ids.length;
}

/** Adds items to a collection; returns how many were not already in it. */
export function addToCollection(db: Database, id: number, itemIds: readonly number[]): number {
  requireCollection(db, id);
  return db
    .prepare(
      `INSERT OR IGNORE INTO collection_items (collection_id, item_id)
       SELECT ?, id FROM items WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .run(id, JSON.stringify(itemIds)).changes;
}

/** Removes items from a collection without deleting them; undoable. */
export function removeFromCollection(db: Database, id: number, itemIds: readonly number[]): number {
  const c = requireCollection(db, id);
  const snap = capture(db, [
    { table: 'collection_items', scope: { collection_id: [id], item_id: itemIds } },
  ]);
  const n = db
    .prepare(
      `DELETE FROM collection_items WHERE collection_id = ?
       AND item_id IN (SELECT value FROM json_each(?))`,
    )
    .run(id, JSON.stringify(itemIds)).changes;
  if (n > 0) {
    recordUndo(db, `Remove ${n} item${n === 1 ? '' : 's'} from "${c.name}"`, snap);
  }
  return n;
}
