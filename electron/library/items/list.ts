import type { Database } from 'better-sqlite3';
import type { ItemRow, SortColumn } from '../../../shared/domain/item';
import type { ItemView } from '../../../shared/domain/library';
import { RELEVANCE_LIMIT, type QueryError } from '../../../shared/domain/search';
import { cachedUntilChange as cachedCount, recentUntilChange } from '../db/change-cache';
import { cached, cachedIds } from '../db/statements';
import { notFound } from '../errors';
import { type CompiledQuery, compileQuery } from '../search/compile';
import { ensureSearchFunctions } from '../search/functions';
import { parseQuery } from '../search/parse';
import { rankCte, snippetsFor } from '../search/rank';
import { liveAndTrash } from './live-counts';
import {
  hasKeptPosition,
  keptPageStart,
  keptPosition,
  positionsSupported,
  seekFrom,
} from './positions';
import { rankedPageIds } from './ranked-page';
import { SORT_INDEX, SORT_SQL } from './sort-columns';
import { type ItemListDbRow, toItemRow } from './rows';

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

/**
 * As for a missing smart collection: a deleted collection's view is an error, not an empty page
 * the UI would show as a collection emptied of its items.
 */
function requireCollection(db: Database, id: number): void {
  const found = cached<[number], number>(db, 'SELECT 1 FROM collections WHERE id = ?')
    .pluck()
    .get(id);
  if (found === undefined) throw notFound('Collection', id);
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
      requireCollection(db, view.id);
      return {
        sql: 'i.deleted_at IS NULL AND i.id IN (SELECT item_id FROM collection_items WHERE collection_id = ?)',
        params: [view.id],
      };
    case 'tag': {
      const t = tagFilter(view.name);
      return { sql: `i.deleted_at IS NULL AND ${t.sql}`, params: t.params };
    }
    case 'saved': {
      const text = cached<[number], string>(db, 'SELECT query FROM saved_searches WHERE id = ?')
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
function tagMembers(name: string): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT DISTINCT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id
          WHERE t.name = ? OR t.name LIKE ? ESCAPE '\\'`,
    params: [name, `${name.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`],
  };
}

function tagFilter(name: string): { sql: string; params: unknown[] } {
  const m = tagMembers(name);
  return { sql: `i.id IN (${m.sql})`, params: m.params };
}

/**
 * Search results are ranked by relevance up to this many matches in the view; above it they
 * come newest first (date added), as the view without a search does, and the page says so
 * (`ListResult.sortedBy`). Ranking scores every match (FTS5 bm25 reads each match's position
 * lists and its length record): 17 ms for the 46k matches of a three-letter prefix at 100k
 * items, more than a keystroke may take (B4: p99 ≤ 16 ms), for an order nobody reads that far
 * down. Typing one more letter narrows most searches below it. A product decision, see
 * docs/search-and-cite.md. Tests lower it through `setRelevanceLimit`.
 */
let relevanceLimit = RELEVANCE_LIMIT;

/** For tests: rank at most `n` matches (undefined: back to RELEVANCE_LIMIT). */
export function setRelevanceLimit(n?: number): void {
  relevanceLimit = n ?? RELEVANCE_LIMIT;
}

/**
 * A query of words whose tags, notes and PDF text match nothing matches exactly its items_fts
 * rows: one FTS5 expression (the words ANDed) instead of a UNION of every source per word and,
 * for several words, their INTERSECT (which built two 50k-row sets for `pha graph` at 100k).
 * Whether the other sources match anything is cached until the library changes.
 */
function ftsOnly(db: Database, query: CompiledQuery): CompiledQuery {
  const split = query.split;
  if (!split) return query;
  // one EXISTS per source, so the first hit ends the test (an EXISTS over their UNION built it)
  const rest = cachedCount(db, JSON.stringify(['rest', split.rest.sql, split.rest.params]), () =>
    one(
      db,
      `SELECT ${split.restParts.map((p) => `EXISTS (${p.sql})`).join(' OR ')}`,
      split.restParts.flatMap((p) => p.params),
    ),
  );
  if (rest !== 0) return query;
  return {
    ...query,
    where: `i.id IN (${split.fts.sql})`,
    params: split.fts.params,
    members: split.fts,
    ftsOnly: true,
  };
}

function whereClause(db: Database, q: ListQuery): Where | { error: QueryError } {
  const compiled = compile(db, q.search, q.fullText ?? true);
  if (!compiled.ok) return { error: compiled.error };
  const c = compiled.query ? { ok: true, query: ftsOnly(db, compiled.query) } : compiled;
  // Several tags are one membership test on the intersection of their members: SQLite would
  // otherwise look up every item of the first tag to test the others (9 ms against 1.6 ms for
  // two tags of 6,000 and 3,000 items at 100k).
  const tags = q.tags ?? [];
  const merged = q.view.kind === 'tag' && tags.length > 0;
  const v = merged ? { sql: 'i.deleted_at IS NULL', params: [] } : viewFilter(db, q.view);
  const f = { sql: v.sql, params: [...v.params] };
  const names = merged && q.view.kind === 'tag' ? [q.view.name, ...tags] : tags;
  if (names.length > 0) {
    const members = names.map(tagMembers);
    f.sql += ` AND i.id IN (${members.map((m) => m.sql).join(' INTERSECT ')})`;
    f.params.push(...members.flatMap((m) => m.params));
  }
  if (!c.query) return { ...f, query: null };
  return {
    sql: `${f.sql} AND ${c.query.where}`,
    params: [...f.params, ...c.query.params],
    query: c.query,
  };
}

const ATTACHMENTS = 'i.attachment_count AS attachments';

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

function ordering(sort: Sort, w: Where): Ordering {
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
  /**
   * Set when relevance was asked for (or no sort given) but the query matches more than
   * RELEVANCE_LIMIT items: the rows come in this order instead (newest first).
   */
  sortedBy?: { column: SortColumn; direction: 'asc' | 'desc' };
}

type Sort = { column: ListSortColumn; direction: 'asc' | 'desc' };

const one = (db: Database, sql: string, params: unknown[]): number =>
  cached<unknown[], number>(db, sql)
    .pluck()
    .get(...params)!;

/**
 * The ids a library, collection or tag view (with tag filters) narrows to, trashed ones
 * included; null when the view is not such a set (or a search narrows it further).
 */
function memberSet(q: ListQuery, w: Where): { sql: string; params: unknown[] } | null {
  if (w.query) return null;
  const parts: { sql: string; params: unknown[] }[] = [];
  if (q.view.kind === 'collection') {
    parts.push({
      sql: 'SELECT item_id FROM collection_items WHERE collection_id = ?',
      params: [q.view.id],
    });
  } else if (q.view.kind !== 'library' && q.view.kind !== 'tag') return null;
  for (const name of [...(q.view.kind === 'tag' ? [q.view.name] : []), ...(q.tags ?? [])]) {
    parts.push(tagMembers(name));
  }
  if (parts.length === 0) return { sql: '', params: [] };
  return {
    sql: parts.map((p) => p.sql).join(' INTERSECT '),
    params: parts.flatMap((p) => p.params),
  };
}

/**
 * Items in a view. The trash is small, so "live items in a set" is counted as the set's size
 * minus its trashed members, which touches no item rows.
 */
function countView(db: Database, q: ListQuery, w: Where): number {
  // words typed into the search box: their distinct matches, minus the trashed ones, from
  // the ids each source gives (see liveMatches), without looking up any item row
  const words = liveMatches(db, q, w);
  if (words) return words.live;
  const set = memberSet(q, w);
  if (!set) return one(db, `SELECT count(*) FROM items i WHERE ${w.sql}`, w.params);
  if (!set.sql) return liveAndTrash(db).library;
  const all = one(db, `SELECT count(*) FROM (${set.sql})`, set.params);
  const trashed = one(
    db,
    `SELECT count(*) FROM items i WHERE i.deleted_at IS NOT NULL AND i.id IN (${set.sql})`,
    set.params,
  );
  return all - trashed;
}

/** `known`: the count when a caller already has it (stored for the next call). */
function viewTotal(db: Database, q: ListQuery, w: Where, known?: number): number {
  const key = JSON.stringify(['view', q.view, q.search, q.fullText ?? true, q.tags ?? []]);
  return cachedCount(db, key, () => known ?? countView(db, q, w));
}

function liveCount(db: Database): number {
  return liveAndTrash(db).library;
}

const NEWEST_FIRST = { column: 'dateAdded', direction: 'desc' } as const;

/**
 * The sort that applies: relevance without words to rank by, or over more than
 * RELEVANCE_LIMIT matches, is newest first.
 */
function effectiveSort(db: Database, q: ListQuery, w: Where): Sort {
  const sort = q.sort ?? { column: 'relevance', direction: 'asc' };
  if (sort.column !== 'relevance') return sort;
  if (!(w.query && rankCte(w.query))) return NEWEST_FIRST;
  return overRelevanceLimit(db, q, w) ? NEWEST_FIRST : sort;
}

/** Relevance was asked for (or implied) and the query ranks, but it matches too many items. */
function overRelevanceLimit(db: Database, q: ListQuery, w: Where): boolean {
  const sort = q.sort ?? { column: 'relevance', direction: 'asc' };
  if (sort.column !== 'relevance' || !(w.query && rankCte(w.query))) return false;
  return viewTotal(db, q, w) > relevanceLimit;
}

interface PageQuery {
  /** The WITH clause `inner` needs when it is not the ordering's (see rankedMembersPage). */
  cte?: string;
  /** The page's ids, LIMIT ? OFFSET ? last. */
  inner: string;
  sql: string;
  params: unknown[];
  total: number;
}

const COLUMNS = `i.id, i.type, i.citation_key, i.title, i.creators_text, i.year, i.venue,
  i.date_added, i.date_modified, i.read_state, i.starred, i.rating, i.deleted_at, ${ATTACHMENTS}`;

/**
 * A page's columns. Until some tag has a colour (none has in a new or imported library), the
 * colour dots are the empty list json_group_array gives for no rows, without the per-row
 * subquery (0.1 ms of a 100-row page at 100k). Whether any has is cached until a change.
 */
function pageColumns(db: Database): string {
  const coloured = cachedCount(
    db,
    'coloured-tags',
    () => one(db, 'SELECT EXISTS (SELECT 1 FROM tags WHERE color IS NOT NULL)', []) === 1,
  );
  return `${COLUMNS}, ${coloured ? COLORS : `'[]' AS colors`}`;
}

/**
 * One word typed into the search box of the library view, by relevance: the page is ranked
 * from the word's distinct matches and the small trash, instead of from every matching item's
 * row (at 100k a three-letter prefix can match 50k items, each looked up only to read
 * deleted_at). Same rows and order as the general query: members minus trashed, score, id.
 */
function rankedMembersPage(
  db: Database,
  q: ListQuery,
  w: Where,
  sort: Sort,
  total: number,
): PageQuery | null {
  const m = w.query?.members;
  if (sort.column !== 'relevance' || !m || q.view.kind !== 'library' || q.tags?.length) return null;
  const rank = rankCte(w.query!);
  if (!rank) return null;
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const cte = `WITH ${rank.sql}, members (id) AS (${m.sql})`;
  const inner = `SELECT mb.id, coalesce(r.score, 0) AS score FROM members mb
     LEFT JOIN rank r ON r.id = mb.id
     WHERE mb.id NOT IN (SELECT id FROM items WHERE deleted_at IS NOT NULL)
     ORDER BY score ${dir}, mb.id ${dir} LIMIT ? OFFSET ?`;
  return {
    cte,
    inner,
    sql: `${cte}, page AS (${inner})
       SELECT ${pageColumns(db)} FROM page JOIN items i ON i.id = page.id
       ORDER BY page.score ${dir}, i.id ${dir}`,
    params: [...rank.params, ...m.params],
    total,
  };
}

function pageQuery(db: Database, q: ListQuery, w: Where): PageQuery {
  const total = viewTotal(db, q, w);
  // A big library, collection or tag view is paged by walking the sort column's index and testing
  // membership: it stops after `offset + limit` hits instead of loading and sorting every
  // member. A small one is cheaper to fetch by id and sort. INDEXED BY alone makes SQLite test
  // `i.id IN (...)` as membership instead of looking members up by id.
  const sort = effectiveSort(db, q, w);
  const o = ordering(sort, w);
  const ranked = rankedMembersPage(db, q, w, sort, total);
  if (ranked) return ranked;
  const index = sort.column === 'relevance' ? undefined : SORT_INDEX[sort.column];
  const set = index ? memberSet(q, w) : null;
  // A query that is not ranked (a saved search such as `tag:x year:2000..2030`, or a search in
  // another sort order) walks the same way when it matches many items: its members are
  // materialised once and the walk stops after a page, instead of sorting every member
  // (B6c). Only over live items: the walk's indexes are partial (deleted_at IS NULL).
  const liveQuery =
    (w.query !== null || q.view.kind === 'saved') && w.sql.startsWith('i.deleted_at IS NULL AND ');
  const walk = index && (set || liveQuery) && total * 200 > liveCount(db);
  // The page's ids first, then its columns: SQLite's sorter would otherwise evaluate the
  // per-row subqueries (the colour dots) for every row of the view, not just 100.
  const inner = `SELECT i.id FROM items i ${walk ? `INDEXED BY ${index}` : ''} ${o.join}
     WHERE ${w.sql} ${o.order} LIMIT ? OFFSET ?`;
  return {
    inner,
    sql: `${o.cte ? `${o.cte},` : 'WITH'} page AS (${inner})
       SELECT ${pageColumns(db)} FROM page JOIN items i ON i.id = page.id ${o.join} ${o.order}`,
    params: [...o.cteParams, ...w.params],
    total,
  };
}

/**
 * A relevance page picked by rankedPageIds (a bounded sort instead of ranking every match),
 * or null when that path does not apply; the rows in the general query's order.
 */
function topRankedRows(
  db: Database,
  q: ListQuery,
  w: Where,
  offset: number,
  limit: number,
): ItemListDbRow[] | null {
  const asked = q.sort ?? { column: 'relevance', direction: 'asc' };
  if (!w.query || asked.column !== 'relevance' || asked.direction !== 'asc') return null;
  if (!rankCte(w.query)) return null;
  const m = w.query.members;
  // one word in the library view: its distinct matches minus the (small) trash, without
  // looking up each match's row; otherwise the view's and query's live ids
  const matchesMinusTrash = !!m && q.view.kind === 'library' && !q.tags?.length;
  const live =
    matchesMinusTrash && (w.query.oneWord === true || w.query.ftsOnly === true)
      ? w.query.split!.match
      : null;
  // Whether the search matches more than the relevance limit needs its count. Over the
  // members, the ranking statement counts them on the way, so the count is not taken twice
  // (an INTERSECT of two words' matches: 4–15 ms at 100k); unless the words' FTS5 AND alone
  // (a lower bound, cheap) is over the limit already.
  if (live || !w.query.split) {
    if (overRelevanceLimit(db, q, w)) return null;
  } else {
    if (ftsMatches(db, w.query) - liveAndTrash(db).trash > relevanceLimit) return null;
  }
  // several words with other sources (tags, notes, PDFs): their live matches, worked out in
  // JavaScript (newestFirstOverLimit did so already), listed for the ranking
  const set = live ? null : liveMatches(db, q, w);
  if (set && set.live > relevanceLimit) return null;
  const members = set
    ? { sql: 'SELECT value FROM json_each(?)', params: [JSON.stringify(set.ids())] }
    : m && matchesMinusTrash
      ? {
          sql: `${m.sql} EXCEPT SELECT id FROM items WHERE deleted_at IS NOT NULL`,
          params: m.params,
        }
      : { sql: `SELECT i.id FROM items i WHERE ${w.sql}`, params: w.params };
  const ids = rankedPageIds(
    db,
    w.query,
    members,
    offset,
    limit,
    // one word, or words that match in items_fts alone: every live item their FTS5
    // expression matches is a member
    live,
  );
  if (!ids) return null;
  // the members counted on the way are the view's total: seed the count's cache with them
  if (ids.total !== undefined) viewTotal(db, q, w, ids.total);
  // over the limit after all (tags or notes added matches): newest first (pageQuery)
  if (overRelevanceLimit(db, q, w)) return null;
  return rowsInOrder(db, ids.ids);
}

/**
 * How many items the words' FTS5 expression matches (trashed included): a lower bound of a
 * words query's matches, cheap from one doclist per word; cached until the library changes.
 */
function ftsMatches(db: Database, query: CompiledQuery): number {
  const fts = query.split!.fts;
  return cachedCount(db, JSON.stringify(['fts', fts.params]), () => sourceIds(db, fts).length);
}

/**
 * The ids one search source gives (a word's FTS5 matches, its tags' items, …), kept for the
 * next keystrokes until the library changes: typing a second word asks for the first word's
 * again each time (3 ms for a three-letter prefix matching half of 100k items, 12 ms for a
 * six-letter one, which no prefix index serves). Also what a count of an FTS5 expression reads:
 * listing the ids as one JSON array costs little more than counting them, and the newest-first
 * page needs them.
 */
function sourceIds(db: Database, source: { sql: string; params: unknown[] }): number[] {
  return recentUntilChange(db, JSON.stringify([source.sql, source.params]), () =>
    cachedIds(db, source.sql, source.params),
  );
}

/** Rows in the order of `ids` (a page picked by id), with the page's columns. */
function rowsInOrder(db: Database, ids: number[]): ItemListDbRow[] {
  const rows = cached<[string], ItemListDbRow>(
    db,
    `SELECT ${pageColumns(db)} FROM items i WHERE i.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids));
  const at = new Map(ids.map((id, n) => [id, n]));
  return rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
}

