import type { Database } from 'better-sqlite3';
import { ftsColumnsSql } from '../items-fts-row';

/**
 * Builds items_fts again with another prefix index (an FTS5 table's options are fixed when it
 * is created), from items, with the columns the triggers write (they name the table, so they
 * keep working on the new one). Trashed rows stay indexed as before. Migrations 110 and 115
 * run before 120 changes the triggers: their fill already leaves out the engine's own fields,
 * and 120 builds the table once more (contentless), only when upgrading from before 110.
 * `contentless`: the table keeps only its index, not a copy of the text (migration 120).
 */
export function rebuildItemsFts(db: Database, prefix: string, contentless = false): void {
  db.exec(`
    DROP TABLE items_fts;
    CREATE VIRTUAL TABLE items_fts USING fts5 (
      title, creators, abstract, venue, extra,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '${prefix}'${
        contentless ? `, content = '', contentless_delete = 1` : ''
      }
    );
    INSERT INTO items_fts (rowid, title, creators, abstract, venue, extra)
      SELECT items.id, ${ftsColumnsSql('items')} FROM items;
  `);
}
