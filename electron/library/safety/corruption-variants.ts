// The damaged-library variants the start-up check is tested against, shared by the
// synchronous open's tests (corruption.test.ts) and the background check's
// (background-check.test.ts). Test support only.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB_FILE } from '../db/open';
import { insertItem } from '../items/repo';
import { Library } from '../library';
import { backupLibrary } from './backups';

/** The page size a database file's header gives (bytes 16–17; 1 means 65536). */
function pageOf(file: string): number {
  const header = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 2, 16);
  } finally {
    closeSync(fd);
  }
  const n = header.readUInt16BE(0);
  return n === 1 ? 65536 : n;
}
const ITEMS = 300;
export const bases = { base: '', walBase: '', walCommittedItems: 0 };
// base: a closed, healthy library with a backup and no WAL
// walBase: the same with committed transactions still in the WAL (a crash after commit)

export function copyLibrary(from: string): string {
  const to = mkdtempSync(join(tmpdir(), 'shelfmark-corrupt-'));
  for (const f of readdirSync(from)) {
    if (f === 'library.lock') continue;
    const src = join(from, f);
    if (f === 'backups' || f === 'files') {
      mkdirSync(join(to, f), { recursive: true });
      for (const g of readdirSync(src)) copyFileSync(join(src, g), join(to, f, g));
    } else copyFileSync(src, join(to, f));
  }
  return to;
}

export function digest(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of ['', '-wal']) {
    const p = join(folder, DB_FILE + s);
    if (existsSync(p)) {
      try {
        out[s || 'db'] = createHash('sha256').update(readFileSync(p)).digest('hex');
      } catch {
        out[s || 'db'] = 'unreadable'; // a folder in place of the file
      }
    }
  }
  return out;
}

export function patch(file: string, offset: number, bytes: Buffer | number[]): void {
  const b = readFileSync(file);
  Buffer.from(bytes).copy(b, offset);
  writeFileSync(file, b);
}

export function items(lib: Library): number {
  return lib.db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;
}

/** Builds the healthy libraries every variant starts from (call in beforeAll). */
export async function makeBases(): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'shelfmark-corrupt-base-'));
  const lib = Library.open(base);
  lib.write(() => {
    for (let i = 0; i < ITEMS; i++) {
      insertItem(lib.db, {
        type: 'article',
        title: `Paper ${i} ${'words '.repeat(40)}`,
        date: '2020',
      });
    }
  });
  await backupLibrary(lib, 'daily');
  lib.close();

  // walBase: committed frames still in the WAL, as after a crash; copied while the writer is
  // open (no write in progress), which is exactly what a killed process leaves behind.
  const w = copyLibrary(base);
  const wl = Library.open(w);
  wl.db.pragma('wal_autocheckpoint = 0');
  wl.write(() => {
    for (let i = 0; i < 50; i++) insertItem(wl.db, { type: 'article', title: `In WAL ${i}` });
  });
  const walCommittedItems = items(wl);
  const walBase = mkdtempSync(join(tmpdir(), 'shelfmark-corrupt-walbase-'));
  for (const f of ['', '-wal']) copyFileSync(join(w, DB_FILE + f), join(walBase, DB_FILE + f));
  mkdirSync(join(walBase, 'backups'));
  for (const g of readdirSync(join(base, 'backups'))) {
    copyFileSync(join(base, 'backups', g), join(walBase, 'backups', g));
  }
  wl.close();
  Object.assign(bases, { base, walBase, walCommittedItems });
}

export type Variant = { name: string; from?: 'base' | 'wal'; damage: (folder: string) => void };

export const db = (f: string) => join(f, DB_FILE);

