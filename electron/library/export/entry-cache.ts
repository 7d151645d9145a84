// Rendered BibTeX/BibLaTeX entries kept in memory between exports (benchmark B7): a
// whole-library export renders only the items that changed since the last one, then orders and
// joins cached texts. Which items changed comes from the database itself (migration 0085:
// triggers log every write that can alter a claimed item's entry, whatever code path made it),
// so the cache can never serve text for an item that was edited, re-tagged, renamed, merged,
// undone or restored since it was rendered.
import type { Database } from 'better-sqlite3';
import type { BibItem, BibProfile } from '../formats/bibtex/write';
import { EntrySet } from './entry-set';
import { readStoredEntries, storeEntries } from './entry-store';

type Write = <T>(fn: () => T) => T;

function lastSeq(db: Database): number {
  return (
    db
      .prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'export_changes'")
      .pluck()
      .get() ?? 0
  );
}

function prunedThrough(db: Database): number {
  return (
    db.prepare<[], number>('SELECT pruned_through FROM export_meta WHERE id = 1').pluck().get() ??
    Number.MAX_SAFE_INTEGER
  );
}

/** Keep the change log short: readers further behind than this start over. */
const LOG_KEEP = 20_000;

/** One reader's position in the change log. */
export class ChangeFeed {
  private seq: number;

  constructor(private readonly db: Database) {
    this.seq = lastSeq(db);
  }

  /** The last log position read: every change up to it was committed before the read. */
  get position(): number {
    return this.seq;
  }

  /** Items changed since the last read, or `reset` when the log no longer reaches back. */
  read(): { reset: boolean; ids: number[] } {
    const pruned = prunedThrough(this.db);
    if (pruned > this.seq) {
      this.seq = Math.max(lastSeq(this.db), pruned);
      return { reset: true, ids: [] };
    }
    const rows = this.db
      .prepare<[number], [number, number]>(
        'SELECT seq, item_id FROM export_changes WHERE seq > ? ORDER BY seq',
      )
      .raw()
      .all(this.seq);
    const ids: number[] = [];
    for (const [seq, id] of rows) {
      ids.push(id);
      this.seq = seq;
    }
    return { reset: false, ids };
  }
}

/**
 * Registers `ids` as rendered before their rows are read, so that every later write to them is
 * logged. False when the library cannot be written (read-only): the caller then renders without
 * keeping anything. Items already claimed cost no write.
 */
export function claimItems(db: Database, write: Write, ids: readonly number[]): boolean {
  const json = JSON.stringify(ids);
  const unclaimed = db
    .prepare<[string], number>(
      'SELECT 1 FROM json_each(?) WHERE value NOT IN (SELECT item_id FROM export_cached) LIMIT 1',
    )
    .pluck()
    .get(json);
  if (unclaimed === undefined) return true;
  try {
    write(() =>
      db
        .prepare('INSERT OR IGNORE INTO export_cached (item_id) SELECT value FROM json_each(?)')
        .run(json),
    );
    return true;
  } catch {
    return false;
  }
}

/** Keeps the change log short; readers further behind than LOG_KEEP start over. */
export function pruneChanges(db: Database, write: Write): void {
  try {
    const seq = lastSeq(db);
    if (seq - prunedThrough(db) <= 2 * LOG_KEEP) return;
    write(() => {
      const through = seq - LOG_KEEP;
      db.prepare('DELETE FROM export_changes WHERE seq <= ?').run(through);
      db.prepare('UPDATE export_meta SET pruned_through = ? WHERE id = 1').run(through);
    });
  } catch {
    // read-only: the next writer prunes
  }
}

export class EntryCache {
  readonly feed: ChangeFeed;
  private readonly sets = new Map<BibProfile, EntrySet>();
  /**
   * Counters for tests and the benchmark: entries rendered, served from the cache, and read
   * from the library's stored entries (also counted in hits when served).
   */
  readonly stats = { rendered: 0, hits: 0, resets: 0, stored: 0 };

  constructor(private readonly db: Database) {
    this.feed = new ChangeFeed(db);
  }

  /** Drops every entry whose item changed since the last sync. */
  sync(): void {
    const { reset, ids } = this.feed.read();
    if (reset) {
      // the log no longer reaches back to what we saw: nothing cached can be trusted
      this.sets.clear();
      this.stats.resets++;
    } else for (const s of this.sets.values()) s.forget(ids);
  }

  set(profile: BibProfile): EntrySet {
    let s = this.sets.get(profile);
    if (!s) {
      this.sets.set(profile, (s = new EntrySet(profile)));
      // A read-only connection (a read-only library, or the start-up check's) keeps nothing
      // of its own, so it starts empty too rather than trusting rows it could not refresh.
      if (!this.db.readonly) {
        const stored = readStoredEntries(this.db, profile);
        s.seed(stored);
        this.stats.stored += stored.length;
      }
    }
    return s;
  }
}

const caches = new WeakMap<Database, EntryCache>();

/** The cache of one open database (a restore swaps the database object, and so the cache). */
export function entryCacheOf(db: Database): EntryCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new EntryCache(db)));
  return c;
}

export interface CachedExportSource {
  db: Database;
  write: Write;
  /** Live item ids in scope, any order. */
  ids: readonly number[];
  /** Loads the live items among `ids`; `all` when every live item is wanted. */
  load: (ids: readonly number[], all: boolean) => BibItem[];
}

/** The whole .bib file of `ids`, rendering only items not cached since their last change. */
export function exportBibCached(
  src: CachedExportSource,
  profile: BibProfile,
  opts: { preambles: readonly string[]; comments: readonly string[]; all: boolean },
): string {
  const cache = entryCacheOf(src.db);
  cache.sync();
  const set = cache.set(profile);
  const misses = set.missing(src.ids);
  const keep = misses.length === 0 || claimItems(src.db, src.write, misses);
  const items =
    misses.length === 0 ? [] : src.load(misses, opts.all && misses.length === src.ids.length);
  const r = set.file(src.ids, items, { ...opts, keep });
  // items were read after the sync, so their entries hold every change up to its position
  if (keep && r.rendered > 0)
    // (never past the log's real end: a feed reset to a pruned_through beyond it must not
    // stamp rows newer than changes still to come)
    storeEntries(
      src.db,
      src.write,
      profile,
      Math.min(cache.feed.position, lastSeq(src.db)),
      r.fresh,
      (id) => set.positionOf(id),
    );
  cache.stats.rendered += r.rendered;
  cache.stats.hits += r.hits;
  pruneChanges(src.db, src.write);
  return r.text;
}
