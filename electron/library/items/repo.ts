import type { Database } from 'better-sqlite3';
import type { Creator, Item } from '../../../shared/domain/item';
import { creatorsText, yearOf } from '../../../shared/domain/item';
import { AppError, notFound } from '../errors';
import { DEFAULT_KEY_PATTERN, expandKeyPattern, uniqueKey } from '../keys/generate';
import { type CreatorDbRow, type ItemDbRow, toCreator, toItem } from './rows';

export interface NewItem {
  type: string;
  citationKey?: string | undefined;
  title?: string | undefined;
  date?: string | undefined;
  venue?: string | undefined;
  doi?: string | undefined;
  url?: string | undefined;
  abstract?: string | undefined;
  creators?: Creator[] | undefined;
  fields?: Record<string, string> | undefined;
  readState?: Item['readState'] | undefined;
  starred?: boolean | undefined;
  rating?: number | undefined;
  reviewNeeded?: boolean | undefined;
}

export type ItemPatch = Partial<Omit<NewItem, 'citationKey'>>;

export function now(): string {
  return new Date().toISOString();
}

function keyPattern(db: Database): string {
  const v = db
    .prepare<[], string>(`SELECT value FROM settings WHERE key = 'citationKeyPattern'`)
    .pluck()
    .get();
  return v ? (JSON.parse(v) as string) : DEFAULT_KEY_PATTERN;
}

export function writeCreators(db: Database, itemId: number, creators: readonly Creator[]): void {
  db.prepare('DELETE FROM creators WHERE item_id = ?').run(itemId);
  const insert = db.prepare(
    `INSERT INTO creators (item_id, position, role, family, given, prefix, suffix, literal)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  creators.forEach((c, i) =>
    insert.run(itemId, i, c.role, c.family, c.given, c.prefix, c.suffix, c.literal),
  );
}

/**
 * Inserts one item. The citation key is the one given (kept as imported) or generated once
 * from the library's pattern; either way it is made unique and never changed afterwards.
 */
export function insertItem(db: Database, input: NewItem): number {
  const creators = input.creators ?? [];
  const title = input.title ?? '';
  const date = input.date ?? '';
  const base =
    input.citationKey ?? expandKeyPattern(keyPattern(db), { creators, title, year: yearOf(date) });
  const key = uniqueKey(db, base);
  const stamp = now();
  const id = db
    .prepare(
      `INSERT INTO items (type, citation_key, title, date, venue, doi, url, abstract, fields,
         creators_text, read_state, starred, rating, review_needed, date_added, date_modified)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.type,
      key,
      title,
      date,
      input.venue ?? '',
      input.doi ?? '',
      input.url ?? '',
      input.abstract ?? '',
      JSON.stringify(input.fields ?? {}),
      creatorsText(creators),
      input.readState ?? 'unread',
      input.starred ? 1 : 0,
      input.rating ?? 0,
      input.reviewNeeded ? 1 : 0,
      stamp,
      stamp,
    ).lastInsertRowid as number;
  writeCreators(db, id, creators);
  return id;
}

export function getItem(db: Database, id: number): Item {
  const row = db.prepare<[number], ItemDbRow>('SELECT * FROM items WHERE id = ?').get(id);
  if (!row) throw notFound('Item', id);
  const creators = db
    .prepare<[number], CreatorDbRow>('SELECT * FROM creators WHERE item_id = ? ORDER BY position')
    .all(id)
    .map(toCreator);
  const tags = db
    .prepare<[number], string>(
      `SELECT t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id = ? ORDER BY t.name COLLATE NOCASE`,
    )
    .pluck()
    .all(id);
  const collectionIds = db
    .prepare<[number], number>(
      'SELECT collection_id FROM collection_items WHERE item_id = ? ORDER BY collection_id',
    )
    .pluck()
    .all(id);
  const aliases = db
    .prepare<[number], string>(
      'SELECT alias FROM citation_key_aliases WHERE item_id = ? ORDER BY alias',
    )
    .pluck()
    .all(id);
  return toItem(row, creators, tags, collectionIds, aliases);
}

const COLUMN_OF: Record<string, string> = {
  type: 'type',
  title: 'title',
  date: 'date',
  venue: 'venue',
  doi: 'doi',
  url: 'url',
  abstract: 'abstract',
  readState: 'read_state',
};

/** Applies a patch; only the named parts change. Returns whether anything did. */
export function updateItem(db: Database, id: number, patch: ItemPatch): boolean {
  const exists = db.prepare('SELECT 1 FROM items WHERE id = ?').get(id);
  if (!exists) throw notFound('Item', id);
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [k, col] of Object.entries(COLUMN_OF)) {
    const v = patch[k as keyof ItemPatch];
    if (v !== undefined) {
      sets.push(`${col} = ?`);
      values.push(v);
    }
  }
  if (patch.fields !== undefined) {
    sets.push('fields = ?');
    values.push(JSON.stringify(patch.fields));
  }
  if (patch.starred !== undefined) {
    sets.push('starred = ?');
    values.push(patch.starred ? 1 : 0);
  }
  if (patch.rating !== undefined) {
    sets.push('rating = ?');
    values.push(patch.rating);
  }
  if (patch.reviewNeeded !== undefined) {
    sets.push('review_needed = ?');
    values.push(patch.reviewNeeded ? 1 : 0);
  }
  if (patch.creators !== undefined) {
    writeCreators(db, id, patch.creators);
    sets.push('creators_text = ?');
    values.push(creatorsText(patch.creators));
  }
  if (sets.length === 0) return false;
  sets.push('date_modified = ?');
  values.push(now());
  db.prepare(`UPDATE items SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  return true;
}

export function trashItems(db: Database, ids: readonly number[]): number {
  const stmt = db.prepare('UPDATE items SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  const stamp = now();
  return ids.reduce((n, id) => n + stmt.run(stamp, id).changes, 0);
}

export function restoreItems(db: Database, ids: readonly number[]): number {
  const stmt = db.prepare(
    'UPDATE items SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL',
  );
  return ids.reduce((n, id) => n + stmt.run(id).changes, 0);
}

/** Deletes for good, but only items already in the trash: one step never destroys a live item. */
export function purgeItems(db: Database, ids: readonly number[]): number {
  const stmt = db.prepare('DELETE FROM items WHERE id = ? AND deleted_at IS NOT NULL');
  let n = 0;
  for (const id of ids) {
    const r = stmt.run(id);
    if (r.changes === 0 && db.prepare('SELECT 1 FROM items WHERE id = ?').get(id)) {
      throw new AppError('conflict', `Item ${id} is not in the trash; move it there first.`);
    }
    n += r.changes;
  }
  return n;
}
