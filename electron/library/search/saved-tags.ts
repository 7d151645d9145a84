// Smart collections after a tag merge or delete. A merge is a rename onto a tag that exists,
// so `tag:A` follows A into B; a delete cannot be followed, so the user is told which smart
// collections named the deleted tag instead of finding them empty later.
import type { Database } from 'better-sqlite3';
import { fold } from './functions';
import { fieldTerms } from './parse';
import { rewriteTerms, termValue } from './saved-rename';

const isUnder = (name: string, parent: string) => name.startsWith(`${parent}/`);

/**
 * `query` after the tag `from` was merged into `to`. Only terms naming `from` itself change:
 * its sub-tags are not moved by a merge, so `tag:A/x` stays. When sub-tags of `from` remain
 * (`fromKeepsChildren`), `tag:A` still found them, so it becomes `(tag:A OR tag:B)` unless B
 * is A's parent level, which covers them; when B lies under A, `tag:A` already finds it.
 */
export function mergeInQuery(
  query: string,
  from: string,
  to: string,
  fromKeepsChildren: boolean,
): string {
  const f = fold(from);
  const t = fold(to);
  if (isUnder(t, f)) return query;
  const target = termValue(to);
  if (target === null) return query;
  return rewriteTerms(query, (term) => {
    if (term.name !== 'tag' || fold(term.value.trim()) !== f) return null;
    const own = query.slice(term.start, term.end);
    return fromKeepsChildren && !isUnder(f, t) ? `(${own} OR tag:${target})` : `tag:${target}`;
  });
}

/**
 * Names of the smart collections that find nothing of a deleted tag any more: a `tag:` term
 * naming one of `deleted`, or naming a level above one that has no tag left at or below it.
 * Call after the delete.
 */
export function savedSearchesNaming(db: Database, deleted: readonly string[]): string[] {
  const gone = deleted.map(fold);
  const left = db.prepare<[], string>('SELECT name FROM tags').pluck().all().map(fold);
  const affected = (v: string) =>
    gone.some((g) => g === v || (isUnder(g, v) && !left.some((l) => l === v || isUnder(l, v))));
  return db
    .prepare<[], { name: string; query: string }>(
      'SELECT name, query FROM saved_searches ORDER BY name COLLATE NOCASE',
    )
    .all()
    .filter((r) =>
      fieldTerms(r.query).some((t) => t.name === 'tag' && affected(fold(t.value.trim()))),
    )
    .map((r) => r.name);
}
