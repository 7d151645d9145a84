import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AppError } from '../errors';
import { now } from '../items/repo';

// Undo of the last destructive action by row snapshots. Before an action changes anything, it
// captures the rows it may touch (a "scope" per table); undo puts exactly those rows back.
// Two restore modes:
//  - `link`: rows without dependents (item_tags, collection_items, creators, aliases): the
//    scope is deleted and the captured rows re-inserted;
//  - `entity`: rows other tables point at (items, tags, collections, notes, attachments):
//    upserted by id, never deleted, because a delete would cascade into their dependents.
// Only one entry is kept: undo means "the last destructive action".

const TABLES = {
  items: 'entity',
  tags: 'entity',
  collections: 'entity',
  notes: 'entity',
  attachments: 'entity',
  // only a column-limited snapshot of `query` (a tag merge rewrites smart collections)
  saved_searches: 'entity',
  creators: 'link',
  item_tags: 'link',
  collection_items: 'link',
  citation_key_aliases: 'link',
} as const;
export type SnapTable = keyof typeof TABLES;

/** Column -> allowed values, ANDed. */
export type Scope = Record<string, readonly (number | string)[]>;

export interface ScopeSpec {
  table: SnapTable;
  scope: Scope;
  /** For entities: restore only these columns (plus id), e.g. `deleted_at` for a trash. */
  columns?: string[];
}

interface TableSnapshot extends ScopeSpec {
  rows: Record<string, unknown>[];
  /**
   * Entity ids the action deleted. Ids are not AUTOINCREMENT, so a row created later can reuse
   * one; undo must then refuse rather than overwrite that newer row.
   */
  gone?: number[];
  /**
   * Fingerprint of the scope's rows just after the action. Undo re-inserts or overwrites whole
   * rows, so if the scope differs at undo time (a note written into a merged item, a tag given
   * since) undo would silently throw that work away; it refuses instead. Not kept for
   * column-limited snapshots (trash), which put back only the columns the action set.
   */
  after?: string;
}

export interface UndoSnapshot {
  tables: TableSnapshot[];
}

export interface UndoEntry {
  id: number;
  label: string;
  dateAdded: string;
}

/** Counts kept by triggers (migrations 20, 21, 90). */
const DERIVED = new Set(['live_count', 'collection_count', 'attachment_count']);

/** Stored (non-generated) columns of a table; the whitelist every snapshot is checked against. */
function storedColumns(db: Database, table: SnapTable): string[] {
  return (
    db
      .prepare<[], { name: string; hidden: number }>(
        `SELECT name, hidden FROM pragma_table_xinfo('${table}')`,
      )
      .all()
      // derived counts follow the restored links through their triggers; restoring them too
      // would count twice
      .filter((c) => c.hidden === 0 && !DERIVED.has(c.name))
      .map((c) => c.name)
  );
}

function checkColumns(db: Database, table: SnapTable, cols: readonly string[]): void {
  if (!(table in TABLES)) throw new AppError('internal', `table ${table} cannot be snapshot`);
  const known = new Set(storedColumns(db, table));
  for (const c of cols) {
    if (!known.has(c)) throw new AppError('internal', `unknown column ${table}.${c}`);
  }
}

function whereOf(scope: Scope): { sql: string; params: string[] } {
  const cols = Object.keys(scope);
  if (cols.length === 0) throw new AppError('internal', 'an undo scope needs a column');
  // json_each keeps one bound parameter per column whatever the number of ids (100k trash)
  return {
    sql: cols.map((c) => `${c} IN (SELECT value FROM json_each(?))`).join(' AND '),
    params: cols.map((c) => JSON.stringify(scope[c])),
  };
}

export function capture(db: Database, specs: readonly ScopeSpec[]): UndoSnapshot {
  return {
    tables: specs.map((spec) => {
      const cols = spec.columns ? ['id', ...spec.columns] : storedColumns(db, spec.table);
      checkColumns(db, spec.table, [...cols, ...Object.keys(spec.scope)]);
      const w = whereOf(spec.scope);
      const rows = db
        .prepare<string[], Record<string, unknown>>(
          `SELECT ${cols.join(', ')} FROM ${spec.table} WHERE ${w.sql}`,
        )
        .all(...w.params);
      return { ...spec, rows };
    }),
  };
}

/** Hash of the stored columns of every row in a snapshot's scope, in a fixed order. */
function scopeFingerprint(db: Database, t: ScopeSpec): string {
  const cols = storedColumns(db, t.table);
  const w = whereOf(t.scope);
  const hash = createHash('sha256');
  const rows = db
    .prepare<string[], unknown[]>(
      `SELECT ${cols.join(', ')} FROM ${t.table} WHERE ${w.sql} ORDER BY ${cols.join(', ')}`,
    )
    .raw()
    .iterate(...w.params);
  for (const r of rows) hash.update(JSON.stringify(r)).update('\n');
  return hash.digest('hex');
}

const WHAT: Record<SnapTable, string> = {
  items: 'items',
  tags: 'tags',
  collections: 'collections',
  notes: 'notes',
  attachments: 'attachments',
  saved_searches: 'smart collections',
  creators: 'creators',
  item_tags: 'tags of items',
  collection_items: 'collection members',
  citation_key_aliases: 'citation key aliases',
};