/**
 * The ids a words query matches (trashed included), as a membership test and its size. Each
 * word's sources (its FTS5 term, tags, notes, annotations, PDF pages) are read one by one into
 * a byte per item, one bit per word: SQLite's UNION of them, intersected across words, built
 * and deduplicated a temporary b-tree of every match (21 ms for the 50k matches of `bio` at
 * 100k items, 27–36 ms for two common words, against 5 and 11 ms here).
 */
function matchTest(
  db: Database,
  query: CompiledQuery,
  members: { sql: string; params: unknown[] },
): { has: (id: number) => boolean; size: number; ids: () => number[] } {
  const words = query.ftsOnly
    ? [[query.split!.fts]]
    : query.words?.map((w) => [w.fts, ...w.restParts]);
  if (!words || words.length > 8) {
    const set = new Set(
      cached<unknown[], number>(db, members.sql)
        .pluck()
        .all(...members.params),
    );
    return { has: (id) => set.has(id), size: set.size, ids: () => [...set] };
  }
  const maxId = one(db, 'SELECT coalesce(max(id), 0) FROM items', []);
  const marks = new Uint8Array(maxId + 1);
  words.forEach((sources, k) => {
    const bit = 1 << k;
    for (const s of sources) {
      for (const id of sourceIds(db, s)) if (id <= maxId) marks[id]! |= bit;
    }
  });
  const all = (1 << words.length) - 1;
  let size = 0;
  for (let id = 0; id <= maxId; id++) if (marks[id] === all) size++;
  const ids = () => {
    const out: number[] = [];
    for (let id = 0; id <= maxId; id++) if (marks[id] === all) out.push(id);
    return out;
  };
  return { has: (id) => id <= maxId && marks[id] === all, size, ids };
}

