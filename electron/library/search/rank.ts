// Relevance and snippets for a compiled query. Ranking is FTS5's BM25 with the item's title and
// creators weighted over its abstract and other fields, plus discounted scores from notes,
// annotations and PDF pages, so an item whose title says it ranks above one that mentions it.
import type { Database } from 'better-sqlite3';
import type { Snippet, SnippetSource } from '../../../shared/domain/search';
import { cached } from '../db/statements';
import { ftsExtraSql } from '../db/items-fts-row';
import type { CompiledQuery } from './compile';
import { CLOSE, metaSnippet, OPEN, SNIPPET_WORDS as TOKENS } from './meta-snippet';

/** items_fts columns: title, creators, abstract, venue, extra (key, DOI, every other field). */
export const ITEM_WEIGHTS = [10, 6, 2, 2, 1] as const;
const NOTE_FACTOR = 0.5;
const ANNOTATION_FACTOR = 0.5;
const PAGE_FACTOR = 0.3;

/**
 * A `rank(id, score)` CTE: one row per matching item, score negative, smaller = more relevant.
 * Body sources take each item's best hit only, so a long PDF does not outrank a good title.
 */
export function rankCte(
  q: CompiledQuery,
  only?: { sql: string; params: unknown[] },
): { sql: string; params: unknown[] } | null {
  if (!q.metaMatch && !q.bodyMatch) return null;
  // Each source is its own MATERIALIZED CTE: FTS5 auxiliary functions such as bm25() cannot be
  // evaluated inside an aggregate, which is where query flattening would otherwise move them.
  const ctes: string[] = [];
  const names: string[] = [];
  const params: unknown[] = [];
  // `only`: score just these ids (same statements, so the same sums); `+` keeps FTS5 from
  // re-running its MATCH once per id (see snippetsFor)
  const source = (
    name: string,
    factor: number,
    inner: string,
    match: string,
    best: boolean,
    id: string,
  ) => {
    const filter = only ? ` AND ${id} IN (${only.sql})` : '';
    ctes.push(`${name} (id, s) AS MATERIALIZED (${inner}${filter})`);
    names.push(
      best
        ? `SELECT id, min(s) * ${factor} AS s FROM ${name} GROUP BY id`
        : `SELECT id, s * ${factor} AS s FROM ${name}`,
    );
    params.push(match, ...(only ? only.params : []));
  };
  if (q.metaMatch) {
    source(
      'rank_items',
      1,
      `SELECT rowid, bm25(items_fts, ${ITEM_WEIGHTS.join(', ')}) FROM items_fts WHERE items_fts MATCH ?`,
      q.metaMatch,
      false,
      '+rowid',
    );
  }
  if (q.bodyMatch) {
    source(
      'rank_notes',
      NOTE_FACTOR,
      `SELECT n.item_id, bm25(notes_fts) FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
       WHERE notes_fts MATCH ? AND n.item_id IS NOT NULL AND n.deleted_at IS NULL`,
      q.bodyMatch,
      true,
      'n.item_id',
    );
    source(
      'rank_annotations',
      ANNOTATION_FACTOR,
      `SELECT a.item_id, bm25(annotations_fts) FROM annotations_fts
       JOIN annotations an ON an.id = annotations_fts.rowid JOIN attachments a ON a.id = an.attachment_id
       WHERE annotations_fts MATCH ?`,
      q.bodyMatch,
      true,
      'a.item_id',
    );
    source(
      'rank_pages',
      PAGE_FACTOR,
      `SELECT a.item_id, bm25(pages_fts) FROM pages_fts
       JOIN attachment_pages p ON p.rowid = pages_fts.rowid JOIN attachments a ON a.id = p.attachment_id
       WHERE pages_fts MATCH ?`,
      q.bodyMatch,
      true,
      'a.item_id',
    );
  }
  ctes.push(
    `rank (id, score) AS (SELECT id, sum(s) FROM (${names.join(' UNION ALL ')}) GROUP BY id)`,
  );
  return { sql: ctes.join(',\n'), params };
}

