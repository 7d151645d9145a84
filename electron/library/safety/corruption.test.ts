// Start-up check against damaged libraries: each variant either opens safely (SQLite's own
// recovery applies) or gives a clear error naming the newest good backup, with the damaged
// files left byte-for-byte as they were.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { Library } from '../library';
import { listBackups } from './backups';
import {
  RECOVERED,
  REFUSED,
  bases,
  copyLibrary,
  db,
  digest,
  items,
  makeBases,
} from './corruption-variants';

beforeAll(makeBases);

describe(`start-up check: ${REFUSED.length} damaged variants refused untouched`, () => {
  it.each(REFUSED)('$name', (v) => {
    const folder = copyLibrary(v.from === 'wal' ? bases.walBase : bases.base);
    v.damage(folder);
    const before = digest(folder);
    let error: unknown;
    try {
      Library.open(folder).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(['library_damaged', 'library_too_new']).toContain(e.code);
    expect(e.message).toMatch(/untouched|not changed/);
    expect(e.message).toContain(listBackups(folder)[0]!.name); // the good backup is offered
    expect(e.details).toMatchObject({ backup: { name: listBackups(folder)[0]!.name } });
    expect(digest(folder)).toEqual(before); // never overwritten or deleted
    expect(existsSync(join(folder, 'library.lock'))).toBe(false); // and not left locked
  });
});

describe('start-up check: a library from a newer Shelfmark', () => {
  it('is refused with library_too_new and left untouched', () => {
    const folder = copyLibrary(bases.base);
    const l = new Database(db(folder));
    l.pragma('user_version = 9999');
    l.close();
    const before = digest(folder);
    expect(() => Library.open(folder)).toThrow(/newer version of Shelfmark/);
    expect(digest(folder)).toEqual(before);
  });
});

describe(`start-up check: ${RECOVERED.length} variants SQLite recovers from`, () => {
  it.each(RECOVERED)('$name', (v) => {
    const folder = copyLibrary(v.from === 'wal' ? bases.walBase : bases.base);
    v.damage(folder);
    const lib = Library.open(folder);
    try {
      expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(items(lib)).toBe(v.expect());
    } finally {
      lib.close();
    }
  });
});