interface LiveMatches {
  /** Whether a (live or trashed) item matches. */
  has: (id: number) => boolean;
  /** How many live items match: the view's total. */
  live: number;
  /** The live items that match, by id. */
  ids: () => number[];
}

// One keystroke's match set, shared by the newest-first and the ranked paths (the same
// `Where` object serves one items.list call).
const liveMatchMemo = new WeakMap<Where, LiveMatches>();

/**
 * The live matches of a words search in the library view (no tag filter), worked out once per
 * call through matchTest (the view's count, the newest-first page and the ranked path all read
 * them); null where that does not apply.
 */
function liveMatches(db: Database, q: ListQuery, w: Where): LiveMatches | null {
  const m = w.query?.members;
  if (!w.query?.split || !m || q.view.kind !== 'library' || q.tags?.length) return null;
  const known = liveMatchMemo.get(w);
  if (known) return known;
  const test = matchTest(db, w.query, m);
  const trashed = new Set<number>();
  if (liveAndTrash(db).trash > 0) {
    for (const id of cached<[], number>(db, 'SELECT id FROM items WHERE deleted_at IS NOT NULL')
      .pluck()
      .iterate()) {
      if (test.has(id)) trashed.add(id);
    }
  }
  const out = {
    has: test.has,
    live: test.size - trashed.size,
    ids: () => test.ids().filter((id) => !trashed.has(id)),
  };
  liveMatchMemo.set(w, out);
  return out;
}

