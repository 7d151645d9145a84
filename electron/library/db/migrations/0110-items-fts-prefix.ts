import type { Database } from 'better-sqlite3';

// Quick search (B4) matches one- and two-letter words whole and prefix-matches from three
// letters on, so the items_fts prefix index on two-letter prefixes was never read, while
// every four-letter prefix (`form*`, `chro*`) made FTS5 merge the doclists of every term it
// expands to, once for the count, the ranking and the snippets: 12–14 ms each at 100k items
// against 1.2 ms with an index of four-letter prefixes. `prefix='3 4'` replaces `'2 3'`
// (measured at 100k: +5.5 MB file, +0.5 s CPU to build the index; `'2 3 4'` +22 MB, `'3 4 5'`
// +27 MB and +2 s, see docs/performance-engine.md).
//
// An FTS5 table's options are fixed when it is created, so the table is built again from
// items with the same columns the triggers of migration 1 write (they name the table, so they
// keep working on the new one). Trashed rows stay indexed as before.
export const version = 110;
export const name = 'items-fts-prefix';

export function up(db: Database): void {
  db.exec(`
    DROP TABLE items_fts;
    CREATE VIRTUAL TABLE items_fts USING fts5 (
      title, creators, abstract, venue, extra,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4'
    );
    INSERT INTO items_fts (rowid, title, creators, abstract, venue, extra)
      SELECT id, title, creators_text, abstract, venue,
        concat_ws(' ', citation_key, doi, (SELECT group_concat(value, ' ') FROM json_each(fields)))
      FROM items;
  `);
}
