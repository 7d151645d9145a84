// Smart collections name tags and collections by name (`tag:ml`, `in:"To read"`). When one is
// renamed, the saved queries naming it are rewritten, so they keep their contents rather than
// silently matching nothing.
import type { Database } from 'better-sqlite3';
import { fold } from './functions';
import { fieldTerms } from './parse';

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
  let out = '';
  let at = 0;
  for (const t of fieldTerms(query)) {
    if (t.name !== field) continue;
    const value = t.value.trim();
    const parts = value.split('/');
    const depth = from.split('/').length;
    const own = fold(value) === f;
    const child =
      field === 'tag' && parts.length > depth && fold(parts.slice(0, depth).join('/')) === f;
    if (!own && !child) continue;
    const next = termValue(own ? to : [to, ...parts.slice(depth)].join('/'));
    if (next === null) continue;
    out += `${query.slice(at, t.start)}${field}:${next}`;
    at = t.end;
  }
  return out + query.slice(at);
}

/** Rewrites the saved queries that name a renamed tag or collection. */
export function renameInSavedQueries(
  db: Database,
  field: 'tag' | 'in',
  from: string,
  to: string,
): void {
  const rows = db
    .prepare<[], { id: number; query: string }>('SELECT id, query FROM saved_searches')
    .all();
  const update = db.prepare('UPDATE saved_searches SET query = ? WHERE id = ?');
  for (const r of rows) {
    const next = renameInQuery(r.query, field, from, to);
    if (next !== r.query) update.run(next, r.id);
  }
}
