// Rendered entries kept in the library between sessions (migration 0095), so the first export
// after opening renders only the items changed since their entries were stored (benchmark B7a
// cold). Stored text is served only under the same rules as the in-memory cache: the change
// log (migration 0085) must reach back to the row's position and hold no later change of its
// item, and the row must come from this app's writer version.
import type { Database } from 'better-sqlite3';
import { BIB_WRITER_VERSION, type BibProfile } from '../formats/bibtex/write';
import type { CachedEntry } from './entry-set';

type Write = <T>(fn: () => T) => T;

/** The stored entries of `profile` that are still valid, in their last stored file order. */
export function readStoredEntries(db: Database, profile: BibProfile): CachedEntry[] {
  const pruned =
    db.prepare<[], number>('SELECT pruned_through FROM export_meta WHERE id = 1').pluck().get() ??
    Number.MAX_SAFE_INTEGER;
  // a row older than the pruned part of the log may have missed a change: never served
  const rows = db
    .prepare<[BibProfile, number, number], [number, number, string, string, string, number]>(
      `SELECT item_id, seq, citation_key, crossref, text, pos FROM export_entries
       WHERE profile = ? AND writer = ? AND seq >= ?`,
    )
    .raw()
    .all(profile, BIB_WRITER_VERSION, pruned);
  if (rows.length === 0) return [];
  let oldest = Number.MAX_SAFE_INTEGER;
  for (const r of rows) if (r[1] < oldest) oldest = r[1];
  // read after the rows: a change logged meanwhile is seen here (or by the next sync)
  const changed = new Map<number, number>(
    db
      .prepare<[number], [number, number]>(
        'SELECT item_id, max(seq) FROM export_changes WHERE seq > ? GROUP BY item_id',
      )
      .raw()
      .all(oldest),
  );
  // Placed by stored file position (no sort: positions are unique within one file; rows
  // stored at other times may share one and go after). Starting the key sort from this order
  // halves its cost; any order gives the same file.
  const slots: (CachedEntry | undefined)[] = new Array<CachedEntry | undefined>(rows.length);
  const extra: CachedEntry[] = [];
  for (const [id, seq, citationKey, crossref, text, pos] of rows) {
    // the row's text was rendered after every change up to its seq
    if ((changed.get(id) ?? 0) > seq) continue;
    const e = { id, citationKey, lowerKey: citationKey.toLowerCase(), crossref, text };
    if (pos >= 0 && pos < slots.length && slots[pos] === undefined) slots[pos] = e;
    else extra.push(e);
  }
  const out: CachedEntry[] = [];
  for (const e of slots) if (e) out.push(e);
  for (const e of extra) out.push(e);
  return out;
}

/**
 * Stores `entries`, rendered from items read after change-log position `seq`. Best effort:
 * on a library that cannot be written (or an item deleted meanwhile by another process) the
 * entries stay in memory only, and the next session renders them again.
 */
export function storeEntries(
  db: Database,
  write: Write,
  profile: BibProfile,
  seq: number,
  entries: Iterable<CachedEntry>,
  positionOf: (id: number) => number,
): void {
  if (db.readonly) return;
  try {
    write(() => {
      const put = db.prepare<[BibProfile, number, number, number, number, string, string, string]>(
        `INSERT OR REPLACE INTO export_entries
           (profile, item_id, writer, seq, pos, citation_key, crossref, text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const e of entries)
        put.run(
          profile,
          e.id,
          BIB_WRITER_VERSION,
          seq,
          positionOf(e.id),
          e.citationKey,
          e.crossref,
          e.text,
        );
    });
  } catch {
    // not kept: costs a render next session, never a wrong entry
  }
}
