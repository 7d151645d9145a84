// Bulk mode for one import transaction. Two per-row triggers dominate a large import: the
// items_fts insert trigger (tokenising every row as it lands, ~70% of insert time) and the tag
// live-count trigger (one UPDATE of tags per tag link). Inside the import's own write
// transaction they are dropped, the rows go in, then the full-text rows of every new item are
// written by one INSERT…SELECT with the trigger's exact expression, the touched tags' counts
// are recounted, and the triggers are recreated from their stored SQL. DDL is transactional in
// SQLite, so a failed import rolls the triggers back with everything else; other connections
// never see the library without them.
//
// A large import also drops the secondary indexes of the tables it fills (items has ~18, several
// on expressions over `fields` JSON, and creators one) and recreates them from their stored SQL
// at the end: maintaining them row by row was ~60% of the 100k import's insert time, building
// them once over the finished tables is a few times cheaper (measured in
// docs/performance-import-export.md). Only when the import is big next to the library: a
// rebuild costs the whole table, so a small import into a big library keeps per-row upkeep.
// Unique indexes are never dropped (they enforce the keys while rows go in).
import type { Database } from 'better-sqlite3';
import { suspendLiveCounts } from '../items/live-counts';
import { suspendKeptPositions } from '../items/positions';
import { FTS_ROWS_SQL, type ParallelFtsFill } from './parallel-fts';

/**
 * The export change log's insert triggers (migration 85) only log rows of items an exporter has
 * claimed; an import's new items never are, so finish() logs in one statement what they would
 * have: claimed ids among the new items and the existing items a merge changed.
 */
const EXPORT_LOG_TRIGGERS = [
  'items_export_insert',
  'creators_export_insert',
  'item_tags_export_insert',
  'citation_key_aliases_export_insert',
] as const;
const BYPASSED = ['items_fts_insert', 'item_tags_count_insert', ...EXPORT_LOG_TRIGGERS] as const;
/** Tables whose secondary indexes a large import rebuilds instead of maintaining per row. */
export const REBUILT_INDEX_TABLES = ['items', 'creators', 'item_tags'] as const;
/** Fewer records than this: per-row upkeep is cheap enough, rebuilding is not worth the DDL. */
export const MIN_REBUILD_RECORDS = 2000;

/**
 * Rebuild when the new rows are at least a third of the table afterwards: per-row upkeep
 * measured ~4× the cost of a rebuild per row at 100k, so below that share it would lose.
 */
export function shouldRebuildIndexes(records: number, existingItems: number): boolean {
  return records >= MIN_REBUILD_RECORDS && records * 2 >= existingItems;
}

/** The page cache while a large import's rows go in (shrinkCache): 2 MB, as SQLite counts it. */
const BULK_CACHE_KIB = -2000;
/** FTS5's term buffer while a bulk import fills items_fts (see growFtsHash). */
export const BULK_FTS_HASHSIZE = 8 * 1024 * 1024;
export const FTS5_DEFAULT_HASHSIZE = 1024 * 1024;

/** items_fts's own `hashsize` setting, when one was ever written. */
export function ftsHashsize(db: Database): number | undefined {
  return db
    .prepare<[], number>(`SELECT v FROM items_fts_config WHERE k = 'hashsize'`)
    .pluck()
    .get();
}

interface SchemaObject {
  name: string;
  sql: string;
}

export class BulkImport {
  private readonly triggers: SchemaObject[] = [];
  private readonly indexes: SchemaObject[] = [];
  private readonly maxIdBefore: number;
  readonly touchedTags = new Set<number>();
  /** Existing items this import changed (merges), for the export change log. */
  readonly touchedItems = new Set<number>();
  /** How the full-text rows were written: by the worker, or here (tests and the bench). */
  ftsFilledBy: 'worker' | 'here' | null = null;
  /** The connection's page cache setting, while a smaller one is in force (shrinkCache). */
  private cacheSize: number | null = null;

  /** Must run inside the import's write transaction, before its statements are prepared. */
  constructor(
    private readonly db: Database,
    records = 0,
    /** The full-text fill running on a worker (parallel-fts.ts), if the import started one. */
    private readonly fts: ParallelFtsFill | null = null,
  ) {
    this.maxIdBefore = db
      .prepare<[], number>('SELECT coalesce(max(id), 0) FROM items')
      .pluck()
      .get()!;
    const find = db
      .prepare<[string], string>(
        `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`,
      )
      .pluck();
    for (const name of BYPASSED) {
      const sql = find.get(name);
      if (sql === undefined) continue; // an older schema without it: nothing to bypass
      this.triggers.push({ name, sql });
      db.exec(`DROP TRIGGER ${name}`);
    }
    // this connection's TEMP triggers keeping list positions and counts (items/positions.ts,
    // items/live-counts.ts) would log every inserted row; they start again after the import
    suspendKeptPositions(db);
    suspendLiveCounts(db);
    const existing = db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;
    if (shouldRebuildIndexes(records, existing)) {
      this.dropIndexes();
      this.shrinkCache();
    }
    fts?.begin(db, this.maxIdBefore);
  }

  /**
   * With the secondary indexes dropped, the rows' pages are appended and leave the page cache
   * once, and the index rebuild measured the same with 2 MB as with the default 16 MB; the
   * smaller cache kept the 100k import's peak RSS ~19 MB lower at the same speed
   * (docs/performance-import-export.md). The serial full-text fill, which merges segments as it
   * goes, gets the whole cache back (restoreCache); the caller restores it too if the import
   * fails (pipeline.ts).
   */
  private shrinkCache(): void {
    this.cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
  }

