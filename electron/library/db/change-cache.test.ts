import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedUntilChange, recentUntilChange } from './change-cache';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (x INTEGER) STRICT');
});
afterEach(() => db.close());

describe('cachedUntilChange', () => {
  it('computes once until a write, then again; per key', () => {
    let runs = 0;
    const sum = () =>
      cachedUntilChange(db, 'sum', () => {
        runs++;
        return db.prepare('SELECT coalesce(sum(x), 0) FROM t').pluck().get();
      });
    expect(sum()).toBe(0);
    expect(sum()).toBe(0);
    expect(runs).toBe(1);
    db.prepare('INSERT INTO t VALUES (5)').run();
    expect(sum()).toBe(5);
    expect(sum()).toBe(5);
    expect(runs).toBe(2);
    expect(cachedUntilChange(db, 'other', () => 'o')).toBe('o');
    expect(sum()).toBe(5);
    expect(runs).toBe(2);
  });

  it('never caches inside a transaction, whose changes may roll back', () => {
    let runs = 0;
    const count = () =>
      cachedUntilChange(db, 'n', () => {
        runs++;
        return db.prepare('SELECT count(*) FROM t').pluck().get();
      });
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO t VALUES (1)').run();
        expect(count()).toBe(1);
        expect(count()).toBe(1);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(runs).toBe(2);
    expect(count()).toBe(0);
  });
});

describe('recentUntilChange', () => {
  it('keeps only the most recently used values, until a write', () => {
    const runs: string[] = [];
    const get = (key: string) =>
      recentUntilChange(
        db,
        key,
        () => {
          runs.push(key);
          return db.prepare('SELECT count(*) FROM t').pluck().get();
        },
        2,
      );
    get('a');
    get('b');
    get('a'); // a is now the most recent: c pushes b out
    get('c');
    get('a');
    get('b');
    expect(runs).toEqual(['a', 'b', 'c', 'b']);
    db.prepare('INSERT INTO t VALUES (1)').run();
    expect(get('a')).toBe(1);
    expect(runs).toEqual(['a', 'b', 'c', 'b', 'a']);
    // inside a transaction: computed every time
    db.transaction(() => {
      get('a');
      get('a');
    })();
    expect(runs.slice(5)).toEqual(['a', 'a']);
  });
});
