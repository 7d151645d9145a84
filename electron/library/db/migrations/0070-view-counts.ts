import type { Database } from 'better-sqlite3';

// Speed for 100k-item libraries (benchmark B5, B6):
// - indexes for the two sortable columns that had none, so re-sorting by them walks an index;
// - live item counts on tags and collections kept by triggers, so the sidebar's counts are
//   read, not computed (counting 250k tag links took over a second at 100k items);
// - each item's attachment count kept the same way and indexed, so sorting by it is a walk
//   of an index instead of 100k subqueries (143 ms).
// Triggers rather than engine code keep the counts right whichever feature writes the links.
export const version = 70;
export const name = 'view-counts';

const LIVE = (item: string) => `(SELECT deleted_at IS NULL FROM items WHERE id = ${item})`;

function linkTriggers(link: string, owner: string, ownerCol: string): string {
  return `
    CREATE TRIGGER ${link}_count_insert AFTER INSERT ON ${link} BEGIN
      UPDATE ${owner} SET live_items = live_items + 1 WHERE id = new.${ownerCol} AND ${LIVE('new.item_id')};
    END;
    CREATE TRIGGER ${link}_count_delete AFTER DELETE ON ${link} BEGIN
      UPDATE ${owner} SET live_items = live_items - 1 WHERE id = old.${ownerCol} AND ${LIVE('old.item_id')};
    END;
    CREATE TRIGGER ${link}_count_update AFTER UPDATE ON ${link} BEGIN
      UPDATE ${owner} SET live_items = live_items - 1 WHERE id = old.${ownerCol} AND ${LIVE('old.item_id')};
      UPDATE ${owner} SET live_items = live_items + 1 WHERE id = new.${ownerCol} AND ${LIVE('new.item_id')};
    END;`;
}

export function up(db: Database): void {
  db.exec(`
    CREATE INDEX items_live_rating ON items (rating, id) WHERE deleted_at IS NULL;
    CREATE INDEX items_live_read_state ON items (read_state, id) WHERE deleted_at IS NULL;

    ALTER TABLE items ADD COLUMN attachment_count INTEGER NOT NULL DEFAULT 0;
    UPDATE items SET attachment_count = (SELECT count(*) FROM attachments a WHERE a.item_id = items.id)
      WHERE id IN (SELECT item_id FROM attachments);
    CREATE INDEX items_live_attachments ON items (attachment_count, id) WHERE deleted_at IS NULL;
    CREATE TRIGGER attachments_count_insert AFTER INSERT ON attachments BEGIN
      UPDATE items SET attachment_count = attachment_count + 1 WHERE id = new.item_id;
    END;
    CREATE TRIGGER attachments_count_delete AFTER DELETE ON attachments BEGIN
      UPDATE items SET attachment_count = attachment_count - 1 WHERE id = old.item_id;
    END;
    CREATE TRIGGER attachments_count_move AFTER UPDATE OF item_id ON attachments
    WHEN old.item_id <> new.item_id BEGIN
      UPDATE items SET attachment_count = attachment_count - 1 WHERE id = old.item_id;
      UPDATE items SET attachment_count = attachment_count + 1 WHERE id = new.item_id;
    END;

    -- the sidebar lists collections by name (2k of them in the benchmark)
    CREATE INDEX collections_name ON collections (name COLLATE NOCASE, id);

    ALTER TABLE tags ADD COLUMN live_items INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE collections ADD COLUMN live_items INTEGER NOT NULL DEFAULT 0;
    UPDATE tags SET live_items = (SELECT count(*) FROM item_tags it JOIN items i ON i.id = it.item_id
      WHERE it.tag_id = tags.id AND i.deleted_at IS NULL);
    UPDATE collections SET live_items = (SELECT count(*) FROM collection_items ci
      JOIN items i ON i.id = ci.item_id WHERE ci.collection_id = collections.id AND i.deleted_at IS NULL);
    ${linkTriggers('item_tags', 'tags', 'tag_id')}
    ${linkTriggers('collection_items', 'collections', 'collection_id')}

    CREATE TRIGGER items_count_trash AFTER UPDATE OF deleted_at ON items
    WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
      UPDATE tags SET live_items = live_items + iif(new.deleted_at IS NULL, 1, -1)
        WHERE id IN (SELECT tag_id FROM item_tags WHERE item_id = new.id);
      UPDATE collections SET live_items = live_items + iif(new.deleted_at IS NULL, 1, -1)
        WHERE id IN (SELECT collection_id FROM collection_items WHERE item_id = new.id);
    END;
    -- A live item deleted outright (merging duplicates, say): its links go by cascade after
    -- the row is gone, when the link triggers can no longer see it was live.
    CREATE TRIGGER items_count_delete BEFORE DELETE ON items WHEN old.deleted_at IS NULL BEGIN
      UPDATE tags SET live_items = live_items - 1
        WHERE id IN (SELECT tag_id FROM item_tags WHERE item_id = old.id);
      UPDATE collections SET live_items = live_items - 1
        WHERE id IN (SELECT collection_id FROM collection_items WHERE item_id = old.id);
    END;
  `);
}
