import type { Database } from 'better-sqlite3';
import type { ItemRow, SortColumn } from '../../../shared/domain/item';
import type { ItemView } from '../../../shared/domain/library';
import type { QueryError } from '../../../shared/domain/search';
import { notFound } from '../errors';
import { type CompiledQuery, compileQuery } from '../search/compile';
import { ensureSearchFunctions } from '../search/functions';
import { parseQuery } from '../search/parse';
import { rankCte, snippetsFor } from '../search/rank';
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

export type ListSortColumn = SortColumn | 'relevance';

export interface ListQuery {
  view: ItemView;
  /** Undefined: by relevance when the search has words to rank by, else newest first. */
  sort?: { column: ListSortColumn; direction: 'asc' | 'desc' } | undefined;
  search: string;
  /** Search notes, annotations and PDF text too; default true. */
  fullText?: boolean | undefined;
  /** Tag names that must all apply (each including its children). */
  tags?: readonly string[] | undefined;
}

/**
 * Plain words as an FTS5 query (each word quoted, the last prefix-matched), for small searches
 * such as the notes list. The item list uses the full query language instead.
 */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

interface Where {
  sql: string;
  params: unknown[];
  /** The user's query, compiled, when there is one (for ranking and snippets). */
  query: CompiledQuery | null;
}

type Compiled = { ok: true; query: CompiledQuery | null } | { ok: false; error: QueryError };

function compile(db: Database, text: string, fullText: boolean): Compiled {
  const parsed = parseQuery(text);
  if (!parsed.ok) return parsed;
  if (!parsed.node) return { ok: true, query: null };
  ensureSearchFunctions(db);
  return { ok: true, query: compileQuery(parsed.node, { fullText }) };
}

function viewFilter(db: Database, view: ItemView): { sql: string; params: unknown[] } {
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
    case 'saved': {
      const text = db
        .prepare<[number], string>('SELECT query FROM saved_searches WHERE id = ?')
        .pluck()
        .get(view.id);
      if (text === undefined) throw notFound('Smart collection', view.id);
      const c = compile(db, text, true);
      // a saved query is validated when saved; should one stop parsing, it shows nothing
      if (!c.ok) return { sql: '0', params: [] };
      if (!c.query) return { sql: 'i.deleted_at IS NULL', params: [] };
      return { sql: `i.deleted_at IS NULL AND ${c.query.where}`, params: c.query.params };
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

function whereClause(db: Database, q: ListQuery): Where | { error: QueryError } {
  const c = compile(db, q.search, q.fullText ?? true);
  if (!c.ok) return { error: c.error };
  const v = viewFilter(db, q.view);
  const f = { sql: v.sql, params: [...v.params] };
  for (const name of q.tags ?? []) {
    const t = tagFilter(name);
    f.sql += ` AND ${t.sql}`;
    f.params.push(...t.params);
  }
  if (!c.query) return { ...f, query: null };
  return {
    sql: `${f.sql} AND ${c.query.where}`,
    params: [...f.params, ...c.query.params],
    query: c.query,
  };
}

const ATTACHMENTS = '(SELECT count(*) FROM attachments a WHERE a.item_id = i.id) AS attachments';

// the coloured tags of a row, by digit, for the dots in the table (one page at a time, cheap)
export const COLORS = `(SELECT json_group_array(json_object('name', t.name, 'color', t.color))
  FROM (SELECT t.name, t.color FROM item_tags it JOIN tags t ON t.id = it.tag_id
        WHERE it.item_id = i.id AND t.color IS NOT NULL ORDER BY t.position, t.name) t) AS colors`;

interface Ordering {
  cte: string;
  cteParams: unknown[];
  join: string;
  order: string;
}

function ordering(q: ListQuery, w: Where): Ordering {
  const sort = q.sort ?? { column: 'relevance', direction: 'asc' };
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  if (sort.column === 'relevance') {
    const rank = w.query ? rankCte(w.query) : null;
    if (rank) {
      return {
        cte: `WITH ${rank.sql}`,
        cteParams: rank.params,
        join: 'LEFT JOIN rank r ON r.id = i.id',
        // bm25 scores are negative: smaller is better
        order: `ORDER BY coalesce(r.score, 0) ${dir}, i.id ${dir}`,
      };
    }
    return { cte: '', cteParams: [], join: '', order: 'ORDER BY i.date_added DESC, i.id DESC' };
  }
  return {
    cte: '',
    cteParams: [],
    join: '',
    order: `ORDER BY ${SORT_SQL[sort.column]} ${dir}, i.id ${dir}`,
  };
}

export interface ListResult {
  total: number;
  rows: ItemRow[];
  queryError?: QueryError;
}

export function listItems(db: Database, q: ListQuery, offset: number, limit: number): ListResult {
  const w = whereClause(db, q);
  if ('error' in w) return { total: 0, rows: [], queryError: w.error };
  const total = db
    .prepare<unknown[], number>(`SELECT count(*) FROM items i WHERE ${w.sql}`)
    .pluck()
    .get(...w.params)!;
  const o = ordering(q, w);
  // The page's ids first, then its columns: SQLite's sorter would otherwise evaluate the
  // per-row subqueries (attachments, colour dots) for every row of the view, not just 100.
  const inner = q.sort?.column === 'attachments' ? `i.id, ${ATTACHMENTS}` : 'i.id';
  const rows = db
    .prepare<unknown[], ItemListDbRow>(
      `${o.cte ? `${o.cte},` : 'WITH'} page AS (
         SELECT ${inner} FROM items i ${o.join} WHERE ${w.sql} ${o.order} LIMIT ? OFFSET ?)
       SELECT i.id, i.type, i.citation_key, i.title, i.creators_text, i.year, i.venue, i.date_added,
              i.date_modified, i.read_state, i.starred, i.rating, i.deleted_at, ${ATTACHMENTS}, ${COLORS}
       FROM page JOIN items i ON i.id = page.id ${o.join} ${o.order}`,
    )
    .all(...o.cteParams, ...w.params, limit, offset)
    .map(toItemRow);
  if (w.query && rows.length > 0) {
    const snippets = snippetsFor(
      db,
      w.query,
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      const s = snippets.get(r.id);
      if (s) r.snippet = s;
    }
  }
  return { total, rows };
}

/** How many items a query matches in a view (0 for a query that does not parse). */
export function countItems(db: Database, q: ListQuery): number {
  const w = whereClause(db, q);
  if ('error' in w) return 0;
  return db
    .prepare<unknown[], number>(`SELECT count(*) FROM items i WHERE ${w.sql}`)
    .pluck()
    .get(...w.params)!;
}

/** Ids of a whole view in order (select all); ids only, never rows. None for a bad query. */
export function listIds(db: Database, q: ListQuery): number[] {
  const w = whereClause(db, q);
  if ('error' in w) return [];
  const o = ordering(q, w);
  return db
    .prepare<unknown[], number>(
      `${o.cte} SELECT i.id, ${ATTACHMENTS} FROM items i ${o.join} WHERE ${w.sql} ${o.order}`,
    )
    .pluck()
    .all(...o.cteParams, ...w.params);
}

/** Row index of an item in a sorted view, or null when the view does not contain it. */
export function indexOfItem(db: Database, q: ListQuery, id: number): number | null {
  const ids = listIds(db, q);
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