/** Variants that must be refused with a clear message and left untouched. */
export const REFUSED: Variant[] = [
  { name: 'empty file (truncated to 0 bytes)', damage: (f) => truncateSync(db(f), 0) },
  { name: 'truncated inside the header (50 bytes)', damage: (f) => truncateSync(db(f), 50) },
  { name: 'truncated to the 100-byte header', damage: (f) => truncateSync(db(f), 100) },
  { name: 'truncated to its first page', damage: (f) => truncateSync(db(f), pageOf(db(f))) },
  {
    name: 'truncated to half',
    damage: (f) => {
      const page = pageOf(db(f));
      truncateSync(db(f), Math.floor(readFileSync(db(f)).length / 2 / page) * page);
    },
  },
  {
    name: 'truncated mid-page',
    damage: (f) => {
      const page = pageOf(db(f));
      truncateSync(db(f), Math.floor(readFileSync(db(f)).length / 2 / page) * page + 1000);
    },
  },
  {
    name: 'torn write: the second half of a data page zeroed',
    // a page of the full-text index, which neither the open nor a count of the items reads:
    // only the full check can find it (what the background check is tested with)
    damage: (f) => {
      const page = pageOf(db(f));
      const probe = new Database(db(f), { readonly: true });
      const n = probe
        .prepare<[], number>(
          `SELECT max(pageno) FROM dbstat WHERE name = 'items_fts_data' AND pagetype = 'leaf'`,
        )
        .pluck()
        .get()!;
      probe.close();
      patch(db(f), (n - 1) * page + page / 2, Buffer.alloc(page / 2));
    },
  },
  { name: 'zeroed 100-byte header', damage: (f) => patch(db(f), 0, Buffer.alloc(100)) },
  { name: 'zeroed first page', damage: (f) => patch(db(f), 0, Buffer.alloc(pageOf(db(f)))) },
  { name: 'wrong magic string', damage: (f) => patch(db(f), 0, Buffer.from('SQLite format 9\0')) },
  { name: 'invalid page size field', damage: (f) => patch(db(f), 16, [0x00, 0x03]) },
  { name: 'flipped b-tree page type of the schema page', damage: (f) => patch(db(f), 100, [0xff]) },
  {
    name: 'random bytes over pages 2–5',
    damage: (f) => {
      const page = pageOf(db(f));
      patch(db(f), page, randomBytes(4 * page));
    },
  },
  {
    name: 'zeroed middle of the file',
    damage: (f) => {
      const n = readFileSync(db(f)).length;
      const page = pageOf(db(f));
      const start = Math.floor(n / 4 / page) * page;
      patch(db(f), start, Buffer.alloc(Math.floor(n / 2 / page) * page));
    },
  },
  {
    name: 'flipped page-type byte on every page',
    damage: (f) => {
      const b = readFileSync(db(f));
      const page = pageOf(db(f));
      for (let p = page; p < b.length; p += page) b[p] = (b[p] ?? 0) ^ 0xff;
      writeFileSync(db(f), b);
    },
  },
  {
    name: 'flipped cell-pointer bytes on every b-tree page',
    damage: (f) => {
      const b = readFileSync(db(f));
      const page = pageOf(db(f));
      for (let p = page; p < b.length; p += page) {
        b[p + 8] = (b[p + 8] ?? 0) ^ 0x5a;
        b[p + 9] = (b[p + 9] ?? 0) ^ 0xa5;
      }
      writeFileSync(db(f), b);
    },
  },
  {
    name: 'not a database: a text file',
    damage: (f) => writeFileSync(db(f), '@article{x, title={Not a database}}\n'.repeat(300)),
  },
  {
    name: 'not a database: PDF bytes',
    damage: (f) => writeFileSync(db(f), `%PDF-1.7\n${'0 0 obj\n'.repeat(2000)}%%EOF\n`),
  },
  { name: 'not a database: random bytes', damage: (f) => writeFileSync(db(f), randomBytes(65536)) },
  {
    name: 'library file replaced by a folder',
    damage: (f) => {
      rmSync(db(f));
      mkdirSync(db(f));
    },
  },
  {
    name: "another program's SQLite database",
    damage: (f) => {
      rmSync(db(f));
      const other = new Database(db(f));
      other.exec(
        "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('x')",
      );
      other.close();
    },
  },
  {
    name: 'unsupported file-format read version (header byte 19)',
    damage: (f) => patch(db(f), 18, [0x03, 0x03]),
  },
  {
    name: 'database size in header beyond the file, version-valid',
    damage: (f) => {
      const b = readFileSync(db(f));
      // in-header size is trusted when "version-valid-for" equals the change counter
      b.writeUInt32BE(b.length / pageOf(db(f)) + 50, 28);
      b.writeUInt32BE(b.readUInt32BE(24), 92);
      writeFileSync(db(f), b);
    },
  },
  {
    name: 'stale WAL from an older state of this library over a newer file',
    from: 'wal',
    damage: (f) => {
      // The WAL's frames describe pages of the database before 50 more items were added and
      // checkpointed; replaying them over the newer file cuts its b-trees apart.
      const old = readFileSync(db(f) + '-wal');
      const l = new Database(db(f));
      l.prepare('UPDATE items SET title = title || ? ').run(' '.repeat(300));
      l.close(); // checkpoints and removes the WAL
      writeFileSync(db(f) + '-wal', old);
    },
  },
];

/** Variants SQLite recovers from by design: the library opens and is whole. */
export const RECOVERED: (Variant & { expect: () => number })[] = [
  {
    name: 'WAL with a corrupted frame checksum: the broken transaction is dropped',
    from: 'wal',
    expect: () => ITEMS,
    damage: (f) => patch(db(f) + '-wal', 32 + 24 + 100, [0xde, 0xad, 0xbe, 0xef]),
  },
  {
    name: 'WAL truncated mid-frame: the partial transaction is dropped',
    from: 'wal',
    expect: () => ITEMS,
    damage: (f) => truncateSync(db(f) + '-wal', 32 + 24 + pageOf(db(f)) + 100),
  },
  {
    name: 'WAL with a garbage header: ignored',
    from: 'wal',
    expect: () => ITEMS,
    damage: (f) => patch(db(f) + '-wal', 0, randomBytes(32)),
  },
  {
    name: 'garbage -shm index: rebuilt from the WAL',
    from: 'wal',
    expect: () => bases.walCommittedItems,
    damage: (f) => writeFileSync(db(f) + '-shm', randomBytes(32768)),
  },
  {
    name: 'intact WAL after a crash: committed items recovered',
    from: 'wal',
    expect: () => bases.walCommittedItems,
    damage: () => {},
  },
  {
    name: 'stale lock file of a dead process',
    expect: () => ITEMS,
    damage: (f) =>
      writeFileSync(join(f, 'library.lock'), JSON.stringify({ pid: 999999, host: hostname() })),
  },
];