/** Splits FTS5 snippet output (hits wrapped in control characters) into parts. */
export function snippetParts(marked: string): Snippet['parts'] {
  const parts: Snippet['parts'] = [];
  for (const piece of marked.split(OPEN)) {
    const close = piece.indexOf(CLOSE);
    if (close < 0) {
      if (piece) parts.push({ text: piece, hit: false });
      continue;
    }
    parts.push({ text: piece.slice(0, close), hit: true });
    const rest = piece.slice(close + 1);
    if (rest) parts.push({ text: rest, hit: false });
  }
  return parts;
}

function snip(table: string, col: number): string {
  return `snippet(${table}, ${col}, '${OPEN}', '${CLOSE}', '…', ${TOKENS})`;
}

// Preference when an item matches in several places: the text the table does not already show.
const META_ORDER: [number, SnippetSource][] = [
  [2, 'abstract'],
  [0, 'title'],
  [1, 'creators'],
  [3, 'venue'],
  [4, 'fields'],
];

/** Snippets for the rows of one page (a handful of ids, so per-id statements are cheap). */
export function snippetsFor(db: Database, q: CompiledQuery, ids: number[]): Map<number, Snippet> {
  const out = new Map<number, Snippet>();
  const hit = (s: string | undefined | null) => typeof s === 'string' && s.includes(OPEN);
  // One JSON parameter instead of one per id, so each statement is prepared once (cached).
  const idList = JSON.stringify(ids);
  const holders = 'SELECT value FROM json_each(?)';
  const meta = new Map<number, Record<string, string>>();
  if (q.metaMatch) {
    // the text items_fts indexed (items_fts keeps none: it is contentless), cut in JavaScript
    const rows = cached<[string], Record<string, string | null> & { id: number }>(
      db,
      `SELECT i.id AS id, i.title AS c0, i.creators_text AS c1, i.abstract AS c2, i.venue AS c3,
         ${ftsExtraSql('i')} AS c4 FROM items i WHERE i.id IN (${holders})`,
    ).all(idList);
    for (const r of rows) {
      const cut: Record<string, string> = {};
      for (const [c] of META_ORDER) {
        const s = metaSnippet(r[`c${c}`] ?? '', c, q.metaTerms);
        if (s !== null) cut[`c${c}`] = s;
      }
      meta.set(r.id, cut);
    }
  }
  const take = (id: number, source: SnippetSource, text: string, page?: number) => {
    if (!out.has(id)) out.set(id, { source, parts: snippetParts(text), ...(page ? { page } : {}) });
  };
  // abstract first
  for (const [id, r] of meta) if (hit(r.c2)) take(id, 'abstract', r.c2!);
  if (q.bodyMatch) {
    const notes = cached<unknown[], { id: number; s: string }>(
      db,
      `SELECT n.item_id AS id, ${snip('notes_fts', -1)} AS s FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid
         WHERE notes_fts MATCH ? AND n.deleted_at IS NULL AND n.item_id IN (${holders}) ORDER BY rank`,
    ).all(q.bodyMatch, idList);
    for (const r of notes) take(r.id, 'note', r.s);
    const anns = cached<unknown[], { id: number; s: string; page: number }>(
      db,
      `SELECT a.item_id AS id, an.page, ${snip('annotations_fts', -1)} AS s FROM annotations_fts
         JOIN annotations an ON an.id = annotations_fts.rowid JOIN attachments a ON a.id = an.attachment_id
         WHERE annotations_fts MATCH ? AND a.item_id IN (${holders}) ORDER BY rank`,
    ).all(q.bodyMatch, idList);
    for (const r of anns) take(r.id, 'annotation', r.s, r.page);
    const pages = cached<unknown[], { id: number; s: string; page: number }>(
      db,
      `SELECT a.item_id AS id, p.page, ${snip('pages_fts', 0)} AS s FROM pages_fts
         JOIN attachment_pages p ON p.rowid = pages_fts.rowid JOIN attachments a ON a.id = p.attachment_id
         WHERE pages_fts MATCH ? AND a.item_id IN (${holders}) ORDER BY rank`,
    ).all(q.bodyMatch, idList);
    for (const r of pages) take(r.id, 'page', r.s, r.page);
  }
  for (const [id, r] of meta) {
    for (const [c, source] of META_ORDER) {
      const s = r[`c${c}`];
      if (hit(s)) {
        take(id, source, s!);
        break;
      }
    }
  }
  return out;
}
