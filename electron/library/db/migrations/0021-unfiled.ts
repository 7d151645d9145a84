import type { Database } from 'better-sqlite3';

// "Unfiled" (items in no collection) at 100k items: NOT EXISTS over collection_items scanned
// every live item for the view and its count. Each item now carries its number of collections,
// kept by triggers, and a partial index serves the view in date order.
export const version = 21;
export const name = 'unfiled';

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE items ADD COLUMN collection_count INTEGER NOT NULL DEFAULT 0;
    UPDATE items SET collection_count =
      (SELECT count(*) FROM collection_items ci WHERE ci.item_id = items.id);
    CREATE INDEX items_live_unfiled ON items (date_added, id)
      WHERE deleted_at IS NULL AND collection_count = 0;
    CREATE TRIGGER collection_items_filed_insert AFTER INSERT ON collection_items BEGIN
      UPDATE items SET collection_count = collection_count + 1 WHERE id = new.item_id;
    END;
    CREATE TRIGGER collection_items_filed_delete AFTER DELETE ON collection_items BEGIN
      UPDATE items SET collection_count = collection_count - 1 WHERE id = old.item_id;
    END;
  `);
}
