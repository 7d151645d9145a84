import type { Database } from 'better-sqlite3';

// Incremental export (benchmark B7): exporters keep each item's rendered entry in memory and
// must learn which items changed since they rendered them, whatever wrote the change (any
// handler, undo, a merge, a tag rename, another process). Triggers make that exact:
// - export_cached lists items some exporter has rendered (claimed before it reads the item);
// - any write that can change a claimed item's export appends the item to export_changes,
//   which exporters read from the last seq they saw.
// Unclaimed items (an import's new rows) cost one primary-key probe per write and add no log
// rows. The log is pruned; pruned_through tells an exporter that saw less than that to start
// over.
export const version = 85;
export const name = 'export-cache';

/** Logs item `id` if claimed; `also` narrows further (an UPDATE logs the new id only if it moved). */
const logChange = (id: string, also = '') =>
  `INSERT INTO export_changes (item_id) SELECT ${id}
     WHERE EXISTS (SELECT 1 FROM export_cached WHERE item_id = ${id})${also};`;

function childTriggers(table: string): string {
  return `
    CREATE TRIGGER ${table}_export_insert AFTER INSERT ON ${table} BEGIN
      ${logChange('new.item_id')}
    END;
    CREATE TRIGGER ${table}_export_update AFTER UPDATE ON ${table} BEGIN
      ${logChange('old.item_id')}
      ${logChange('new.item_id', ' AND new.item_id <> old.item_id')}
    END;
    CREATE TRIGGER ${table}_export_delete AFTER DELETE ON ${table} BEGIN
      ${logChange('old.item_id')}
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

    CREATE TRIGGER items_export_insert AFTER INSERT ON items BEGIN
      ${logChange('new.id')}
    END;
    -- every column an exporter reads (not rating, read state, stars, dates of the row)
    CREATE TRIGGER items_export_update
    AFTER UPDATE OF id, type, citation_key, title, date, venue, doi, url, abstract, fields, deleted_at
    ON items BEGIN
      ${logChange('old.id')}
      ${logChange('new.id', ' AND new.id <> old.id')}
    END;
    CREATE TRIGGER items_export_delete AFTER DELETE ON items BEGIN
      ${logChange('old.id')}
    END;
    ${childTriggers('creators')}
    ${childTriggers('item_tags')}
    ${childTriggers('citation_key_aliases')}
    CREATE TRIGGER tags_export_rename AFTER UPDATE OF name ON tags BEGIN
      INSERT INTO export_changes (item_id)
        SELECT it.item_id FROM item_tags it JOIN export_cached c ON c.item_id = it.item_id
        WHERE it.tag_id = new.id;
    END;
  `);
}
