// A large import commits without SQLite's automatic checkpoint and folds its WAL into the
// library file on a worker afterwards. These tests prove the worker really folds it in, that
// closing the library meanwhile is safe and still ends with no WAL, and that a failed or small
// import starts nothing and leaves the connection's setting as it was.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { generateLibrary, toBib } from '../../../bench/generate';
import { importText } from '../import/pipeline';
import { Library } from '../library';
import { DB_FILE } from './open';

const folders: string[] = [];
function folder(): string {
  const f = mkdtempSync(join(tmpdir(), 'shelfmark-ckpt-'));
  folders.push(f);
  return f;
}
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

const BIG = toBib(generateLibrary(2500, 5));
const imp = (lib: Library, text: string) =>
  importText(lib, text, { fileName: 'x.bib', onDuplicate: 'import' });
const autocheckpoint = (lib: Library) => lib.db.pragma('wal_autocheckpoint', { simple: true });

/** Items in the library file alone, as if its WAL were lost: what has been folded in. */
function itemsInFileAlone(dir: string): number {
  const copy = folder();
  copyFileSync(join(dir, DB_FILE), join(copy, DB_FILE));
  const db = new Database(join(copy, DB_FILE), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM items').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('background checkpoint after a large import', () => {
  it('folds the whole WAL into the file on a worker', async () => {
    const dir = folder();
    const lib = Library.open(dir);
    try {
      const r = imp(lib, BIG);
      expect(r.imported).toBeGreaterThan(2500);
      expect(autocheckpoint(lib)).toBe(1000);
      const result = await lib.lastCheckpoint!.done;
      expect(result).toMatchObject({ ok: true, busy: 0 });
      if (!result.ok) return;
      expect(result.log).toBeGreaterThan(100);
      expect(result.checkpointed).toBe(result.log);
      // the file alone holds the import, and nothing is left for this connection to copy
      expect(itemsInFileAlone(dir)).toBe(r.imported);
      const [left] = lib.db.pragma('wal_checkpoint(PASSIVE)') as {
        checkpointed: number;
        log: number;
      }[];
      expect(left!.checkpointed).toBe(left!.log);
    } finally {
      lib.close();
    }
  });

  it('lets the library close at once, ending with no WAL and an intact file', () => {
    const dir = folder();
    const lib = Library.open(dir);
    const r = imp(lib, BIG);
    const running = lib.lastCheckpoint!;
    lib.close(); // waits for the worker's connection, then is the last one to close
    expect(running.finished).toBe(true);
    expect(existsSync(join(dir, `${DB_FILE}-wal`))).toBe(false);
    expect(itemsInFileAlone(dir)).toBe(r.imported);
    const again = Library.open(dir);
    try {
      expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(again.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(r.imported);
    } finally {
      again.close();
    }
  });

  it('starts nothing for a small or failed import, and leaves the setting as it was', () => {
    const lib = Library.open(folder());
    try {
      imp(lib, '@article{a, title = {One}}');
      expect(lib.lastCheckpoint).toBeNull();
      lib.db.exec(
        `CREATE TEMP TRIGGER fail_import AFTER INSERT ON main.items WHEN new.id = 900
         BEGIN SELECT RAISE(ROLLBACK, 'disk gone'); END`,
      );
      expect(() => imp(lib, BIG)).toThrow('disk gone');
      expect(lib.lastCheckpoint).toBeNull();
      expect(autocheckpoint(lib)).toBe(1000);
      expect(lib.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
    } finally {
      lib.close();
    }
  });
});
