import type { Database } from 'better-sqlite3';

// Rendered .bib entries kept in the library (benchmark B7a, cold export): the first export
// after opening reads the entries still valid instead of rendering every item again.
// A row is the text of item `item_id` in `profile`, rendered by writer version `writer` from
// the item as it was at change-log position `seq` (migration 0085). It is valid while
// `writer` is the running app's writer version, `seq` is not older than the log's
// pruned_through, and the log holds no change of the item after `seq`. Rows exist only for
// claimed items (export_cached), whose every change is logged. Deleting an item deletes its
// rows; ~650 bytes per entry and profile (≈ 65 MB per profile at 100k items).
export const version = 95;
export const name = 'export-entries';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE export_entries (
      profile TEXT NOT NULL CHECK (profile IN ('bibtex', 'biblatex')),
      item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      writer INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      -- where the entry sat in the file when stored: a hint that makes the first sort of a
      -- session nearly free (the order is always computed; a stale hint only costs time)
      pos INTEGER NOT NULL,
      citation_key TEXT NOT NULL,
      crossref TEXT NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (profile, item_id)
    ) STRICT;
    -- an item's deletion finds its rows (ON DELETE CASCADE)
    CREATE INDEX export_entries_item ON export_entries (item_id);
  `);
}
