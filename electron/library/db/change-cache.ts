import type { Database } from 'better-sqlite3';
import { changeStamp } from './statements';

const CACHE = new WeakMap<Database, { stamp: string; values: Map<string, unknown> }>();

/**
 * A value computed from the database, kept until the database changes (`changeStamp`): the
 * sidebar and the item table ask for the same counts again and again between writes. Never
 * cached inside a transaction, whose changes may still roll back.
 */
export function cachedUntilChange<T>(db: Database, key: string, compute: () => T): T {
  if (db.inTransaction) return compute();
  const stamp = changeStamp(db);
  let c = CACHE.get(db);
  if (!c || c.stamp !== stamp) {
    c = { stamp, values: new Map() };
    CACHE.set(db, c);
  }
  if (c.values.has(key)) return c.values.get(key) as T;
  const v = compute();
  c.values.set(key, v);
  return v;
}
