import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedIds } from './statements';

let dir: string;
let db: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shelfmark-ids-'));
  db = new Database(join(dir, 'ids.sqlite'));
  db.exec(`CREATE VIRTUAL TABLE f USING fts5(body);
           CREATE TABLE t (id INTEGER PRIMARY KEY, ref INTEGER)`);
  const addText = db.prepare('INSERT INTO f (rowid, body) VALUES (?, ?)');
  const addRef = db.prepare('INSERT INTO t (id, ref) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= 30_000; i++) {
      addText.run(i * 7, i % 3 === 0 ? 'alpha beta' : 'beta gamma');
      addRef.run(i, i % 5 === 0 ? null : i * 11);
    }
  })();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rowByRow = (sql: string, params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .all(...params)
    .filter((v) => v !== null);

describe('cachedIds', () => {
  it('gives the ids of an FTS5 match as one row per id does, in the same order', () => {
    const sql = 'SELECT rowid FROM f WHERE f MATCH ?';
    for (const m of ['alpha', 'beta', 'gam*', 'alpha AND gamma']) {
      const ids = cachedIds(db, sql, [m]);
      expect(ids).toEqual(rowByRow(sql, [m]));
    }
    expect(cachedIds(db, sql, ['alpha'])).toHaveLength(10_000);
    expect(cachedIds(db, sql, ['beta'])[29_999]).toBe(210_000);
  });

  it('leaves nulls out and gives an empty list for no rows', () => {
    const sql = 'SELECT ref FROM t WHERE id <= ?';
    expect(cachedIds(db, sql, [10])).toEqual([11, 22, 33, 44, 66, 77, 88, 99]);
    expect(cachedIds(db, sql, [10])).toEqual(rowByRow(sql, [10]));
    expect(cachedIds(db, sql, [0])).toEqual([]);
    expect(cachedIds(db, 'SELECT rowid FROM f WHERE f MATCH ?', ['delta'])).toEqual([]);
  });
});
