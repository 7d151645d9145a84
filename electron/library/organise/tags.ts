import type { Database } from 'better-sqlite3';
import type { Tag } from '../../../shared/domain/library';
import { notFound } from '../errors';

interface TagDbRow {
  id: number;
  name: string;
  color: string | null;
  position: number | null;
  item_count: number;
}

export function listTags(db: Database): Tag[] {
  return db
    .prepare<[], TagDbRow>(
      `SELECT t.id, t.name, t.color, t.position,
         t.live_items AS item_count
       FROM tags t ORDER BY t.name COLLATE NOCASE`,
    )
    .all()
    .map((r) => ({
      id: r.id,
      name: r.name,
      color: r.color,
      position: r.position,
      itemCount: r.item_count,
    }));
}

/** The id of a tag by name (case-insensitive), created when missing. */
export function ensureTag(db: Database, name: string): number {
  const existing = db
    .prepare<[string], number>('SELECT id FROM tags WHERE name = ?')
    .pluck()
    .get(name);
  if (existing !== undefined) return existing;
  return db.prepare('INSERT INTO tags (name) VALUES (?)').run(name).lastInsertRowid as number;
}

/** Replaces an item's tags with exactly `names` (duplicates ignored). */
export function setItemTags(db: Database, itemId: number, names: readonly string[]): string[] {
  if (!db.prepare('SELECT 1 FROM items WHERE id = ?').get(itemId)) throw notFound('Item', itemId);
  db.prepare('DELETE FROM item_tags WHERE item_id = ?').run(itemId);
  const link = db.prepare('INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)');
  for (const name of names) link.run(itemId, ensureTag(db, name.trim()));
  return db
    .prepare<[number], string>(
      'SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name COLLATE NOCASE',
    )
    .pluck()
    .all(itemId);
}
