import type { Database } from 'better-sqlite3';

// Citation styles the user added (CSL XML kept in the library, so they travel with it) and
// auto-export bindings (a collection or the whole library kept in sync with a .bib file).
export const version = 40;
export const name = 'cite-and-auto-export';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE csl_styles (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      xml TEXT NOT NULL,
      date_added TEXT NOT NULL
    ) STRICT;

    CREATE TABLE auto_exports (
      id INTEGER PRIMARY KEY,
      -- NULL: the whole library
      collection_id INTEGER REFERENCES collections (id) ON DELETE CASCADE,
      -- absolute path the user chose
      path TEXT NOT NULL UNIQUE,
      format TEXT NOT NULL,
      -- sha256 of what was last written, so an unchanged export is not rewritten
      last_hash TEXT NOT NULL DEFAULT '',
      last_export TEXT,
      last_error TEXT,
      item_count INTEGER NOT NULL DEFAULT 0,
      date_added TEXT NOT NULL
    ) STRICT;
  `);
}
