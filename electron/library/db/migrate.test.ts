import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempFolder } from '../../test-support/temp-library';
import { AppError } from '../errors';
import { Library } from '../library';
import { latestVersion, migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations/index';
import { DB_FILE } from './open';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function folder(): string {
  const t = tempFolder();
  cleanups.push(t.cleanup);
  return t.folder;
}

describe('migrations', () => {
  it('bring an empty file to the latest version with STRICT tables, WAL and foreign keys', () => {
    const dir = folder();
    const lib = Library.open(dir);
    cleanups.unshift(() => lib.close());
    expect(lib.db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(lib.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(lib.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const tables = lib.db
      .prepare<[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
         AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'`,
      )
      .all();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'items',
        'creators',
        'tags',
        'item_tags',
        'collections',
        'collection_items',
        'notes',
        'attachments',
        'annotations',
        'saved_searches',
        'citation_key_aliases',
      ]),
    );
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT/);
  });

  it('upgrade a library from every earlier version, keeping its data', () => {
    for (let k = 1; k < MIGRATIONS.length; k++) {
      const db = new Database(join(folder(), 'old.sqlite'));
      migrate(db, MIGRATIONS.slice(0, k));
      db.prepare(
        `INSERT INTO items (type, citation_key, title, date_added, date_modified) VALUES ('article', 'k1', 'Kept', 'x', 'x')`,
      ).run();
      expect(migrate(db)).toBe(latestVersion());
      expect(db.prepare('SELECT title FROM items').pluck().get()).toBe('Kept');
      db.close();
    }
    // With a single migration there is no earlier version; the loop above then checks nothing,
    // so also check the version-0 → latest path explicitly.
    const db = new Database(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(migrate(db)).toBe(latestVersion());
    db.close();
  });

  it('apply pending migrations in one transaction: a failing one leaves the database as it was', () => {
    const db = new Database(':memory:');
    const failing: Migration[] = [
      ...MIGRATIONS,
      {
        version: latestVersion() + 1,
        name: 'half-done',
        up(d) {
          d.exec('CREATE TABLE half (x INTEGER) STRICT');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, failing)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(
      db
        .prepare(`SELECT count(*) FROM sqlite_schema WHERE name IN ('items', 'half')`)
        .pluck()
        .get(),
    ).toBe(0);
    db.close();
  });

  it('refuse versions that do not grow', () => {
    const db = new Database(':memory:');
    const m = MIGRATIONS[0]!;
    expect(() => migrate(db, [m, { ...m }])).toThrow(/must grow/);
    db.close();
  });

  it('refuse a database from a newer Shelfmark with a clear error and leave the file untouched', () => {
    const dir = folder();
    Library.open(dir).close();
    const file = join(dir, DB_FILE);
    const db = new Database(file);
    db.pragma(`user_version = ${latestVersion() + 5}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    let error: unknown;
    try {
      Library.open(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('library_too_new');
    expect((error as AppError).message).toMatch(/newer version of Shelfmark/);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    // and the lock was released: the library can be opened by an app that knows the version
    const again = new Database(file);
    again.pragma(`user_version = ${latestVersion()}`);
    again.close();
    Library.open(dir).close();
  });
});
