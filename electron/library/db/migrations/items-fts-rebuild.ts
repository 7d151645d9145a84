import type { Database } from 'better-sqlite3';

/**
 * Builds items_fts again with another prefix index (an FTS5 table's options are fixed when it
 * is created), from items, with the same columns the triggers of migration 1 write (they name
 * the table, so they keep working on the new one). Trashed rows stay indexed as before.
 */
export function rebuildItemsFts(db: Database, prefix: string): void {
  db.exec(`
    DROP TABLE items_fts;
    CREATE VIRTUAL TABLE items_fts USING fts5 (
      title, creators, abstract, venue, extra,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '${prefix}'
    );
    INSERT INTO items_fts (rowid, title, creators, abstract, venue, extra)
      SELECT id, title, creators_text, abstract, venue,
        concat_ws(' ', citation_key, doi, (SELECT group_concat(value, ' ') FROM json_each(fields)))
      FROM items;
  `);
}