/** Replaces the undo entry; call inside the action's transaction, after the action's writes. */
export function recordUndo(db: Database, label: string, snapshot: UndoSnapshot): void {
  for (const t of snapshot.tables) {
    if (!t.columns) t.after = scopeFingerprint(db, t);
  }
  for (const t of snapshot.tables) {
    if (TABLES[t.table] !== 'entity' || t.columns) continue;
    const ids = t.rows.map((r) => r.id as number);
    const present = new Set(
      db
        .prepare<[string], number>(
          `SELECT id FROM ${t.table} WHERE id IN (SELECT value FROM json_each(?))`,
        )
        .pluck()
        .all(JSON.stringify(ids)),
    );
    t.gone = ids.filter((id) => !present.has(id));
  }
  db.prepare('DELETE FROM undo_log').run();
  db.prepare('INSERT INTO undo_log (label, snapshot, date_added) VALUES (?, ?, ?)').run(
    label,
    JSON.stringify(snapshot),
    now(),
  );
}

/** Forgets the undo entry (after an action that makes it unsafe, such as emptying the trash). */
export function clearUndo(db: Database): void {
  db.prepare('DELETE FROM undo_log').run();
}

export function peekUndo(db: Database): UndoEntry | null {
  const r = db
    .prepare<[], { id: number; label: string; date_added: string }>(
      'SELECT id, label, date_added FROM undo_log ORDER BY id DESC LIMIT 1',
    )
    .get();
  return r ? { id: r.id, label: r.label, dateAdded: r.date_added } : null;
}

function restoreTable(db: Database, t: TableSnapshot): void {
  const mode = TABLES[t.table];
  if (mode === 'link') {
    const w = whereOf(t.scope);
    db.prepare(`DELETE FROM ${t.table} WHERE ${w.sql}`).run(...w.params);
  }
  if (t.rows.length === 0) return;
  const cols = Object.keys(t.rows[0]!);
  checkColumns(db, t.table, cols);
  let stmt;
  if (mode === 'link') {
    stmt = db.prepare(
      `INSERT OR IGNORE INTO ${t.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    );
  } else if (t.columns) {
    const sets = t.columns.map((c) => `${c} = ?`).join(', ');
    const update = db.prepare(`UPDATE ${t.table} SET ${sets} WHERE id = ?`);
    for (const r of t.rows) update.run(...t.columns.map((c) => r[c]), r.id);
    return;
  } else {
    const sets = cols
      .filter((c) => c !== 'id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    stmt = db.prepare(
      `INSERT INTO ${t.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${sets}`,
    );
  }
  const freePosition = db.prepare('UPDATE tags SET position = NULL WHERE position = ? AND id <> ?');
  for (const r of t.rows) {
    // a digit given to another tag since the delete goes back to the restored tag
    if (t.table === 'tags' && r.position !== null) freePosition.run(r.position, r.id);
    stmt.run(...cols.map((c) => r[c]));
  }
}

/**
 * The attachment count (migration 90) of every item the undo touched, from the attachments
 * themselves: its triggers recount, but an item re-inserted after its attachments (foreign
 * keys are deferred here) would otherwise keep the default 0.
 */
function recountAttachments(db: Database, snap: UndoSnapshot): void {
  const ids = new Set<number>();
  for (const t of snap.tables) {
    const col = t.table === 'items' ? 'id' : t.table === 'attachments' ? 'item_id' : null;
    if (col) for (const r of t.rows) if (typeof r[col] === 'number') ids.add(r[col]);
  }
  if (ids.size === 0) return;
  db.prepare(
    `UPDATE items SET attachment_count =
       (SELECT count(*) FROM attachments a WHERE a.item_id = items.id)
     WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(JSON.stringify([...ids]));
}

/** Restores the last destructive action; returns its label. Call inside a write transaction. */
export function applyUndo(db: Database): string {
  const row = db
    .prepare<[], { id: number; label: string; snapshot: string }>(
      'SELECT id, label, snapshot FROM undo_log ORDER BY id DESC LIMIT 1',
    )
    .get();
  if (!row) throw new AppError('not_found', 'There is nothing to undo.');
  const snap = JSON.parse(row.snapshot) as UndoSnapshot;
  // parents, children and links come back in one go; foreign keys are checked at commit
  for (const t of snap.tables) {
    if (!t.gone?.length) continue;
    const reused = db
      .prepare(`SELECT 1 FROM ${t.table} WHERE id IN (SELECT value FROM json_each(?)) LIMIT 1`)
      .get(JSON.stringify(t.gone));
    if (reused) {
      throw new AppError(
        'conflict',
        `Cannot undo "${row.label}": something created since took the place of what it deleted.`,
      );
    }
  }
  for (const t of snap.tables) {
    if (t.after !== undefined && scopeFingerprint(db, t) !== t.after) {
      throw new AppError(
        'conflict',
        `Cannot undo "${row.label}": ${WHAT[t.table]} it would put back have changed since, and undoing would lose those changes.`,
      );
    }
  }
  db.pragma('defer_foreign_keys = ON');
  try {
    for (const t of snap.tables) restoreTable(db, t);
  } catch (e) {
    if (e instanceof Error && /UNIQUE constraint/.test(e.message)) {
      throw new AppError(
        'conflict',
        `Cannot undo "${row.label}": something created since uses the same name or key (${e.message}).`,
      );
    }
    throw e;
  }
  recountAttachments(db, snap);
  db.prepare('DELETE FROM undo_log WHERE id = ?').run(row.id);
  return row.label;
}
