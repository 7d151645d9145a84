import type { Database } from 'better-sqlite3';
import type { SortColumn } from '../../../shared/domain/item';
import { cached } from '../db/statements';
import { SORT_INDEX, SORT_SQL } from './sort-columns';

// A kept position index for the library view (B5b: "New item" in a title-sorted view of 100k).
//
// SQLite's b-trees keep no subtree counts, so the row number of an item is a count of every
// row before it, and a page far down is an OFFSET walk to it. Worse, the live indexes are
// partial (`WHERE deleted_at IS NULL`) but do not hold deleted_at, so every entry walked also
// reads the table row, and deleted_at sits at the end of the wide rows (after the abstract and
// the fields JSON, often in overflow pages): 1.4 ms for 22k rows, and at 60k the planner gives
// up on the index and scans the table (24 ms). Making the index covering would change its
// plans; a second index would slow every write (the import) for one call.
//
// Instead, per sort column, the live rows are split into buckets of about BUCKET rows by
// boundary keys, each bucket's count kept. A row's position is the counts of the buckets
// before it plus a count inside its bucket (at most a few hundred index entries); a page at
// any offset starts from its bucket's boundary and skips the rest of the bucket.
//
// Keeping the counts: this connection's writes to items are logged by TEMP triggers (they
// exist only on this connection, change no file and no schema) into a TEMP table, which is
// transactional: a write that rolls back leaves no log rows. Before each use, the log rows not
// yet seen move their bucket's count by one. A commit from another connection (data_version
// moves) or a bucket count that no longer adds up to the live total drops the index, which is
// rebuilt on the next use by one walk of the sort index, a boundary every BUCKET rows.
// Nothing is kept or used inside a transaction (its changes may still roll back).

interface Column {
  /** The sort expression, as items/list.ts orders by it. */
  expr: string;
  /** The stored column the triggers read. */
  raw: string;
  index: string;
  /** NOCASE text: comparisons of two keys in JS go through SQLite to collate the same way. */
  nocase: boolean;
}

// Columns that cannot be NULL and have a partial live index in (column, id) order, as
// items/list.ts sorts by them. `year` can be NULL (row comparisons with NULL are NULL);
// citation keys have no live index.
const COLUMNS: Partial<Record<SortColumn, Column>> = Object.fromEntries(
  Object.entries(SORT_INDEX)
    .filter(([column]) => column !== 'year')
    .map(([column, index]) => {
      const expr = SORT_SQL[column as SortColumn];
      const nocase = expr.endsWith(' COLLATE NOCASE');
      const raw = expr.replace(/^i\./, '').replace(/ COLLATE NOCASE$/, '');
      return [column, { expr, raw, index, nocase }];
    }),
);

let BUCKET = 64;
/** A bucket this much bigger than BUCKET is split in two. */
const SPLIT_AT = 4;
/** More unseen log rows than this many buckets' worth: rebuild instead of replaying them. */
const REPLAY_MAX = 16;
/** The log is emptied of rows every index has seen once it holds this many buckets' worth. */
const PRUNE_AT = 40;

/** Tests use tiny buckets so that a few hundred items cross many boundaries. */
export function setBucketSizeForTests(n: number): void {
  BUCKET = n;
}

/** Pages from this offset on are sought through the index; above, an OFFSET walk is as cheap. */
export function seekFrom(): number {
  return BUCKET * 4;
}

type Key = [unknown, number];

interface Kept {
  /** bounds[j] is the first key of bucket j + 1 (bucket 0 starts below every key). */
  bounds: Key[];
  counts: number[];
  /** The last log row applied. */
  seen: number;
}

interface State {
  dataVersion: number;
  /** The log holds no rows up to this one. */
  pruned: number;
  columns: Map<SortColumn, Kept>;
}

const STATES = new WeakMap<Database, State>();

export function positionsSupported(column: string): column is SortColumn {
  return COLUMNS[column as SortColumn] !== undefined;
}

/** Whether a kept index of the column exists on this connection (it may need bringing up to date). */
export function hasKeptPosition(db: Database, column: SortColumn): boolean {
  return STATES.get(db)?.columns.has(column) ?? false;
}

function dataVersion(db: Database): number {
  return cached<[], number>(db, 'PRAGMA data_version').pluck().get()!;
}

