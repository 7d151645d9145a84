import type { Database } from 'better-sqlite3';
import { ftsColumnsSql } from '../items-fts-row';
import { rebuildItemsFts } from './items-fts-rebuild';

// items_fts's `extra` column indexed every value in `fields`, the engine's own included: the
// LaTeX source of names and titles (`M{\"u}ller` → `m`, `u`, `ller`) and the JSON of what a
// crossref child inherited. Those are hidden from people (isInternalField), repeat the display
// columns, and were 10% of the indexed text at 100k imported entries. The triggers now index
// only the fields a person sees.
//
// And the table becomes contentless: it kept a second copy of every item's text (~45 MB at
// 100k) that only the search snippets read, which now read `items` (the same expressions,
// db/items-fts-row.ts). bm25 and MATCH need only the index; a contentless table still takes
// deletes by rowid (contentless_delete), which the update and delete triggers use. The import
// of 100k entries (B2) took 0.3 s less, writing and copying no text (docs/performance-import-
// export.md).
export const version = 120;
export const name = 'items-fts-visible-fields';

export function up(db: Database): void {
  db.exec(`
    DROP TRIGGER IF EXISTS items_fts_insert;
    DROP TRIGGER IF EXISTS items_fts_update;
  `);
  rebuildItemsFts(db, '3 4 5', true);
  db.exec(`
    CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
      INSERT INTO items_fts (rowid, title, creators, abstract, venue, extra)
      VALUES (new.id, ${ftsColumnsSql('new')});
    END;
    CREATE TRIGGER items_fts_update
    AFTER UPDATE OF title, creators_text, abstract, venue, citation_key, doi, fields ON items BEGIN
      DELETE FROM items_fts WHERE rowid = old.id;
      INSERT INTO items_fts (rowid, title, creators, abstract, venue, extra)
      VALUES (new.id, ${ftsColumnsSql('new')});
    END;
  `);
}
