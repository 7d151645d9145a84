import type { Database } from 'better-sqlite3';
import type { ItemRow, SortColumn } from '../../../shared/domain/item';
import type { ItemView } from '../../../shared/domain/library';
import { cached, changeStamp } from '../db/statements';
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

// The partial index that already holds live items in each column's order. Walking it and
// testing membership beats fetching every member and sorting when a view holds many items.
const SORT_INDEX: Partial<Record<SortColumn, string>> = {
  title: 'items_live_title',
  creators: 'items_live_creators',
  year: 'items_live_year',
  venue: 'items_live_venue',
  type: 'items_live_type',
  dateAdded: 'items_live_added',
  dateModified: 'items_live_modified',
  rating: 'items_live_rating',
  readState: 'items_live_read',
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

interface Sql {
  sql: string;
  params: unknown[];
}

/** A parent tag includes its children: `ml` matches `ml` and `ml/retrieval`. */
function tagMembers(name: string): Sql {
  return {
    sql: `SELECT DISTINCT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id
          WHERE t.name = ? OR t.name LIKE ? ESCAPE '\\'`,
    params: [name, `${name.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`],
  };
}

/** The set of item ids a view or search narrows to (trashed ones included), or null for all. */
function memberSet(q: ListQuery): Sql | null {
  const parts: Sql[] = [];
  if (q.view.kind === 'collection') {
    parts.push({
      sql: 'SELECT item_id FROM collection_items WHERE collection_id = ?',
      params: [q.view.id],
    });
  }
  const tags = [...(q.view.kind === 'tag' ? [q.view.name] : []), ...(q.tags ?? [])];
  for (const name of tags) parts.push(tagMembers(name));
  const match = ftsQuery(q.search);
  if (match)
    parts.push({ sql: 'SELECT rowid FROM items_fts WHERE items_fts MATCH ?', params: [match] });
  if (parts.length === 0) return null;
  return {
    sql: parts.map((p) => p.sql).join(' INTERSECT '),
    params: parts.flatMap((p) => p.params),
  };
}

function whereClause(q: ListQuery, set: Sql | null): Sql {
  const live = q.view.kind === 'trash' ? 'i.deleted_at IS NOT NULL' : 'i.deleted_at IS NULL';
  // collection_count is kept by triggers (migration 21)
  const filters: Partial<Record<ItemView['kind'], string>> = {
    unfiled: ' AND i.collection_count = 0',
    starred: ' AND i.starred = 1',
    unread: ` AND i.read_state = 'unread'`,
  };
  const unfiled = filters[q.view.kind] ?? '';
  if (!set) return { sql: live + unfiled, params: [] };
  return { sql: `${live}${unfiled} AND i.id IN (${set.sql})`, params: set.params };
}

const ATTACHMENTS_SQL = '(SELECT count(*) FROM attachments a WHERE a.item_id = i.id)';
const ATTACHMENTS = `${ATTACHMENTS_SQL} AS attachments`;

// the coloured tags of a row, by digit, for the dots in the table (one page at a time, cheap)
const COLORS = `(SELECT json_group_array(json_object('name', t.name, 'color', t.color))
  FROM (SELECT t.name, t.color FROM item_tags it JOIN tags t ON t.id = it.tag_id
        WHERE it.item_id = i.id AND t.color IS NOT NULL ORDER BY t.position, t.name) t) AS colors`;

function orderBy(q: ListQuery): string {
  const dir = q.sort.direction === 'desc' ? 'DESC' : 'ASC';
  return `ORDER BY ${SORT_SQL[q.sort.column]} ${dir}, i.id ${dir}`;
}

const counts = new WeakMap<Database, { stamp: string; totals: Map<string, number> }>();

/**
 * Counts are cached until the database changes: scrolling and re-sorting ask for the same
 * total again and again. Never cached inside a transaction, whose changes may roll back.
 */
function cachedCount(db: Database, key: string, count: () => number): number {
  if (db.inTransaction) return count();
  const stamp = changeStamp(db);
  let c = counts.get(db);
  if (!c || c.stamp !== stamp) {
    c = { stamp, totals: new Map() };
    counts.set(db, c);
  }
  let n = c.totals.get(key);
  if (n === undefined) {
    n = count();
    c.totals.set(key, n);
  }
  return n;
}

const one = (db: Database, sql: string, params: unknown[]): number =>
  cached<unknown[], number>(db, sql)
    .pluck()
    .get(...params)!;

/**
 * Items in a view. The trash is small, so "live items in a set" is counted as the set's size
 * minus its trashed members, which touches no item rows.
 */
function countView(db: Database, q: ListQuery, set: Sql | null): number {
  if (q.view.kind !== 'library' && q.view.kind !== 'collection' && q.view.kind !== 'tag') {
    const w = whereClause(q, set);
    return one(db, `SELECT count(*) FROM items i WHERE ${w.sql}`, w.params);
  }
  const trashed = set
    ? one(
        db,
        `SELECT count(*) FROM items i WHERE i.deleted_at IS NOT NULL AND i.id IN (${set.sql})`,
        set.params,
      )
    : one(db, 'SELECT count(*) FROM items i WHERE i.deleted_at IS NOT NULL', []);
  const all = set
    ? one(db, `SELECT count(*) FROM (${set.sql})`, set.params)
    : one(db, 'SELECT count(*) FROM items', []);
  return all - trashed;
}

function liveCount(db: Database): number {
  return cachedCount(db, 'live', () =>
    countView(
      db,
      { view: { kind: 'library' }, sort: { column: 'title', direction: 'asc' }, search: '' },
      null,
    ),
  );
}

/** The page query for a view: its SQL (without LIMIT/OFFSET values) and parameters. */
function pageQuery(db: Database, q: ListQuery): { sql: string; params: unknown[]; total: number } {
  const set = memberSet(q);
  const total = cachedCount(db, JSON.stringify([q.view, q.search, q.tags ?? []]), () =>
    countView(db, q, set),
  );
  // A big set (many search hits, a large collection) is paged by walking the sort column's
  // index and testing membership: it stops after `offset + limit` hits instead of loading and
  // sorting every member. A small set is cheaper to fetch by id and sort. INDEXED BY alone
  // makes SQLite test `i.id IN (...)` as membership instead of looking members up by id.
  const index = SORT_INDEX[q.sort.column];
  const walk = set && index && q.view.kind !== 'trash' && total * 200 > liveCount(db);
  const w = whereClause(q, set);
  return {
    sql: `SELECT i.id, i.type, i.citation_key, i.title, i.creators_text, i.year, i.venue, i.date_added,
            i.date_modified, i.read_state, i.starred, i.rating, i.deleted_at, ${ATTACHMENTS}, ${COLORS}
     FROM items i ${walk ? `INDEXED BY ${index}` : ''} WHERE ${w.sql} ${orderBy(q)} LIMIT ? OFFSET ?`,
    params: w.params,
    total,
  };
}

export function listItems(
  db: Database,
  q: ListQuery,
  offset: number,
  limit: number,
): { total: number; rows: ItemRow[] } {
  const p = pageQuery(db, q);
  const rows = cached<unknown[], ItemListDbRow>(db, p.sql)
    .all(...p.params, limit, offset)
    .map(toItemRow);
  return { total: p.total, rows };
}

/** EXPLAIN QUERY PLAN of a view's page query, so tests can hold the plan, not the timing. */
export function explainList(db: Database, q: ListQuery): string {
  const p = pageQuery(db, q);
  return (
    db
      .prepare<unknown[], { parent: number; detail: string }>(`EXPLAIN QUERY PLAN ${p.sql}`)
      .all(...p.params, 100, 0)
      // the top level only: per-row subqueries (colour dots) have plans of their own
      .filter((r) => r.parent === 0)
      .map((r) => r.detail)
      .join(' | ')
  );
}

/** Ids of a whole view in order (select all); ids only, never rows. */
export function listIds(db: Database, q: ListQuery): number[] {
  const w = whereClause(q, memberSet(q));
  return cached<unknown[], number>(db, `SELECT i.id FROM items i WHERE ${w.sql} ${orderBy(q)}`)
    .pluck()
    .all(...w.params);
}

/**
 * Row index of an item in a sorted view, or null when the view does not contain it: the
 * number of view rows that sort before it, counted without loading the view.
 */
export function indexOfItem(db: Database, q: ListQuery, id: number): number | null {
  const set = memberSet(q);
  const w = whereClause(q, set);
  const expr = q.sort.column === 'attachments' ? ATTACHMENTS_SQL : SORT_SQL[q.sort.column];
  const found = cached<unknown[], { v: unknown }>(
    db,
    `SELECT ${expr} AS v FROM items i WHERE i.id = ? AND ${w.sql}`,
  ).get(id, ...w.params);
  if (!found) return null;
  const desc = q.sort.direction === 'desc';
  // NULLs sort first ascending and last descending, as SQLite orders them. Each condition
  // starts with a bound on the sort column, so the count is a range scan of its index.
  let before: string;
  let params: unknown[];
  if (found.v === null) {
    before = desc ? `(${expr} IS NOT NULL OR i.id > ?)` : `(${expr} IS NULL AND i.id < ?)`;
    params = [id];
  } else if (desc) {
    before = `(${expr} >= ? AND (${expr} > ? OR i.id > ?))`;
    params = [found.v, found.v, id];
  } else {
    // only `year` can be NULL; leaving the test out elsewhere keeps the range usable
    const nulls = q.sort.column === 'year' ? `${expr} IS NULL OR ` : '';
    before = `(${nulls}(${expr} <= ? AND (${expr} < ? OR i.id < ?)))`;
    params = [found.v, found.v, id];
  }
  return one(db, `SELECT count(*) FROM items i WHERE ${w.sql} AND ${before}`, [
    ...w.params,
    ...params,
  ]);
}

/**
 * The sidebar's counts, asked for on every load and change, counted over indexes (all minus
 * the small trash) and cached until the library changes.
 */
export function itemCounts(db: Database): { library: number; unfiled: number; trash: number } {
  return cachedCounts(db, () => {
    const all = one(db, 'SELECT count(*) FROM items', []);
    const trash = one(db, 'SELECT count(*) FROM items WHERE deleted_at IS NOT NULL', []);
    // collection_count is kept by triggers (migration 21) and indexed for live items
    const unfiled = one(
      db,
      'SELECT count(*) FROM items WHERE deleted_at IS NULL AND collection_count = 0',
      [],
    );
    return { library: all - trash, unfiled, trash };
  });
}

const countsCache = new WeakMap<
  Database,
  { stamp: string; value: ReturnType<typeof itemCounts> }
>();

function cachedCounts(
  db: Database,
  compute: () => ReturnType<typeof itemCounts>,
): ReturnType<typeof itemCounts> {
  if (db.inTransaction) return compute();
  const stamp = changeStamp(db);
  const hit = countsCache.get(db);
  if (hit && hit.stamp === stamp) return { ...hit.value };
  const value = compute();
  countsCache.set(db, { stamp, value });
  return { ...value };
}
