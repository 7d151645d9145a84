import type { Database } from 'better-sqlite3';

// Auto-export files are put in place before they are flushed to disk (benchmark B7b): the
// fsync runs in the background after the atomic rename. `file_pending` is 1 from just before
// a rename until the file and its folder are confirmed flushed; a library opened with it
// still 1 (power lost in between, or the app killed) rewrites the file instead of trusting it.
// `file_size` is the byte size of the file last confirmed durable (its sha256 is `last_hash`).
export const version = 105;
export const name = 'auto-export-durable';

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE auto_exports ADD COLUMN file_pending INTEGER NOT NULL DEFAULT 0
      CHECK (file_pending IN (0, 1));
    ALTER TABLE auto_exports ADD COLUMN file_size INTEGER NOT NULL DEFAULT -1;
  `);
}
