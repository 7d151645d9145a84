import type { Database } from 'better-sqlite3';
import { rebuildItemsFts } from './items-fts-rebuild';

// Quick search (B4) matches one- and two-letter words whole and prefix-matches from three
// letters on, so the items_fts prefix index on two-letter prefixes was never read, while
// every four-letter prefix (`form*`, `chro*`) made FTS5 merge the doclists of every term it
// expands to, once for the count, the ranking and the snippets: 12–14 ms each at 100k items
// against 1.2 ms with an index of four-letter prefixes. `prefix='3 4'` replaces `'2 3'`
// (measured at 100k: +5.5 MB file, +0.5 s CPU to build the index; `'2 3 4'` +22 MB, `'3 4 5'`
// +27 MB and +2 s, see docs/performance-engine.md).
export const version = 110;
export const name = 'items-fts-prefix';

export function up(db: Database): void {
  rebuildItemsFts(db, '3 4');
}
