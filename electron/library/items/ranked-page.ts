// The first pages of a search by relevance without ranking every match into a temporary table.
//
// The general ranked query (list.ts `ordering`) materialises bm25 for every item the positive
// terms match, groups it with the body sources, joins it to every member and sorts them all:
// 60–240 ms CPU at 100k items for a three-letter prefix that matches half the library. Here
// the same order is reached with far less work, exactly:
//
//   score(x) = items bm25(x) + the body sources' discounted best hits (notes, annotations,
//   PDF pages); a member no source matches scores 0. Order: score, then id.
//
// - B: the members some body source matches (usually few; none in a library without notes or
//   PDFs). Their scores come from the same rank statements, restricted to them.
// - A: every other member scores its items bm25 alone, so its best `offset + limit` come
//   from one FTS5 scan filtered to the members, sorted by SQLite with a LIMIT (a bounded
//   sorter instead of a temporary table of every match, its GROUP BY and a join).
// - Z: members nothing matches score 0 and sort after every match by id; needed only when A
//   has fewer than `offset + limit` negative scores.
//
// The union of B, the top of A and the top of Z holds the page; sorting it by (score, id)
// gives the general query's rows. FTS5's own `ORDER BY rank` was measured and dropped: at
// 100k it took 27 ms for `qui*` against 16 ms for bm25 sorted by SQLite with a LIMIT.
import type { Database } from 'better-sqlite3';
import { cached } from '../db/statements';
import { ANNOTATION_ITEMS, type CompiledQuery, NOTE_ITEMS, PAGE_ITEMS } from '../search/compile';
import { ITEM_WEIGHTS, rankCte } from '../search/rank';

interface Sql {
  sql: string;
  params: unknown[];
}

/** Above this many body-matched members the general query is used (their scores are summed). */
const MAX_BODY = 5000;
/** Items with body hits fetched before narrowing them to the members. */
const MAX_HITS = 20_000;

interface Scored {
  id: number;
  score: number;
}

/**
 * Ids of rows `offset .. offset + limit` of `members` by relevance (ascending), or null when
 * this path does not apply (no item terms to rank by, or too many body matches); with the
 * number of members when they were counted on the way.
 * `members`: SQL of the live ids the view and query select, one column.
 */
export function rankedPageIds(
  db: Database,
  query: CompiledQuery,
  members: Sql,
  offset: number,
  limit: number,
  /**
   * An FTS5 expression whose live matches are all members (one word, or words matching in
   * items_fts alone, in the library view), with the same phrases in the same order as
   * `query.metaMatch`, so bm25 scores a row the same: the best scores then need no members at
   * all, only the trash left out.
   */
  liveMatches: string | null = null,
): { ids: number[]; total?: number } | null {
  if (!query.metaMatch) return null;
  const k = offset + limit;
  const withMembers = `WITH members (id) AS MATERIALIZED (${members.sql})`;
  let body: number[] = [];
  if (query.bodyMatch) {
    // the body sources first, alone: usually nothing matches and the members are not needed
    const m = query.bodyMatch;
    const hits = cached<unknown[], number>(
      db,
      `SELECT item_id FROM (${NOTE_ITEMS} UNION ${ANNOTATION_ITEMS} UNION ${PAGE_ITEMS})
         LIMIT ${MAX_HITS + 1}`,
    )
      .pluck()
      .all(m, m, m);
    if (hits.length > MAX_HITS) return null;
    if (hits.length > 0) {
      body = cached<unknown[], number>(
        db,
        `${withMembers} SELECT value FROM json_each(?) WHERE value IN (SELECT id FROM members)
           LIMIT ${MAX_BODY + 1}`,
      )
        .pluck()
        .all(...members.params, JSON.stringify(hits));
      if (body.length > MAX_BODY) return null;
    }
  }
  const out: Scored[] = [];
  const bodyJson = JSON.stringify(body);
  if (body.length > 0) {
    const rank = rankCte(query, { sql: 'SELECT value FROM json_each(?)', params: [bodyJson] })!;
    out.push(
      ...cached<unknown[], Scored>(db, `WITH ${rank.sql} SELECT id, score FROM rank`).all(
        ...rank.params,
      ),
    );
  }
  const notBody = body.length > 0 ? 'AND +rowid NOT IN (SELECT value FROM json_each(?))' : '';
  const bodyParam = body.length > 0 ? [bodyJson] : [];
  const bm25 = `bm25(items_fts, ${ITEM_WEIGHTS.join(', ')})`;
  let total: number | undefined;
  if (liveMatches) {
    // a member-less scan skips materialising the members (a 50k-id UNION for `qui` at 100k)
    out.push(
      ...cached<unknown[], Scored>(
        db,
        `SELECT rowid AS id, ${bm25} AS score FROM items_fts WHERE items_fts MATCH ?
           AND +rowid NOT IN (SELECT id FROM items WHERE deleted_at IS NOT NULL) ${notBody}
           ORDER BY score, rowid LIMIT ?`,
      ).all(liveMatches, ...bodyParam, k),
    );
    if (out.filter((r) => r.score < 0).length < k) {
      // the unmatched members (tag matches, say), and their count on the way: the total
      const rows = cached<unknown[], { id: number; part: number }>(
        db,
        `${withMembers} SELECT * FROM (SELECT id, 1 AS part FROM members
           WHERE id NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)
           ${body.length > 0 ? 'AND id NOT IN (SELECT value FROM json_each(?))' : ''}
           ORDER BY id LIMIT ?)
         UNION ALL
         SELECT count(*), 2 FROM members`,
      ).all(...members.params, liveMatches, ...bodyParam, k);
      for (const r of rows) {
        if (r.part === 2) total = r.id;
        else out.push({ id: r.id, score: 0 });
      }
    }
  } else {
    // One statement over the members, materialised once: the best scores, the unmatched
    // members only when fewer than k scores are negative (an uncorrelated condition SQLite
    // tests once, before the scan), and their count, which is the view's total.
    const rows = cached<unknown[], Scored & { part: number }>(
      db,
      `${withMembers}, top (id, score) AS MATERIALIZED (
         SELECT rowid, ${bm25} FROM items_fts WHERE items_fts MATCH ?
           AND +rowid IN (SELECT id FROM members) ${notBody}
         ORDER BY 2, 1 LIMIT ?)
       SELECT id, score, 0 AS part FROM top
       UNION ALL
       SELECT * FROM (SELECT id, 0, 1 FROM members
         WHERE (SELECT count(*) FROM top WHERE score < 0) < ?
           AND id NOT IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)
           ${body.length > 0 ? 'AND id NOT IN (SELECT value FROM json_each(?))' : ''}
         ORDER BY id LIMIT ?)
       UNION ALL
       SELECT count(*), 0, 2 FROM members`,
    ).all(...members.params, query.metaMatch, ...bodyParam, k, k, query.metaMatch, ...bodyParam, k);
    for (const r of rows) {
      if (r.part === 2) total = r.id;
      else out.push({ id: r.id, score: r.score });
    }
  }
  out.sort((a, b) => a.score - b.score || a.id - b.id);
  return { ids: out.slice(offset, k).map((r) => r.id), ...(total === undefined ? {} : { total }) };
}
