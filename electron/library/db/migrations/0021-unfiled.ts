import type { Database } from 'better-sqlite3';

// "Unfiled" (items in no collection) at 100k items: NOT EXISTS over collection_items scanned
// every live item for the view and its count. Each item now carries its number of collections,
// kept by triggers, and an index serves the view's count and its date order. The Starred index
// of migration 20 gets the same shape (its count scanned every live item), and so does Unread.
export const version = 21;
export const name = 'unfiled';

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE items ADD COLUMN collection_count INTEGER NOT NULL DEFAULT 0;
    UPDATE items SET collection_count =
      (SELECT count(*) FROM collection_items ci WHERE ci.item_id = items.id);
    -- equality first, so both the view's count and its date-ordered page are index searches
    CREATE INDEX items_live_unfiled ON items (collection_count, date_added, id)
      WHERE deleted_at IS NULL;
    DROP INDEX items_live_starred;
    CREATE INDEX items_live_starred ON items (starred, date_added, id) WHERE deleted_at IS NULL;
    CREATE INDEX items_live_read_state ON items (read_state, date_added, id) WHERE deleted_at IS NULL;
    CREATE TRIGGER collection_items_filed_insert AFTER INSERT ON collection_items BEGIN
      UPDATE items SET collection_count = collection_count + 1 WHERE id = new.item_id;
    END;
    CREATE TRIGGER collection_items_filed_delete AFTER DELETE ON collection_items BEGIN
      UPDATE items SET collection_count = collection_count - 1 WHERE id = old.item_id;
    END;
  `);
}
