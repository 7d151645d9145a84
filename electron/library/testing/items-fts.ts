// Test helper: what items_fts holds. The table is contentless (migration 120), so its rows have
// no text to compare; its index does: every token with its row, column and position, read
// through fts5vocab. The expected tokens come from the same text put through a table that
// keeps it, with the same tokenizer, built from the items as they are now.
import type { Database } from 'better-sqlite3';
import { FTS_ROWS_SQL } from '../import/parallel-fts';

type Token = [term: string, row: number, column: string, offset: number];

function tokens(db: Database, schema: string, table: string): Token[] {
  const vocab = `${table}_tokens`;
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS temp.${vocab} USING fts5vocab(${schema}, ${table}, 'instance')`,
  );
  return db
    .prepare<[], Token>(
      `SELECT term, doc, col, offset FROM temp.${vocab} ORDER BY doc, col, offset`,
    )
    .raw()
    .all();
}

/** Every token items_fts holds, in row, column and position order. */
export function itemsFtsTokens(db: Database): Token[] {
  return tokens(db, 'main', 'items_fts');
}

/** The tokens items_fts should hold for the current items (what the insert trigger writes). */
export function expectedItemsFtsTokens(db: Database): Token[] {
  db.exec(`
    DROP TABLE IF EXISTS temp.items_fts_expected_tokens;
    DROP TABLE IF EXISTS temp.items_fts_expected;
    CREATE VIRTUAL TABLE temp.items_fts_expected USING fts5 (
      title, creators, abstract, venue, extra, tokenize = 'unicode61 remove_diacritics 2'
    );`);
  db.prepare(
    `INSERT INTO temp.items_fts_expected (rowid, title, creators, abstract, venue, extra)
     ${FTS_ROWS_SQL}`,
  ).run(0, -1);
  return tokens(db, 'temp', 'items_fts_expected');
}
