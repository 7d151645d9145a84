// The full-file quick_check runs on open only after an unclean shutdown (a WAL file left
// behind); a damaged file found then is refused.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  statSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder, tempLibrary } from '../../test-support/temp-library';
import { Library } from '../library';
import { insertItem } from '../items/repo';
import { DB_FILE } from './open';

let cleanups: (() => void)[] = [];
beforeEach(() => (cleanups = []));
afterEach(() => cleanups.forEach((c) => c()));

describe('open after an unclean shutdown', () => {
  it('a clean close leaves no WAL, so the next open skips the full check', () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const lib = Library.open(folder);
    lib.write(() => insertItem(lib.db, { type: 'article', title: 'kept' }));
    lib.close();
    expect(existsSync(join(folder, `${DB_FILE}-wal`))).toBe(false);
    const again = Library.open(folder);
    expect(again.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
    again.close();
  });

  it('checks and refuses a damaged file left with its WAL', () => {
    const t = tempLibrary();
    cleanups.push(t.cleanup);
    t.lib.write(() => {
      for (let i = 0; i < 300; i++)
        insertItem(t.lib.db, { type: 'article', title: `item ${i}`, abstract: 'x'.repeat(500) });
    });
    // everything into the main file, then one more write so a WAL is left, as after a crash
    t.lib.db.pragma('wal_checkpoint(TRUNCATE)');
    t.lib.write(() => insertItem(t.lib.db, { type: 'article', title: 'last' }));
    // a copy taken while the library is open is what a crash leaves: the file plus its WAL
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(t.folder, DB_FILE), join(folder, DB_FILE));
    copyFileSync(join(t.folder, `${DB_FILE}-wal`), join(folder, `${DB_FILE}-wal`));
    // scribble over a page in the middle of the file (one the WAL holds no newer copy of)
    const pages = statSync(join(folder, DB_FILE)).size / 4096;
    const fd = openSync(join(folder, DB_FILE), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * Math.floor(pages / 3));
    closeSync(fd);
    expect(() => Library.open(folder)).toThrow(/damaged|not a readable/);
  });
});
