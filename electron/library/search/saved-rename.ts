// Smart collections name tags and collections by name (`tag:ml`, `in:"To read"`). When one is
// renamed, the saved queries naming it are rewritten, so they keep their contents rather than
// silently matching nothing.
import type { Database } from 'better-sqlite3';
import { fold } from './functions';
import { type FieldTerm, fieldTerms } from './parse';

/** A value as the query language reads it back: quoted when it holds a space or parenthesis. */
export function termValue(value: string): string | null {
  if (value.includes('"')) return null; // a phrase cannot hold a quote: left as it was
  return /[\s()]/.test(value) ? `"${value}"` : value;
}

/**
 * `query` with every `field:` term naming `from` renamed to `to`; for tags also the children
 * (`tag:ml/x` follows `ml` → `machine learning/x`), compared as the search does (folded).
 */
export function renameInQuery(
  query: string,
  field: 'tag' | 'in',
  from: string,
  to: string,
): string {
  const f = fold(from);
  const depth = from.split('/').length;
  return rewriteTerms(query, (t) => {
    if (t.name !== field) return null;
    const value = t.value.trim();
    const parts = value.split('/');
    const own = fold(value) === f;
    const child =
      field === 'tag' && parts.length > depth && fold(parts.slice(0, depth).join('/')) === f;
    if (!own && !child) return null;
    const next = termValue(own ? to : [to, ...parts.slice(depth)].join('/'));
    return next === null ? null : `${field}:${next}`;
  });
}

/** `query` with each term `replace` gives a text for replaced by it; the rest as written. */
export function rewriteTerms(query: string, replace: (term: FieldTerm) => string | null): string {
  let out = '';
  let at = 0;
  for (const t of fieldTerms(query)) {
    const next = replace(t);
    if (next === null) continue;
    out += query.slice(at, t.start) + next;
    at = t.end;
  }
  return out + query.slice(at);
}

export interface SavedQueryChange {
  id: number;
  query: string;
}

/** The saved queries `rewrite` changes, with their new text; nothing is written. */
export function savedQueryChanges(
  db: Database,
  rewrite: (query: string) => string,
): SavedQueryChange[] {
  const rows = db
    .prepare<[], SavedQueryChange>('SELECT id, query FROM saved_searches ORDER BY id')
    .all();
  return rows.flatMap((r) => {
    const query = rewrite(r.query);
    return query === r.query ? [] : [{ id: r.id, query }];
  });
}

/** Rewrites the saved queries that name a renamed tag or collection. */
export function renameInSavedQueries(
  db: Database,
  field: 'tag' | 'in',
  from: string,
  to: string,
): void {
  const update = db.prepare('UPDATE saved_searches SET query = ? WHERE id = ?');
  for (const c of savedQueryChanges(db, (q) => renameInQuery(q, field, from, to))) {
    update.run(c.query, c.id);
  }
}