/**
 * A search of words in the library view that is over the relevance limit: its matches (see
 * liveMatches) give both the count and the page, walked in the date-added index and tested
 * against them in JavaScript. The SQL walk tested
 * `i.id IN (…)` against the same matches built a second time after counting them (a UNION
 * per word, intersected: 25–40 ms each for two common words at 100k). Same rows, same order
 * (date added, id, descending; live items only), same total.
 */
function newestFirstOverLimit(
  db: Database,
  q: ListQuery,
  w: Where,
  offset: number,
  limit: number,
): { rows: ItemListDbRow[]; total: number } | null {
  const asked = q.sort ?? { column: 'relevance', direction: 'asc' };
  const query = w.query;
  const m = query?.members;
  if (asked.column !== 'relevance' || !query?.split || !m || !rankCte(query)) return null;
  if (q.view.kind !== 'library' || q.tags?.length) return null;
  const trash = liveAndTrash(db).trash;
  // words matching in items_fts alone are counted by their FTS5 expression; other words by
  // their sources' ids, which the ranked path and the view's count then reuse
  if (query.ftsOnly === true && ftsMatches(db, query) - trash <= relevanceLimit) return null;
  const isMatch = liveMatches(db, q, w)!;
  if (isMatch.live <= relevanceLimit) return null;
  const total = isMatch.live;
  const ids: number[] = [];
  let skip = offset;
  for (const id of cached<[], number>(
    db,
    `SELECT i.id FROM items i INDEXED BY items_live_added WHERE i.deleted_at IS NULL
       ORDER BY i.date_added DESC, i.id DESC`,
  )
    .pluck()
    .iterate()) {
    if (!isMatch.has(id)) continue;
    if (skip > 0) skip--;
    else if (ids.push(id) >= limit) break;
  }
  return { rows: rowsInOrder(db, ids), total };
}

