// Source-level parts of imported .bib files that are not entries (@preamble, @comment), kept
// in library settings so exports can write them again.
import type { Database } from 'better-sqlite3';

export type KeptKey = 'bibtex.preambles' | 'bibtex.comments';

export function readKept(db: Database, key: KeptKey): string[] {
  const v = db
    .prepare<[string], string>('SELECT value FROM settings WHERE key = ?')
    .pluck()
    .get(key);
  if (!v) return [];
  const parsed = JSON.parse(v) as unknown;
  return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
}

/** Adds values not already kept, in order. */
export function appendKept(db: Database, key: KeptKey, values: readonly string[]): void {
  if (values.length === 0) return;
  const current = readKept(db, key);
  const seen = new Set(current);
  let changed = false;
  for (const v of values) {
    if (!seen.has(v)) {
      seen.add(v);
      current.push(v);
      changed = true;
    }
  }
  if (!changed) return;
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(key, JSON.stringify(current));
}
