import type { Database } from 'better-sqlite3';
import { changeStamp } from './statements';

type Store = WeakMap<Database, { stamp: string; values: Map<string, unknown> }>;

const CACHE: Store = new WeakMap();
const RECENT: Store = new WeakMap();

/** The values kept for `db` since its last change (a new, empty map after one). */
function valuesSinceChange(store: Store, db: Database): Map<string, unknown> {
  const stamp = changeStamp(db);
  let c = store.get(db);
  if (!c || c.stamp !== stamp) {
    c = { stamp, values: new Map() };
    store.set(db, c);
  }
  return c.values;
}

/**
 * A value computed from the database, kept until the database changes (`changeStamp`): the
 * sidebar and the item table ask for the same counts again and again between writes. Never
 * cached inside a transaction, whose changes may still roll back.
 */
export function cachedUntilChange<T>(db: Database, key: string, compute: () => T): T {
  if (db.inTransaction) return compute();
  const values = valuesSinceChange(CACHE, db);
  if (values.has(key)) return values.get(key) as T;
  const v = compute();
  values.set(key, v);
  return v;
}

/**
 * Like cachedUntilChange for large values (the ids a search word matches), of which only the
 * `keep` most recently used are kept: typing a second word asks for the first word's matches
 * again at every keystroke, but a session of searches must not hold every word's.
 */
export function recentUntilChange<T>(db: Database, key: string, compute: () => T, keep = 32): T {
  if (db.inTransaction) return compute();
  const values = valuesSinceChange(RECENT, db);
  if (values.has(key)) {
    const v = values.get(key) as T;
    // most recently used last
    values.delete(key);
    values.set(key, v);
    return v;
  }
  const v = compute();
  values.set(key, v);
  while (values.size > keep) values.delete(values.keys().next().value as string);
  return v;
}
