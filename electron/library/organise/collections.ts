import type { Database } from 'better-sqlite3';
import type { Collection } from '../../../shared/domain/library';
import { AppError, notFound } from '../errors';
import { now } from '../items/repo';

interface CollectionDbRow {
  id: number;
  parent_id: number | null;
  name: string;
  item_count: number;
}

export function listCollections(db: Database): Collection[] {
  return db
    .prepare<[], CollectionDbRow>(
      `SELECT c.id, c.parent_id, c.name,
         c.live_items AS item_count
       FROM collections c ORDER BY c.name COLLATE NOCASE, c.id`,
    )
    .all()
    .map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, itemCount: r.item_count }));
}

export function createCollection(db: Database, name: string, parentId: number | null): Collection {
  if (parentId !== null && !db.prepare('SELECT 1 FROM collections WHERE id = ?').get(parentId)) {
    throw notFound('Collection', parentId);
  }
  const clash = db
    .prepare('SELECT 1 FROM collections WHERE parent_id IS ? AND name = ? COLLATE NOCASE')
    .get(parentId, name);
  if (clash) throw new AppError('conflict', `A collection named "${name}" already exists there.`);
  const id = db
    .prepare('INSERT INTO collections (parent_id, name, date_added) VALUES (?, ?, ?)')
    .run(parentId, name, now()).lastInsertRowid as number;
  return { id, parentId, name, itemCount: 0 };
}
