import type { Database } from 'better-sqlite3';
import { cached } from '../db/statements';

// How many items are live and how many in the trash, asked for by every list call (the view's
// total, the walk-or-fetch choice, the kept position index's check). Counting them again after
// each write costs 0.1–0.2 ms at 100k (count(*) walks an index whose pages the write just
// made stale); instead this connection's writes move the two numbers by one.
//
// TEMP triggers (on this connection only; no file or schema change) keep one row of a TEMP
// table. Being a table, it is transactional: a rolled-back write takes its ±1 back with it, and
// a read inside a transaction sees that transaction's own items. The row also holds the
// data_version it was counted at: a commit from another connection moves data_version, and
// the row is counted again.

interface Totals {
  live: number;
  trash: number;
  dv: number;
}

function install(db: Database): void {
  const live = (row: string) => `(${row}.deleted_at IS NULL)`;
  const trash = (row: string) => `(${row}.deleted_at IS NOT NULL)`;
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS item_totals (
      one INTEGER PRIMARY KEY CHECK (one = 1),
      live INTEGER NOT NULL, trash INTEGER NOT NULL, dv INTEGER NOT NULL
    ) STRICT;
    CREATE TEMP TRIGGER IF NOT EXISTS item_totals_insert AFTER INSERT ON main.items BEGIN
      UPDATE temp.item_totals SET live = live + ${live('new')}, trash = trash + ${trash('new')};
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS item_totals_delete AFTER DELETE ON main.items BEGIN
      UPDATE temp.item_totals SET live = live - ${live('old')}, trash = trash - ${trash('old')};
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS item_totals_trash AFTER UPDATE OF deleted_at ON main.items
    WHEN ${live('old')} <> ${live('new')} BEGIN
      UPDATE temp.item_totals
      SET live = live + ${live('new')} - ${live('old')}, trash = trash + ${trash('new')} - ${trash('old')};
    END;
  `);
}

const installed = new WeakSet<Database>();

function count(db: Database): { live: number; trash: number } {
  // all minus the small trash, both over indexes
  const all = cached<[], number>(db, 'SELECT count(*) FROM items').pluck().get()!;
  const trash = cached<[], number>(
    db,
    'SELECT count(*) FROM items i WHERE i.deleted_at IS NOT NULL',
  )
    .pluck()
    .get()!;
  return { live: all - trash, trash };
}

export function liveAndTrash(db: Database): { library: number; trash: number } {
  if (!installed.has(db)) {
    // created outside a transaction only: a rollback would take the TEMP table with it
    if (db.inTransaction) {
      const c = count(db);
      return { library: c.live, trash: c.trash };
    }
    install(db);
    installed.add(db);
  }
  const dv = cached<[], number>(db, 'PRAGMA data_version').pluck().get()!;
  let t = cached<[], Totals>(db, 'SELECT live, trash, dv FROM temp.item_totals').get();
  if (!t || t.dv !== dv) {
    // first use, or another connection committed
    t = { ...count(db), dv };
    cached(
      db,
      `INSERT INTO temp.item_totals (one, live, trash, dv) VALUES (1, ?, ?, ?)
       ON CONFLICT (one) DO UPDATE SET live = excluded.live, trash = excluded.trash, dv = excluded.dv`,
    ).run(t.live, t.trash, t.dv);
  }
  return { library: t.live, trash: t.trash };
}

/**
 * Stops following writes, for a bulk import (an UPDATE of the TEMP row per inserted item): the
 * triggers and the row go inside the import's transaction, so a rollback brings both back and a
 * commit leaves nothing to trust; the next call installs and counts again.
 */
export function suspendLiveCounts(db: Database): void {
  if (!installed.has(db)) return;
  installed.delete(db);
  db.exec(`
    DROP TRIGGER IF EXISTS temp.item_totals_insert;
    DROP TRIGGER IF EXISTS temp.item_totals_delete;
    DROP TRIGGER IF EXISTS temp.item_totals_trash;
    DELETE FROM temp.item_totals;
  `);
}
