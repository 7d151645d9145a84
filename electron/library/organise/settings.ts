import type { Database } from 'better-sqlite3';

// Library-scoped UI settings (table columns, widths, order). Keys are namespaced `ui.` so they
// never collide with engine settings such as the citation-key pattern.

export function getUiSetting(db: Database, key: string): unknown {
  const v = db
    .prepare<[string], string>('SELECT value FROM settings WHERE key = ?')
    .pluck()
    .get(`ui.${key}`);
  return v === undefined ? null : (JSON.parse(v) as unknown);
}

export function setUiSetting(db: Database, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(`ui.${key}`, JSON.stringify(value));
}
