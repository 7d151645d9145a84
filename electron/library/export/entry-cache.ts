// Rendered BibTeX/BibLaTeX entries kept in memory between exports (benchmark B7): a
// whole-library export renders only the items that changed since the last one, then orders and
// joins cached texts. Which items changed comes from the database itself (migration 0085:
// triggers log every write that can alter an item's entry, whatever code path made it), so the
// cache can never serve text for an item that was edited, re-tagged, renamed, merged, undone or
// restored since it was rendered.
import type { Database } from 'better-sqlite3';
import {
  type BibItem,
  type BibProfile,
  type BibSortable,
  crossrefOf,
  joinBibFile,
  orderBibEntries,
  renderBibEntry,
} from '../formats/bibtex/write';

export interface CachedEntry extends BibSortable {
  text: string;
}

function lastSeq(db: Database): number {
  return (
    db
      .prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'export_changes'")
      .pluck()
      .get() ?? 0
  );
}

/** Keep the change log short: exporters further behind than this start over. */
const LOG_KEEP = 20_000;

interface ProfileCache {
  entries: Map<number, CachedEntry>;
  /** The last export's entries in file order, and the ids it was asked for (to reuse it). */
  order: CachedEntry[];
  ids: readonly number[];
}

export class EntryCache {
  private seq: number;
  private readonly profiles = new Map<BibProfile, ProfileCache>();
  /** Counters for tests and the benchmark: entries rendered and served from the cache. */
  readonly stats = { rendered: 0, hits: 0, resets: 0 };

  constructor(private readonly db: Database) {
    this.seq = lastSeq(db);
  }

  private pruned(): number {
    return (
      this.db
        .prepare<[], number>('SELECT pruned_through FROM export_meta WHERE id = 1')
        .pluck()
        .get() ?? Number.MAX_SAFE_INTEGER
    );
  }

  /** Drops every entry whose item changed since the last sync. */
  sync(): void {
    const pruned = this.pruned();
    if (pruned > this.seq) {
      // the log no longer reaches back to what we saw: nothing cached can be trusted
      this.profiles.clear();
      this.seq = Math.max(lastSeq(this.db), pruned);
      this.stats.resets++;
      return;
    }
    const rows = this.db
      .prepare<[number], [number, number]>(
        'SELECT seq, item_id FROM export_changes WHERE seq > ? ORDER BY seq',
      )
      .raw()
      .all(this.seq);
    for (const [seq, id] of rows) {
      for (const p of this.profiles.values()) p.entries.delete(id);
      this.seq = seq;
    }
  }

  profile(profile: BibProfile): ProfileCache {
    let p = this.profiles.get(profile);
    if (!p) this.profiles.set(profile, (p = { entries: new Map(), order: [], ids: [] }));
    return p;
  }

  /**
   * Registers `ids` as rendered before their rows are read, so that every later write to them
   * is logged. False when the library cannot be written (read-only): the caller then renders
   * without caching. Items already claimed cost no write.
   */
  claim(write: <T>(fn: () => T) => T, ids: readonly number[]): boolean {
    const json = JSON.stringify(ids);
    const unclaimed = this.db
      .prepare<[string], number>(
        'SELECT 1 FROM json_each(?) WHERE value NOT IN (SELECT item_id FROM export_cached) LIMIT 1',
      )
      .pluck()
      .get(json);
    if (unclaimed === undefined) return true;
    try {
      write(() =>
        this.db
          .prepare('INSERT OR IGNORE INTO export_cached (item_id) SELECT value FROM json_each(?)')
          .run(json),
      );
      return true;
    } catch {
      return false;
    }
  }

  /** Keeps the change log short; exporters further behind than LOG_KEEP start over. */
  prune(write: <T>(fn: () => T) => T): void {
    const seq = lastSeq(this.db);
    if (seq - this.pruned() <= 2 * LOG_KEEP) return;
    try {
      write(() => {
        const through = seq - LOG_KEEP;
        this.db.prepare('DELETE FROM export_changes WHERE seq <= ?').run(through);
        this.db.prepare('UPDATE export_meta SET pruned_through = ? WHERE id = 1').run(through);
      });
    } catch {
      // read-only: the log is pruned by the next writer
    }
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
  write: <T>(fn: () => T) => T;
  /** Live item ids in scope, any order. */
  ids: readonly number[];
  /** Loads full items (live ones among `ids`); `all` when every live item is wanted. */
  load: (ids: readonly number[], all: boolean) => BibItem[];
}

const sameIds = (a: readonly number[], b: readonly number[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** The whole .bib file of `ids`, rendering only items not cached since their last change. */
export function exportBibCached(
  src: CachedExportSource,
  profile: BibProfile,
  opts: { preambles: readonly string[]; comments: readonly string[]; all: boolean },
): string {
  const cache = entryCacheOf(src.db);
  cache.sync();
  const pc = cache.profile(profile);
  const cached = pc.entries;
  const list: CachedEntry[] = [];
  const misses: number[] = [];
  if (sameIds(src.ids, pc.ids)) {
    // the same items as last time: start from last time's order, so sorting is nearly free
    for (const old of pc.order) {
      const e = cached.get(old.id);
      if (e) list.push(e);
      else misses.push(old.id);
    }
  } else {
    for (const id of src.ids) {
      const e = cached.get(id);
      if (e) list.push(e);
      else misses.push(id);
    }
  }
  cache.stats.hits += list.length;
  let keep = true;
  if (misses.length > 0) {
    keep = cache.claim(src.write, misses);
    const items = src.load(misses, opts.all && misses.length === src.ids.length);
    for (const item of items) {
      const e: CachedEntry = {
        id: item.id,
        citationKey: item.citationKey,
        lowerKey: item.citationKey.toLowerCase(),
        crossref: crossrefOf(item),
        text: renderBibEntry(item, profile),
      };
      if (keep) cached.set(item.id, e);
      list.push(e);
    }
    cache.stats.rendered += items.length;
  }
  const ordered = orderBibEntries(list, profile === 'biblatex');
  if (keep) {
    pc.order = ordered;
    pc.ids = src.ids;
  }
  cache.prune(src.write);
  return joinBibFile(
    ordered.map((e) => e.text),
    opts,
  );
}
