import type { Database } from 'better-sqlite3';
import type { ItemRow, SortColumn } from '../../../shared/domain/item';
import type { ItemView } from '../../../shared/domain/library';
import { type ItemListDbRow, toItemRow } from './rows';

const SORT_SQL: Record<SortColumn, string> = {
  title: 'i.title COLLATE NOCASE',
  creators: 'i.creators_text COLLATE NOCASE',
  year: 'i.year',
  venue: 'i.venue COLLATE NOCASE',
  type: 'i.type',
  citationKey: 'i.citation_key',
  dateAdded: 'i.date_added',
  dateModified: 'i.date_modified',
  rating: 'i.rating',
  readState: 'i.read_state',
  attachments: 'attachments',
};

export interface ListQuery {
  view: ItemView;
  sort: { column: SortColumn; direction: 'asc' | 'desc' };
  search: string;
  /** Tag names that must all apply (each including its children). */
  tags?: readonly string[] | undefined;
}

/**
 * Turns what the user typed into an FTS5 query: each word quoted (so FTS syntax characters are
 * plain text) and the last one prefix-matched, because results update as the user types.
 */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

function viewFilter(view: ItemView): { sql: string; params: unknown[] } {
  switch (view.kind) {
    case 'library':
      return { sql: 'i.deleted_at IS NULL', params: [] };
    case 'trash':
      return { sql: 'i.deleted_at IS NOT NULL', params: [] };
    case 'starred':
      return { sql: 'i.deleted_at IS NULL AND i.starred = 1', params: [] };
    case 'unread':
      return { sql: `i.deleted_at IS NULL AND i.read_state = 'unread'`, params: [] };
    case 'unfiled':
      return {
        // collection_count is kept by triggers (migration 21)
        sql: 'i.deleted_at IS NULL AND i.collection_count = 0',
        params: [],
      };
    case 'collection':
      return {
        sql: 'i.deleted_at IS NULL AND i.id IN (SELECT item_id FROM collection_items WHERE collection_id = ?)',
        params: [view.id],
      };
    case 'tag': {
      const t = tagFilter(view.name);
      return { sql: `i.deleted_at IS NULL AND ${t.sql}`, params: t.params };
    }
  }
}

/** A parent tag includes its children: `ml` matches `ml` and `ml/retrieval`. */
function tagFilter(name: string): { sql: string; params: unknown[] } {
  return {
    sql: `i.id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id
           WHERE t.name = ? OR t.name LIKE ? ESCAPE '\\')`,
    params: [name, `${name.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`],
  };
}

function whereClause(q: ListQuery): { sql: string; params: unknown[] } {
  const v = viewFilter(q.view);
  const f = { sql: v.sql, params: [...v.params] };
  for (const name of q.tags ?? []) {
    const t = tagFilter(name);
    f.sql += ` AND ${t.sql}`;
    f.params.push(...t.params);
  }
  const match = ftsQuery(q.search);
  if (!match) return f;
  return {
    sql: `${f.sql} AND i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)`,
    params: [...f.params, match],
  };
}

const ATTACHMENTS = '(SELECT count(*) FROM attachments a WHERE a.item_id = i.id) AS attachments';

// the coloured tags of a row, by digit, for the dots in the table (one page at a time, cheap)
const COLORS = `(SELECT json_group_array(json_object('name', t.name, 'color', t.color))
  FROM (SELECT t.name, t.color FROM item_tags it JOIN tags t ON t.id = it.tag_id
        WHERE it.item_id = i.id AND t.color IS NOT NULL ORDER BY t.position, t.name) t) AS colors`;

function orderBy(q: ListQuery): string {
  const dir = q.sort.direction === 'desc' ? 'DESC' : 'ASC';
  return `ORDER BY ${SORT_SQL[q.sort.column]} ${dir}, i.id ${dir}`;
}

export function listItems(
  db: Database,
  q: ListQuery,
  offset: number,
  limit: number,
): { total: number; rows: ItemRow[] } {
  const w = whereClause(q);
  const total = db
    .prepare<unknown[], number>(`SELECT count(*) FROM items i WHERE ${w.sql}`)
    .pluck()
    .get(...w.params)!;
  // The page's ids first, then its columns: SQLite's sorter would otherwise evaluate the
  // per-row subqueries (attachments, colour dots) for every row of the view, not just 100.
  const inner = q.sort.column === 'attachments' ? `i.id, ${ATTACHMENTS}` : 'i.id';
  const rows = db
    .prepare<unknown[], ItemListDbRow>(
      `WITH page AS (SELECT ${inner} FROM items i WHERE ${w.sql} ${orderBy(q)} LIMIT ? OFFSET ?)
       SELECT i.id, i.type, i.citation_key, i.title, i.creators_text, i.year, i.venue, i.date_added,
              i.date_modified, i.read_state, i.starred, i.rating, i.deleted_at, ${ATTACHMENTS}, ${COLORS}
       FROM page JOIN items i ON i.id = page.id ${orderBy(q)}`,
    )
    .all(...w.params, limit, offset)
    .map(toItemRow);
  return { total, rows };
}

/** Ids of a whole view in order (select all); ids only, never rows. */
export function listIds(db: Database, q: ListQuery): number[] {
  const w = whereClause(q);
  return db
    .prepare<unknown[], number>(
      `SELECT i.id, ${ATTACHMENTS} FROM items i WHERE ${w.sql} ${orderBy(q)}`,
    )
    .pluck()
    .all(...w.params);
}

/** Row index of an item in a sorted view, or null when the view does not contain it. */
export function indexOfItem(db: Database, q: ListQuery, id: number): number | null {
  const w = whereClause(q);
  const ids = db
    .prepare<unknown[], number>(
      `SELECT i.id, ${ATTACHMENTS} FROM items i WHERE ${w.sql} ${orderBy(q)}`,
    )
    .pluck()
    .all(...w.params);
  const at = ids.indexOf(id);
  return at < 0 ? null : at;
}

export function itemCounts(db: Database): { library: number; unfiled: number; trash: number } {
  return db
    .prepare<[], { library: number; unfiled: number; trash: number }>(
      `SELECT
         (SELECT count(*) FROM items WHERE deleted_at IS NULL) AS library,
         (SELECT count(*) FROM items WHERE deleted_at IS NULL AND collection_count = 0) AS unfiled,
         (SELECT count(*) FROM items WHERE deleted_at IS NOT NULL) AS trash`,
    )
    .get()!;
}