/** The whole library, unsearched and unfiltered: the view the kept position index serves. */
function plainLibrary(q: ListQuery, w: Where): boolean {
  return q.view.kind === 'library' && !w.query && !q.tags?.length;
}

/**
 * A deep page of the library view, started at its first row found through the kept position
 * index (items/positions.ts) instead of walking OFFSET rows; null where that does not apply.
 */
function seekPage(db: Database, q: ListQuery, w: Where, offset: number): PageQuery | null {
  const sort = effectiveSort(db, q, w);
  if (offset < seekFrom() || !plainLibrary(q, w) || !positionsSupported(sort.column)) return null;
  const total = viewTotal(db, q, w);
  const start = keptPageStart(db, sort.column, sort.direction, offset, liveAndTrash(db).library);
  if (!start) return null;
  const o = ordering(sort, w);
  const inner = `SELECT i.id FROM items i INDEXED BY ${start.index}
     WHERE ${w.sql} AND ${start.where} ${o.order} LIMIT ? OFFSET ?`;
  return {
    inner,
    sql: `WITH page AS (${inner}) SELECT ${pageColumns(db)} FROM page JOIN items i ON i.id = page.id ${o.order}`,
    params: [...w.params, ...start.params],
    total,
  };
}

export function listItems(db: Database, q: ListQuery, offset: number, limit: number): ListResult {
  const w = whereClause(db, q);
  if ('error' in w) return { total: 0, rows: [], queryError: w.error };
  const big = newestFirstOverLimit(db, q, w, offset, limit);
  const top = big ? big.rows : topRankedRows(db, q, w, offset, limit);
  const total = top ? viewTotal(db, q, w) : 0;
  const seek = top ? null : seekPage(db, q, w, offset);
  const p = top ? null : (seek ?? pageQuery(db, q, w));
  const rows = (
    top ?? cached<unknown[], ItemListDbRow>(db, p!.sql).all(...p!.params, limit, seek ? 0 : offset)
  ).map(toItemRow);
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
  return {
    total: p ? p.total : total,
    rows,
    ...(overRelevanceLimit(db, q, w) ? { sortedBy: NEWEST_FIRST } : {}),
  };
}