function ensureLog(db: Database, column: SortColumn, c: Column): void {
  const live = (row: string) => `${row}.deleted_at IS NULL`;
  const log = (sign: number, row: string) =>
    `INSERT INTO temp.position_log (col, delta, k, id)
     SELECT '${column}', ${sign}, ${row}.${c.raw}, ${row}.id WHERE ${live(row)};`;
  const name = `position_${c.raw}`;
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS position_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, col TEXT NOT NULL, delta INTEGER NOT NULL, k ANY, id INTEGER NOT NULL
    ) STRICT;
    CREATE TEMP TRIGGER IF NOT EXISTS ${name}_insert AFTER INSERT ON main.items
    WHEN ${live('new')} BEGIN ${log(1, 'new')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS ${name}_delete AFTER DELETE ON main.items
    WHEN ${live('old')} BEGIN ${log(-1, 'old')} END;
    CREATE TEMP TRIGGER IF NOT EXISTS ${name}_update AFTER UPDATE OF ${c.raw}, deleted_at ON main.items
    WHEN old.${c.raw} IS NOT new.${c.raw} OR (${live('old')}) <> (${live('new')}) BEGIN
      ${log(-1, 'old')}
      ${log(1, 'new')}
    END;
  `);
}

/** `a` sorts before `b` in the column's ascending order (SQLite compares: same collation). */
function before(db: Database, c: Column, a: Key, b: Key): boolean {
  const x = c.nocase ? '? COLLATE NOCASE' : '?';
  return (
    cached<unknown[], number>(db, `SELECT ${x} < ? OR (${x} = ? AND ? < ?)`)
      .pluck()
      .get(a[0], b[0], a[0], b[0], a[1], b[1]) === 1
  );
}

/** The bucket a key falls in: the last one whose first key is not after it. */
function bucketOf(db: Database, c: Column, kept: Kept, key: Key): number {
  let lo = 0;
  let hi = kept.bounds.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (before(db, c, key, kept.bounds[mid - 1]!)) hi = mid - 1;
    else lo = mid;
  }
  return lo;
}

/** SQL for "(sort key, id) >= key" (or `<`, `<=`), written so that it bounds the index range. */
function cmp(c: Column, op: '>=' | '<' | '<='): string {
  if (op === '>=') return `(${c.expr} >= ? AND (${c.expr} > ? OR i.id >= ?))`;
  if (op === '<') return `(${c.expr} <= ? AND (${c.expr} < ? OR i.id < ?))`;
  return `(${c.expr} <= ? AND (${c.expr} < ? OR i.id <= ?))`;
}

const keyParams = (k: Key): unknown[] => [k[0], k[0], k[1]];

function build(db: Database, column: SortColumn, c: Column, seen: number): Kept {
  // one walk of the index: each step skips BUCKET entries from the last boundary
  const bounds: Key[] = [];
  const counts: number[] = [];
  for (let key = seek(db, c, null, BUCKET); key; key = seek(db, c, key, BUCKET)) {
    counts.push(BUCKET);
    bounds.push(key);
  }
  const kept: Kept = { bounds, counts, seen };
  // the last bucket holds what is left
  counts.push(countRange(db, c, kept, bounds.length, null));
  return kept;
}

/** Live rows in bucket j below `upto` (the whole bucket when null). */
function countRange(db: Database, c: Column, kept: Kept, j: number, upto: Key | null): number {
  const lower = j > 0 ? kept.bounds[j - 1]! : null;
  const upper = upto ?? (j < kept.bounds.length ? kept.bounds[j]! : null);
  const where = ['i.deleted_at IS NULL'];
  const params: unknown[] = [];
  if (lower) {
    where.push(cmp(c, '>='));
    params.push(...keyParams(lower));
  }
  if (upper) {
    where.push(cmp(c, '<'));
    params.push(...keyParams(upper));
  }
  return cached<unknown[], number>(
    db,
    `SELECT count(*) FROM items i INDEXED BY ${c.index} WHERE ${where.join(' AND ')}`,
  )
    .pluck()
    .get(...params)!;
}

function logEnd(db: Database): number {
  return cached<[], number>(db, 'SELECT coalesce(max(seq), 0) FROM temp.position_log')
    .pluck()
    .get()!;
}

/** Replays this connection's logged writes; false when the index must be rebuilt instead. */
function replay(db: Database, column: SortColumn, c: Column, kept: Kept): boolean {
  const rows = cached<
    [string, number, number],
    { seq: number; delta: number; k: unknown; id: number }
  >(
    db,
    `SELECT seq, delta, k, id FROM temp.position_log WHERE col = ? AND seq > ? ORDER BY seq LIMIT ?`,
  ).all(column, kept.seen, BUCKET * REPLAY_MAX + 1);
  if (rows.length > BUCKET * REPLAY_MAX) return false;
  for (const r of rows) {
    const j = bucketOf(db, c, kept, [r.k, r.id]);
    kept.counts[j]! += r.delta;
    kept.seen = r.seq;
    if (kept.counts[j]! < 0) return false;
  }
  // a bucket grown too big is split in two (after the whole log is applied: the split counts
  // the bucket's rows as they are now)
  for (let j = 0; j < kept.counts.length; j++) {
    if (kept.counts[j]! > BUCKET * SPLIT_AT) split(db, c, kept, j);
  }
  return true;
}

/** Splits bucket j in two at its middle row, found by a seek from its first key. */
function split(db: Database, c: Column, kept: Kept, j: number): void {
  const lower = j > 0 ? kept.bounds[j - 1]! : null;
  const n = countRange(db, c, kept, j, null);
  const half = Math.floor(n / 2);
  const row = seek(db, c, lower, half);
  if (!row) return;
  kept.bounds.splice(j, 0, row);
  kept.counts.splice(j, 1, half, n - half);
}

/** The key `skip` rows after `from` (or after the start), in ascending order. */
function seek(db: Database, c: Column, from: Key | null, skip: number): Key | null {
  const row = cached<unknown[], unknown[]>(
    db,
    `SELECT i.${c.raw}, i.id FROM items i INDEXED BY ${c.index}
     WHERE i.deleted_at IS NULL ${from ? `AND ${cmp(c, '>=')}` : ''}
     ORDER BY ${c.expr}, i.id LIMIT 1 OFFSET ?`,
  )
    .raw()
    .get(...(from ? keyParams(from) : []), skip);
  return row ? [row[0], row[1] as number] : null;
}

function prune(db: Database, state: State): void {
  const end = logEnd(db);
  if (end - state.pruned < BUCKET * PRUNE_AT) return;
  let min = end;
  for (const k of state.columns.values()) min = Math.min(min, k.seen);
  // a write on the TEMP table only (AUTOINCREMENT: sequence numbers are never reused); it moves
  // total_changes(), so counts cached until the next change are recomputed once per prune
  cached(db, 'DELETE FROM temp.position_log WHERE seq <= ?').run(min);
  state.pruned = min;
}

/**
 * The kept index of a sort column, brought up to date, or null where none can be used (inside
 * a transaction). `live`: the number of live items, which the bucket counts must add up to.
 */
function kept(db: Database, column: SortColumn, live: number): { c: Column; kept: Kept } | null {
  const c = COLUMNS[column];
  if (!c || db.inTransaction) return null;
  const version = dataVersion(db);
  let state = STATES.get(db);
  if (!state || state.dataVersion !== version) {
    // another connection committed: its writes were not logged here
    state = { dataVersion: version, pruned: 0, columns: new Map() };
    STATES.set(db, state);
  }
  let k = state.columns.get(column);
  if (k && !replay(db, column, c, k)) k = undefined;
  if (k && k.counts.reduce((a, b) => a + b, 0) !== live) k = undefined;
  if (!k) {
    ensureLog(db, column, c);
    k = build(db, column, c, logEnd(db));
    // the walk is several statements: a commit from elsewhere in between spoils it
    if (dataVersion(db) !== version) return null;
    state.columns.set(column, k);
  }
  prune(db, state);
  return { c, kept: k };
}

/** Row index of a live item with sort key `key` in the library view, or null (no index here). */
export function keptPosition(
  db: Database,
  column: SortColumn,
  direction: 'asc' | 'desc',
  key: Key,
  live: number,
): number | null {
  const p = kept(db, column, live);
  if (!p) return null;
  const j = bucketOf(db, p.c, p.kept, key);
  let at = 0;
  for (let n = 0; n < j; n++) at += p.kept.counts[n]!;
  at += countRange(db, p.c, p.kept, j, key);
  return direction === 'asc' ? at : live - 1 - at;
}

/**
 * Where a library-view page at `offset` starts: a condition that seeks to its first row in the
 * sort index (for `i`), or null (no index here). The caller orders and limits as usual.
 */
export function keptPageStart(
  db: Database,
  column: SortColumn,
  direction: 'asc' | 'desc',
  offset: number,
  live: number,
): { index: string; where: string; params: unknown[] } | null {
  if (offset >= live) return null;
  const p = kept(db, column, live);
  if (!p) return null;
  // the page's first row, counted in ascending order
  const target = direction === 'asc' ? offset : live - 1 - offset;
  let j = 0;
  let start = 0;
  while (j < p.kept.counts.length - 1 && start + p.kept.counts[j]! <= target) {
    start += p.kept.counts[j]!;
    j++;
  }
  const key = seek(db, p.c, j > 0 ? p.kept.bounds[j - 1]! : null, target - start);
  if (!key) return null;
  return {
    index: p.c.index,
    where: cmp(p.c, direction === 'asc' ? '>=' : '<='),
    params: keyParams(key),
  };
}

/**
 * Drops this connection's position triggers and kept indexes, for a bulk import: logging each
 * of 100k inserted rows costs more (3–9 µs a row) than one walk to rebuild an index afterwards.
 * Inside the import's transaction, so a rollback brings the triggers back; the indexes are
 * rebuilt on their next use either way.
 */
export function suspendKeptPositions(db: Database): void {
  STATES.delete(db);
  for (const c of Object.values(COLUMNS)) {
    for (const op of ['insert', 'delete', 'update']) {
      db.exec(`DROP TRIGGER IF EXISTS temp.position_${c.raw}_${op}`);
    }
  }
}