  private restoreCache(): void {
    if (this.cacheSize === null) return;
    this.db.pragma(`cache_size = ${Math.trunc(this.cacheSize)}`);
    this.cacheSize = null;
  }

  /** Why a worker that ran was not used (its table is then filled here). */
  get ftsWhyNotWorker(): string | null {
    return this.fts?.whyNot ?? null;
  }

  /** A batch of records is written for good: the worker may tokenise its rows now. */
  batchDone(): void {
    this.fts?.feed();
  }

  private dropIndexes(): void {
    const { db } = this;
    // sql IS NULL: the automatic indexes of PRIMARY KEY / UNIQUE constraints (cannot be dropped)
    const rows = db
      .prepare<[string], SchemaObject>(
        `SELECT m.name, m.sql FROM sqlite_master m
         WHERE m.type = 'index' AND m.sql IS NOT NULL
           AND m.tbl_name IN (SELECT value FROM json_each(?))
           AND NOT (SELECT il."unique" FROM pragma_index_list(m.tbl_name) il WHERE il.name = m.name)
         ORDER BY m.rowid`,
      )
      .all(JSON.stringify(REBUILT_INDEX_TABLES));
    for (const r of rows) {
      this.indexes.push(r);
      db.exec(`DROP INDEX "${r.name.replace(/"/g, '""')}"`);
    }
  }

  /** Whether this import rebuilds the secondary indexes at the end (for tests and the bench). */
  get rebuildsIndexes(): boolean {
    return this.indexes.length > 0;
  }

  /**
   * FTS5 buffers new terms in memory up to `hashsize` (1 MB by default) and writes a segment
   * each time it fills; with the prefix indexes every token is written four times, so a 100k
   * fill writes hundreds of small segments that automerge then merges again. A bigger buffer
   * for the fill only cut its CPU by ~20% at 100k for ~8 MB more memory. `hashsize` is a
   * persistent setting (items_fts_config), so it is put back as it was: the same value, or
   * FTS5's default when none was set. Returns the function that restores it.
   */
  private growFtsHash(): () => void {
    const { db } = this;
    const set = (n: number) =>
      db.exec(`INSERT INTO items_fts (items_fts, rank) VALUES ('hashsize', ${Math.trunc(n)})`);
    const old = ftsHashsize(db);
    set(BULK_FTS_HASHSIZE);
    // (the shadow table cannot be written directly, so "no row" comes back as the default value)
    return () => set(old ?? FTS5_DEFAULT_HASHSIZE);
  }

  /** Brings the index and counts in line with the new rows and restores the triggers. */
  finish(): void {
    const { db } = this;
    // first: the tag recount below reads item_tags by tag through item_tags_tag; the worker
    // is fed between the rebuilds
    for (const i of this.indexes) {
      db.exec(i.sql);
      this.fts?.feed();
    }
    if (this.triggers.some((t) => t.name === 'items_fts_insert')) {
      if (this.fts?.install()) {
        this.ftsFilledBy = 'worker';
      } else {
        // the fill merges its segments as it goes: it reads them through the whole cache
        this.restoreCache();
        // the same row the trigger writes (0001-initial), for every item this import added;
        // a delete first, in case anything in the import already indexed one of them
        db.prepare('DELETE FROM items_fts WHERE rowid > ?').run(this.maxIdBefore);
        const restore = this.growFtsHash();
        db.prepare(
          `INSERT INTO items_fts (rowid, title, creators, abstract, venue, extra) ${FTS_ROWS_SQL}`,
        ).run(this.maxIdBefore, -1);
        restore();
        this.ftsFilledBy = 'here';
      }
    }
    if (this.triggers.some((t) => t.name === 'creators_export_insert')) {
      db.prepare(
        `INSERT INTO export_changes (item_id) SELECT item_id FROM export_cached
         WHERE item_id > ? OR item_id IN (SELECT value FROM json_each(?))`,
      ).run(this.maxIdBefore, JSON.stringify([...this.touchedItems]));
    }
    if (this.triggers.some((t) => t.name === 'item_tags_count_insert') && this.touchedTags.size) {
      // the trigger's rule: a link counts when its item is live (0020-organise). Counted as
      // all links less those of trashed items: the first is a count of the covering index,
      // the second reads only trashed items (their partial index), once for all tags. Joining
      // every link to its item instead cost ~290 ms at 100k; this is 5–45 ms, the same counts.
      db.prepare(
        `WITH trashed (tag_id, n) AS MATERIALIZED (
           SELECT it.tag_id, count(*) FROM items i CROSS JOIN item_tags it ON it.item_id = i.id
           WHERE i.deleted_at IS NOT NULL GROUP BY it.tag_id)
         UPDATE tags SET live_count = (SELECT count(*) FROM item_tags it WHERE it.tag_id = tags.id)
           - coalesce((SELECT n FROM trashed WHERE trashed.tag_id = tags.id), 0)
         WHERE id IN (SELECT value FROM json_each(?))`,
      ).run(JSON.stringify([...this.touchedTags]));
    }
    for (const t of this.triggers) db.exec(t.sql);
    this.restoreCache();
  }
}
