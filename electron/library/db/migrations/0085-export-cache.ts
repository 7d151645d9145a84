import type { Database } from 'better-sqlite3';

// Incremental export (benchmark B7): exporters keep each item's rendered entry in memory and
// must learn which items changed since they rendered them, whatever wrote the change (any
// handler, undo, a merge, a tag rename, another process). Triggers make that exact:
// - export_cached lists items some exporter holds text for (added before it reads the item);
// - any write that can change an item's export deletes its export_cached row, and that delete
//   appends the item to export_changes, which exporters read from the last seq they saw.
// Items nobody has exported cost one index probe per write (an import adds no log rows), and an
// item is logged once until it is exported again. The log is pruned; pruned_through tells an
// exporter that saw less than that to start over.
export const version = 85;
export const name = 'export-cache';

const forget = (id: string) => `DELETE FROM export_cached WHERE item_id = ${id};`;

function childTriggers(table: string): string {
  return `
    CREATE TRIGGER ${table}_export_insert AFTER INSERT ON ${table} BEGIN
      ${forget('new.item_id')}
    END;
    CREATE TRIGGER ${table}_export_update AFTER UPDATE ON ${table} BEGIN
      ${forget('old.item_id')}
      ${forget('new.item_id')}
    END;
    CREATE TRIGGER ${table}_export_delete AFTER DELETE ON ${table} BEGIN
      ${forget('old.item_id')}
    END;`;
}

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE export_cached (item_id INTEGER PRIMARY KEY) STRICT;
    CREATE TABLE export_changes (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      item_id INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE export_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      pruned_through INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    INSERT INTO export_meta (id) VALUES (1);

    CREATE TRIGGER export_cached_forget AFTER DELETE ON export_cached BEGIN
      INSERT INTO export_changes (item_id) VALUES (old.item_id);
    END;

    CREATE TRIGGER items_export_insert AFTER INSERT ON items BEGIN
      ${forget('new.id')}
    END;
    -- every column an exporter reads (not rating, read state, stars, dates of the row)
    CREATE TRIGGER items_export_update
    AFTER UPDATE OF id, type, citation_key, title, date, venue, doi, url, abstract, fields, deleted_at
    ON items BEGIN
      ${forget('old.id')}
      ${forget('new.id')}
    END;
    CREATE TRIGGER items_export_delete AFTER DELETE ON items BEGIN
      ${forget('old.id')}
    END;
    ${childTriggers('creators')}
    ${childTriggers('item_tags')}
    ${childTriggers('citation_key_aliases')}
    CREATE TRIGGER tags_export_rename AFTER UPDATE OF name ON tags BEGIN
      DELETE FROM export_cached WHERE item_id IN (SELECT item_id FROM item_tags WHERE tag_id = new.id);
    END;
  `);
}
