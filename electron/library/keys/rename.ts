// Renaming a citation key is always an explicit act: the old key stays as an alias (exported
// as BibLaTeX `ids`), so documents citing it keep working.
import type { Database } from 'better-sqlite3';
import { AppError, notFound } from '../errors';

export function renameKey(db: Database, id: number, key: string): void {
  const row = db
    .prepare<[number], { citation_key: string }>('SELECT citation_key FROM items WHERE id = ?')
    .get(id);
  if (!row) throw notFound('Item', id);
  const old = row.citation_key;
  if (old === key) return;
  const clash = db
    .prepare<[string, number, string, number], number>(
      `SELECT id FROM items WHERE citation_key = ? AND id <> ?
       UNION ALL SELECT item_id FROM citation_key_aliases WHERE alias = ? AND item_id <> ? LIMIT 1`,
    )
    .pluck()
    .get(key, id, key, id);
  if (clash !== undefined)
    throw new AppError('conflict', `The key "${key}" is already used by item ${clash}.`);
  // the new key may have been one of this item's aliases; a key is never its own alias
  db.prepare('DELETE FROM citation_key_aliases WHERE alias = ? AND item_id = ?').run(key, id);
  db.prepare('UPDATE items SET citation_key = ?, date_modified = ? WHERE id = ?').run(
    key,
    new Date().toISOString(),
    id,
  );
  // a case-only change needs no alias: BibTeX compares keys case-insensitively
  if (old.toLowerCase() !== key.toLowerCase())
    db.prepare('INSERT INTO citation_key_aliases (alias, item_id) VALUES (?, ?)').run(old, id);
}
