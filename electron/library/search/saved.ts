// Smart collections: named queries whose contents are whatever the query matches right now.
// Nothing is cached, so they follow every change; the renderer refetches on library.changed.
import type { Database } from 'better-sqlite3';
import type { SavedSearch } from '../../../shared/domain/library';
import { AppError, notFound } from '../errors';
import { countItems } from '../items/list';
import { now } from '../items/repo';
import { parseQuery } from './parse';

interface SavedDbRow {
  id: number;
  name: string;
  query: string;
}

function toSaved(db: Database, r: SavedDbRow): SavedSearch {
  return {
    id: r.id,
    name: r.name,
    query: r.query,
    itemCount: countItems(db, { view: { kind: 'saved', id: r.id }, search: '' }),
  };
}

/** A query must parse before it is saved; the error names the position. */
function checkQuery(query: string): void {
  const p = parseQuery(query);
  if (!p.ok) {
    throw new AppError(
      'parse_error',
      `The query is not valid at character ${p.error.position + 1}: ${p.error.message}`,
      p.error,
    );
  }
  if (!p.node) throw new AppError('invalid_input', 'A smart collection needs a query.');
}

function checkName(db: Database, name: string, except: number | null): void {
  const clash = db
    .prepare<[string, number], number>(
      'SELECT id FROM saved_searches WHERE name = ? COLLATE NOCASE AND id <> ?',
    )
    .pluck()
    .get(name, except ?? 0);
  if (clash !== undefined)
    throw new AppError('conflict', `A smart collection named "${name}" already exists.`);
}

export function listSaved(db: Database): SavedSearch[] {
  return db
    .prepare<[], SavedDbRow>(
      'SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE, id',
    )
    .all()
    .map((r) => toSaved(db, r));
}

export function getSaved(db: Database, id: number): SavedSearch {
  const r = db
    .prepare<[number], SavedDbRow>('SELECT id, name, query FROM saved_searches WHERE id = ?')
    .get(id);
  if (!r) throw notFound('Smart collection', id);
  return toSaved(db, r);
}

export function createSaved(db: Database, name: string, query: string): number {
  checkQuery(query);
  checkName(db, name, null);
  return db
    .prepare('INSERT INTO saved_searches (name, query, date_added) VALUES (?, ?, ?)')
    .run(name, query, now()).lastInsertRowid as number;
}

export function updateSaved(
  db: Database,
  id: number,
  patch: { name?: string | undefined; query?: string | undefined },
): void {
  getSaved(db, id);
  if (patch.name !== undefined) {
    checkName(db, patch.name, id);
    db.prepare('UPDATE saved_searches SET name = ? WHERE id = ?').run(patch.name, id);
  }
  if (patch.query !== undefined) {
    checkQuery(patch.query);
    db.prepare('UPDATE saved_searches SET query = ? WHERE id = ?').run(patch.query, id);
  }
}

export function deleteSaved(db: Database, id: number): void {
  if (db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes === 0) {
    throw notFound('Smart collection', id);
  }
}