/**
 * EXPLAIN QUERY PLAN of a view's page query (the part that picks the page's ids), so tests
 * can hold the plan, not the timing. Empty for a query that does not parse.
 */
export function explainList(db: Database, q: ListQuery): string {
  const w = whereClause(db, q);
  if ('error' in w) return '';
  const p = pageQuery(db, q, w);
  const o = ordering(effectiveSort(db, q, w), w);
  return (
    db
      .prepare<unknown[], { parent: number; detail: string }>(
        `EXPLAIN QUERY PLAN ${p.cte ?? o.cte} ${p.inner}`,
      )
      .all(...p.params, 100, 0)
      // the top level only: per-row subqueries have plans of their own
      .filter((r) => r.parent === 0)
      .map((r) => r.detail)
      .join(' | ')
  );
}

/** How many items a query matches in a view (0 for a query that does not parse). */
export function countItems(db: Database, q: ListQuery): number {
  const w = whereClause(db, q);
  if ('error' in w) return 0;
  return viewTotal(db, q, w);
}

/** Ids of a whole view in order (select all); ids only, never rows. None for a bad query. */
export function listIds(db: Database, q: ListQuery): number[] {
  const w = whereClause(db, q);
  if ('error' in w) return [];
  const o = ordering(effectiveSort(db, q, w), w);
  return cached<unknown[], number>(
    db,
    `${o.cte} SELECT i.id FROM items i ${o.join} WHERE ${w.sql} ${o.order}`,
  )
    .pluck()
    .all(...o.cteParams, ...w.params);
}

