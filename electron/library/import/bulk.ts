// Bulk mode for one import transaction. Two per-row triggers dominate a large import: the
// items_fts insert trigger (tokenising every row as it lands, ~70% of insert time) and the tag
// live-count trigger (one UPDATE of tags per tag link). Inside the import's own write
// transaction they are dropped, the rows go in, then the full-text rows of every new item are
// written by one INSERT…SELECT with the trigger's exact expression, the touched tags' counts
// are recounted, and the triggers are recreated from their stored SQL. DDL is transactional in
// SQLite, so a failed import rolls the triggers back with everything else; other connections
// never see the library without them.
import type { Database } from 'better-sqlite3';

const BYPASSED = ['items_fts_insert', 'item_tags_count_insert'] as const;

export class BulkImport {
  private readonly triggers: { name: string; sql: string }[] = [];
  private readonly maxIdBefore: number;
  readonly touchedTags = new Set<number>();

  /** Must run inside the import's write transaction. */
  constructor(private readonly db: Database) {
    this.maxIdBefore = db
      .prepare<[], number>('SELECT coalesce(max(id), 0) FROM items')
      .pluck()
      .get()!;
    const find = db
      .prepare<[string], string>(
        `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`,
      )
      .pluck();
    for (const name of BYPASSED) {
      const sql = find.get(name);
      if (sql === undefined) continue; // an older schema without it: nothing to bypass
      this.triggers.push({ name, sql });
      db.exec(`DROP TRIGGER ${name}`);
    }
  }

  /** Brings the index and counts in line with the new rows and restores the triggers. */
  finish(): void {
    const { db } = this;
    if (this.triggers.some((t) => t.name === 'items_fts_insert')) {
      // the same row the trigger writes (0001-initial), for every item this import added;
      // a delete first, in case anything in the import already indexed one of them
      db.prepare('DELETE FROM items_fts WHERE rowid > ?').run(this.maxIdBefore);
      db.prepare(
        `INSERT INTO items_fts (rowid, title, creators, abstract, venue, extra)
         SELECT id, title, creators_text, abstract, venue,
           concat_ws(' ', citation_key, doi,
             (SELECT group_concat(value, ' ') FROM json_each(items.fields)))
         FROM items WHERE id > ? ORDER BY id`,
      ).run(this.maxIdBefore);
    }
    if (this.triggers.some((t) => t.name === 'item_tags_count_insert') && this.touchedTags.size) {
      // the trigger's rule: a link counts when its item is live (0020-organise)
      db.prepare(
        `UPDATE tags SET live_count = (SELECT count(*) FROM item_tags it JOIN items i ON i.id = it.item_id
           WHERE it.tag_id = tags.id AND i.deleted_at IS NULL)
         WHERE id IN (SELECT value FROM json_each(?))`,
      ).run(JSON.stringify([...this.touchedTags]));
    }
    for (const t of this.triggers) db.exec(t.sql);
  }
}
