import type { Database } from 'better-sqlite3';

// Speed for 100k-item libraries (benchmark B5, B6), on top of the organising migrations (20,
// 21), which keep tag and collection counts and each item's collection count:
// - indexes for sortable columns that had none in the (column, id) order the table sorts by;
// (An attachment count column kept by triggers would make sorting by attachments an index
// walk too, but it fights the undo log's row snapshots; left for the organising owner.)
// - the tag and collection counts also follow links moved by UPDATE (a tag merge may do that).
export const version = 70;
export const name = 'view-counts';

const LIVE = (item: string) => `(SELECT deleted_at IS NULL FROM items WHERE id = ${item})`;

function updateTrigger(link: string, owner: string, ownerCol: string): string {
  return `
    CREATE TRIGGER ${link}_count_update AFTER UPDATE ON ${link} BEGIN
      UPDATE ${owner} SET live_count = live_count - 1 WHERE id = old.${ownerCol} AND ${LIVE('old.item_id')};
      UPDATE ${owner} SET live_count = live_count + 1 WHERE id = new.${ownerCol} AND ${LIVE('new.item_id')};
    END;`;
}

export function up(db: Database): void {
  db.exec(`
    CREATE INDEX items_live_rating ON items (rating, id) WHERE deleted_at IS NULL;
    CREATE INDEX items_live_read ON items (read_state, id) WHERE deleted_at IS NULL;
    -- the sidebar lists collections by name (2k of them in the benchmark)
    CREATE INDEX collections_name ON collections (name COLLATE NOCASE, id);

    ${updateTrigger('item_tags', 'tags', 'tag_id')}
    ${updateTrigger('collection_items', 'collections', 'collection_id')}
  `);
}