/**
 * Row index of an item in a sorted view, or null when the view does not contain it: the
 * number of view rows that sort before it, counted without loading the view (ranked by
 * relevance, the ids are listed: the rank is not a column to bound).
 */
export function indexOfItem(db: Database, q: ListQuery, id: number): number | null {
  const w = whereClause(db, q);
  if ('error' in w) return null;
  const sort = effectiveSort(db, q, w);
  if (sort.column === 'relevance') {
    const at = listIds(db, q).indexOf(id);
    return at < 0 ? null : at;
  }
  const expr = SORT_SQL[sort.column];
  const found = cached<unknown[], { v: unknown }>(
    db,
    `SELECT ${expr} AS v FROM items i WHERE i.id = ? AND ${w.sql}`,
  ).get(id, ...w.params);
  if (!found) return null;
  const desc = sort.direction === 'desc';
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
    const nulls = sort.column === 'year' ? `${expr} IS NULL OR ` : '';
    before = `(${nulls}(${expr} <= ? AND (${expr} < ? OR i.id < ?)))`;
    params = [found.v, found.v, id];
  }
  if (plainLibrary(q, w) && positionsSupported(sort.column)) {
    // Near the top (a new item in the default view, most titles), counting is cheaper than
    // the kept index and needs none built: count up to the first pages' worth, in the sort
    // index (the planner would scan the table once it guesses a big share of the library).
    // Further down, the kept index answers.
    const near = seekFrom();
    if (!hasKeptPosition(db, sort.column)) {
      const n = one(
        db,
        `SELECT count(*) FROM (SELECT 1 FROM items i INDEXED BY ${SORT_INDEX[sort.column]!}
           WHERE ${w.sql} AND ${before} LIMIT ?)`,
        [...w.params, ...params, near],
      );
      if (n < near) return n;
    }
    const at = keptPosition(
      db,
      sort.column,
      sort.direction,
      [found.v, id],
      liveAndTrash(db).library,
    );
    if (at !== null) return at;
  }
  return one(db, `SELECT count(*) FROM items i WHERE ${w.sql} AND ${before}`, [
    ...w.params,
    ...params,
  ]);
}

/**
 * The sidebar's counts, asked for on every load and change. Live and trashed items follow
 * this connection's writes (live-counts.ts); the unfiled count (1.1 ms at 100k: a walk over
 * every unfiled item) is the sidebar's alone, cached until a change and only counted when asked.
 */
export function itemCounts(db: Database): { library: number; unfiled: number; trash: number } {
  const { library, trash } = liveAndTrash(db);
  // collection_count is kept by triggers (migration 21) and indexed for live items
  const unfiled = cachedCount(db, 'unfiled', () =>
    one(db, 'SELECT count(*) FROM items WHERE deleted_at IS NULL AND collection_count = 0', []),
  );
  return { library, unfiled, trash };
}
