import type { Database } from 'better-sqlite3';
import type { ReadState } from '../../../shared/domain/item';
import { now } from '../items/repo';
import { capture, clearUndo, recordUndo } from './undo';

/** Moves items to the trash, recording an undo entry in the same transaction. */
export function trashItemsUndoable(db: Database, ids: readonly number[]): number {
  const snap = capture(db, [{ table: 'items', scope: { id: ids }, columns: ['deleted_at'] }]);
  const n = db
    .prepare(
      `UPDATE items SET deleted_at = ? WHERE deleted_at IS NULL
       AND id IN (SELECT value FROM json_each(?))`,
    )
    .run(now(), JSON.stringify(ids)).changes;
  if (n > 0) recordUndo(db, `Move ${n} item${n === 1 ? '' : 's'} to the trash`, snap);
  return n;
}

/**
 * Deletes everything in the trash for good. The user confirmed it; the undo entry is dropped
 * because it could refer to rows that no longer exist.
 */
export function emptyTrash(db: Database): number {
  const n = db.prepare('DELETE FROM items WHERE deleted_at IS NOT NULL').run().changes;
  clearUndo(db);
  return n;
}

export interface ItemFlags {
  starred?: boolean | undefined;
  readState?: ReadState | undefined;
  rating?: number | undefined;
}

/** Star, reading state and rating of many items at once (the shortcuts act on a selection). */
export function setItemFlags(db: Database, ids: readonly number[], flags: ItemFlags): number {
  const sets: string[] = [];
  const values: unknown[] = [];
  if (flags.starred !== undefined) {
    sets.push('starred = ?');
    values.push(flags.starred ? 1 : 0);
  }
  if (flags.readState !== undefined) {
    sets.push('read_state = ?');
    values.push(flags.readState);
  }
  if (flags.rating !== undefined) {
    sets.push('rating = ?');
    values.push(flags.rating);
  }
  if (sets.length === 0) return 0;
  return db
    .prepare(
      `UPDATE items SET ${sets.join(', ')}, date_modified = ?
       WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .run(...values, now(), JSON.stringify(ids)).changes;
}
