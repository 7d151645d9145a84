import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { insertItem } from '../items/repo';
import { Library } from '../library';
import { DB_FILE, NEW_PAGE_SIZE } from './open';
import { migrate } from './migrate';

// New libraries are created with 16 KiB pages (fewer pages to read when a large import
// rebuilds its indexes); a library made with another page size keeps it and works as before.

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});
const folder = () => {
  const f = mkdtempSync(join(tmpdir(), 'shelfmark-page-size-'));
  folders.push(f);
  return f;
};
const pageSize = (lib: Library) => lib.db.pragma('page_size', { simple: true });

it('creates a new library with 16 KiB pages, in WAL mode', () => {
  const lib = Library.open(folder());
  expect(NEW_PAGE_SIZE).toBe(16384);
  expect(pageSize(lib)).toBe(16384);
  expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal');
  lib.close();
});

it('keeps the page size of an existing library, and reads and writes it', () => {
  const dir = folder();
  // a library as an older version made it: 4 KiB pages, the current schema, one item
  const old = new Database(join(dir, DB_FILE));
  old.pragma('page_size = 4096');
  old.pragma('journal_mode = WAL');
  migrate(old);
  insertItem(old, { type: 'article', title: 'Made with small pages' });
  old.close();

  const lib = Library.open(dir);
  expect(pageSize(lib)).toBe(4096);
  lib.write(() => insertItem(lib.db, { type: 'book', title: 'Added later' }));
  expect(lib.db.prepare('SELECT title FROM items ORDER BY id').pluck().all()).toEqual([
    'Made with small pages',
    'Added later',
  ]);
  lib.close();
  const again = Library.open(dir);
  expect(pageSize(again)).toBe(4096);
  expect(again.db.pragma('quick_check', { simple: true })).toBe('ok');
  again.close();
});
