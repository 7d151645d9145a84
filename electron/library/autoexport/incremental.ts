// Incremental .bib auto-export (benchmark B7b): the worker keeps each binding's rendered entries
// between runs; this side tracks which items the worker holds (`known`), reads which of them
// changed since from the database's change log (migration 0085), and sends only the items the
// worker lacks. Anything that puts the two sides out of step (a new worker, a failed run, a
// pruned log, another format or collection) starts the binding afresh.
import type { Database } from 'better-sqlite3';
import { ChangeFeed, claimItems, pruneChanges } from '../export/entry-cache';
import { allLiveIds, loadBibItems } from '../export/load';
import type { BibItem } from '../formats/bibtex/write';
import type { Library } from '../library';
import type { BindingDbRow } from './bindings';
import type { IncrementalEnd } from './export-protocol';
import { workerGeneration } from './run-export-worker';

const PAGE = 2_000;

/** Items sent to the worker to render, and binding runs that started afresh (tests, bench). */
export const incrementalStats = { sent: 0, resets: 0 };

interface Tracker {
  feed: ChangeFeed;
  known: Set<number>;
  generation: number;
  format: string;
  collectionId: number | null;
  /** The scope's ids at the last successful run, and (built when first needed) as a set. */
  lastIds: number[] | null;
  lastScope: Set<number> | null;
}

const trackers = new WeakMap<Database, Map<number, Tracker>>();

function trackersOf(db: Database): Map<number, Tracker> {
  let m = trackers.get(db);
  if (!m) trackers.set(db, (m = new Map()));
  return m;
}

/** Live items of the binding's scope: the library, or the collection's own items. */
function scopeIds(db: Database, collectionId: number | null): number[] {
  return collectionId === null
    ? allLiveIds(db)
    : db
        .prepare<[number], number>(
          `SELECT id FROM items WHERE deleted_at IS NULL
             AND id IN (SELECT item_id FROM collection_items WHERE collection_id = ?)`,
        )
        .pluck()
        .all(collectionId);
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface IncrementalPlan {
  produce: (send: (items: BibItem[]) => void) => Promise<void>;
  end: () => IncrementalEnd;
  /** The worker wrote (or kept) the file: it now holds every item sent. */
  succeeded(): void;
  failed(): void;
  /** Items sent to be rendered (tests, benchmark). */
  readonly sent: number;
}

/** The plan of one .bib binding run, or null for formats the worker renders whole. */
export function planIncremental(lib: Library, row: BindingDbRow): IncrementalPlan | null {
  if (row.format !== 'bibtex' && row.format !== 'biblatex') return null;
  const db = lib.db;
  const all = trackersOf(db);
  const generation = workerGeneration();
  let t = all.get(row.id);
  let reset = false;
  let changed: number[] = [];
  if (
    !t ||
    t.generation !== generation ||
    t.format !== row.format ||
    t.collectionId !== row.collection_id
  ) {
    t = {
      feed: new ChangeFeed(db),
      known: new Set(),
      generation,
      format: row.format,
      collectionId: row.collection_id,
      lastIds: null,
      lastScope: null,
    };
    all.set(row.id, t);
    reset = true;
  } else {
    const r = t.feed.read();
    if (r.reset) {
      t.known.clear();
      reset = true;
    } else {
      changed = r.ids.filter((id) => t!.known.delete(id));
    }
  }
  if (reset) incrementalStats.resets++;
  const tracker = t;
  const ids = scopeIds(db, row.collection_id);
  // The same items as last run (an edit, not a create, trash or collection change): the worker
  // is told "the same ids" instead of being sent 100k of them, and the only ids it lacks are
  // the changed ones in scope (every id of the last run was known, and only a change removes
  // one from `known`).
  const same = !reset && tracker.lastIds !== null && sameIds(ids, tracker.lastIds);
  let misses: number[];
  if (same) {
    const scope = (tracker.lastScope ??= new Set(tracker.lastIds));
    misses = changed.filter((id) => scope.has(id));
  } else misses = ids.filter((id) => !tracker.known.has(id));
  // read-only library: nothing logs changes to unclaimed items, so the next run starts over
  const claimed = misses.length === 0 || claimItems(db, (fn) => lib.write(fn), misses);
  let sent = 0;
  return {
    async produce(send) {
      for (let i = 0; i < misses.length; i += PAGE) {
        if (i > 0) await tick();
        const items = loadBibItems(db, misses.slice(i, i + PAGE));
        sent += items.length;
        incrementalStats.sent += items.length;
        send(items);
      }
    },
    end: () => ({ key: row.id, reset, changed, ids: same ? null : ids }),
    succeeded() {
      if (!claimed) {
        all.delete(row.id);
        return;
      }
      for (const id of misses) tracker.known.add(id);
      if (!same) {
        tracker.lastIds = ids;
        tracker.lastScope = null;
      }
      // the log grows with every write to a claimed item; export.items is not the only
      // reader that may keep it short (a library only auto-exported would grow for ever)
      pruneChanges(db, (fn) => lib.write(fn));
    },
    failed() {
      all.delete(row.id);
    },
    get sent() {
      return sent;
    },
  };
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The binding starts afresh at its next run (its last file was not confirmed flushed). */
export function forgetIncremental(db: Database, bindingId: number): void {
  trackers.get(db)?.delete(bindingId);
}
