// The auto_exports table: which collection goes to which file, and how the last export went.
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { AutoExport } from '../../../shared/domain/autoexport';
import { AppError, notFound } from '../errors';
import type { ExportFormat } from '../formats/format';
import { EXPORT_FORMATS } from '../formats/index';
import { now } from '../items/repo';

export interface BindingDbRow {
  id: number;
  collection_id: number | null;
  path: string;
  format: string;
  last_hash: string;
  last_export: string | null;
  last_error: string | null;
  item_count: number;
  /** 1 while a replacement of the file may be in place but not yet flushed (migration 105). */
  file_pending: number;
  file_size: number;
}

export function toAutoExport(r: BindingDbRow, pending: boolean): AutoExport {
  return {
    id: r.id,
    collectionId: r.collection_id,
    path: r.path,
    format: r.format,
    lastExport: r.last_export,
    lastError: r.last_error,
    itemCount: r.item_count,
    pending,
  };
}

export function bindingRows(db: Database): BindingDbRow[] {
  return db.prepare<[], BindingDbRow>('SELECT * FROM auto_exports ORDER BY id').all();
}

export function bindingRow(db: Database, id: number): BindingDbRow {
  const r = db.prepare<[number], BindingDbRow>('SELECT * FROM auto_exports WHERE id = ?').get(id);
  if (!r) throw notFound('Auto-export', id);
  return r;
}

export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}

/**
 * Validates a binding the user asks for: a registered format, an absolute path to a .bib or
 * .biblatex file (or the format's own extension) in a folder that exists, and a collection that
 * exists. Returns the normalised path.
 */
export function checkBinding(
  db: Database,
  collectionId: number | null,
  path: string,
  format: string,
): string {
  const f = exportFormat(format);
  if (!f) {
    const known = EXPORT_FORMATS.map((x) => x.id).join(', ') || 'none yet';
    throw new AppError('invalid_input', `Unknown export format "${format}" (available: ${known}).`);
  }
  if (!isAbsolute(path))
    throw new AppError('invalid_input', `The export path must be absolute: ${path}`);
  const full = resolve(path);
  const ext = extname(full).toLowerCase();
  const allowed = new Set([
    '.bib',
    '.biblatex',
    `.${f.extension.replace(/^\./, '').toLowerCase()}`,
  ]);
  if (!allowed.has(ext)) {
    throw new AppError(
      'invalid_input',
      `Auto-export writes .bib or .biblatex files, not "${ext || 'no extension'}".`,
    );
  }
  const dir = dirname(full);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new AppError('invalid_input', `The folder ${dir} does not exist.`);
  }
  if (existsSync(full) && !statSync(full).isFile()) {
    throw new AppError('invalid_input', `${full} exists and is not a file.`);
  }
  if (
    collectionId !== null &&
    !db.prepare('SELECT 1 FROM collections WHERE id = ?').get(collectionId)
  ) {
    throw notFound('Collection', collectionId);
  }
  if (db.prepare('SELECT 1 FROM auto_exports WHERE path = ?').get(full)) {
    throw new AppError('conflict', `${full} is already auto-exported.`);
  }
  return full;
}

export function insertBinding(
  db: Database,
  collectionId: number | null,
  path: string,
  format: string,
): number {
  return db
    .prepare(
      'INSERT INTO auto_exports (collection_id, path, format, date_added) VALUES (?, ?, ?, ?)',
    )
    .run(collectionId, path, format, now()).lastInsertRowid as number;
}

export function deleteBinding(db: Database, id: number): void {
  if (db.prepare('DELETE FROM auto_exports WHERE id = ?').run(id).changes === 0)
    throw notFound('Auto-export', id);
}

/** Before a new file is renamed into place: it is unconfirmed until recordDurable. */
export function markPending(db: Database, id: number): void {
  db.prepare('UPDATE auto_exports SET file_pending = 1 WHERE id = ? AND file_pending = 0').run(id);
}

/** The run put a new file in place (`wrote`), or found the file already right. */
export function recordSuccess(db: Database, id: number, itemCount: number, wrote: boolean): void {
  if (wrote) {
    db.prepare(
      'UPDATE auto_exports SET last_export = ?, last_error = NULL, item_count = ? WHERE id = ?',
    ).run(now(), itemCount, id);
  } else {
    db.prepare(
      'UPDATE auto_exports SET last_error = NULL WHERE id = ? AND last_error IS NOT NULL',
    ).run(id);
  }
}

/** The file last put in place is flushed to disk: what it holds is now known for certain. */
export function recordDurable(db: Database, id: number, hash: string, size: number): void {
  db.prepare(
    'UPDATE auto_exports SET last_hash = ?, file_size = ?, file_pending = 0 WHERE id = ?',
  ).run(hash, size, id);
}

export function recordFailure(db: Database, id: number, message: string): void {
  db.prepare('UPDATE auto_exports SET last_error = ? WHERE id = ?').run(
    message.slice(0, 2_000),
    id,
  );
}
