import type { Database } from 'better-sqlite3';

// Organising: the undo log. One row holds a snapshot of the rows the last destructive action
// (trash, remove from collection, collection/tag/note delete, tag merge, duplicate merge)
// touched, written in the same transaction as the action, so undo restores exactly.
export const version = 20;
export const name = 'organise';

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE undo_log (
      id INTEGER PRIMARY KEY,
      label TEXT NOT NULL,
      snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
      date_added TEXT NOT NULL
    ) STRICT;
    CREATE INDEX tags_position ON tags (position) WHERE position IS NOT NULL;
  `);
}
