import type { Database } from 'better-sqlite3';

// Sorting by the attachments column ran a count subquery per item (31–81 ms at 100k, B5a
// target 30 ms). Each item now carries its number of attachments, indexed for live items, so
// the sort is an index walk like every other column.
//
// The triggers RECOUNT instead of adding or subtracting one: the organising issue's undo
// restores row snapshots (attachments upserted by id, moved back by UPDATE, items re-inserted),
// and a recount gives the true number whatever order the rows come back in and however often
// a trigger fires. The undo log never snapshots or restores the column itself (undo.ts DERIVED)
// and recounts the items it restored.
export const version = 90;
export const name = 'attachment-count';

const RECOUNT = (item: string) =>
  `UPDATE items SET attachment_count =
     (SELECT count(*) FROM attachments a WHERE a.item_id = ${item}) WHERE id = ${item};`;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE items ADD COLUMN attachment_count INTEGER NOT NULL DEFAULT 0;
    UPDATE items SET attachment_count =
      (SELECT count(*) FROM attachments a WHERE a.item_id = items.id)
      WHERE id IN (SELECT item_id FROM attachments);
    CREATE INDEX items_live_attachments ON items (attachment_count, id) WHERE deleted_at IS NULL;
    CREATE TRIGGER attachments_count_insert AFTER INSERT ON attachments BEGIN
      ${RECOUNT('new.item_id')}
    END;
    CREATE TRIGGER attachments_count_delete AFTER DELETE ON attachments BEGIN
      ${RECOUNT('old.item_id')}
    END;
    CREATE TRIGGER attachments_count_move AFTER UPDATE OF item_id ON attachments
    WHEN old.item_id IS NOT new.item_id BEGIN
      ${RECOUNT('old.item_id')}
      ${RECOUNT('new.item_id')}
    END;
  `);
}
