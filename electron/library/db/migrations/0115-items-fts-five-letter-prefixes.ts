import type { Database } from 'better-sqlite3';
import { rebuildItemsFts } from './items-fts-rebuild';

// Five-letter prefixes (`graph*`), which every word of five letters or more passes through as
// it is typed, had no prefix index: FTS5 merged the doclists of every term they expand to
// (3,335 terms for `graph` at 100k items) in 12–13 ms each time a keystroke listed or ranked
// them. With `prefix='3 4 5'` they read one doclist (about 1 ms). Measured at 100k: B4's p99
// 18–19 -> 15.6 ms; the import (B2) builds the bigger index in about 0.9 s more (7.9 -> 8.8 s,
// same peak RSS) and the file grows by ~21 MB. Six letters and more expand to far fewer terms.
// Figures in docs/performance-engine.md.
export const version = 115;
export const name = 'items-fts-five-letter-prefixes';

export function up(db: Database): void {
  rebuildItemsFts(db, '3 4 5');
}
