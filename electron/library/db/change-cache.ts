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

const RECENT = new WeakMap<Database, { stamp: string; values: Map<string, unknown> }>();

/**
 * Like cachedUntilChange for large values (the ids a search word matches), of which only the
 * `keep` most recently used are kept: typing a second word asks for the first word's matches
 * again at every keystroke, but a session of searches must not hold every word's.
 */
export function recentUntilChange<T>(db: Database, key: string, compute: () => T, keep = 32): T {
  if (db.inTransaction) return compute();
  const stamp = changeStamp(db);
  let c = RECENT.get(db);
  if (!c || c.stamp !== stamp) {
    c = { stamp, values: new Map() };
    RECENT.set(db, c);
  }
  if (c.values.has(key)) {
    const v = c.values.get(key) as T;
    // most recently used last
    c.values.delete(key);
    c.values.set(key, v);
    return v;
  }
  const v = compute();
  c.values.set(key, v);
  while (c.values.size > keep) c.values.delete(c.values.keys().next().value as string);
  return v;
}
