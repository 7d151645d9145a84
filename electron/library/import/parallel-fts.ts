// A large import into an empty library fills its full-text table on a worker thread (the
// second core) while this thread writes the items and rebuilds their indexes. Tokenising was
// the biggest single part of such an import (~2.6 s of 8 s at 100k items, measured in
// docs/performance-import-export.md), and nothing else could run beside it inside one write
// transaction.
//
// The worker builds items_fts with the library's own definition in a scratch file in the
// library folder, from the rows this thread has written (sent after each batch, in id order),
// with the statements the fill here would run, so its table holds the rows the fill here would
// have written (tested byte for byte). The scratch file is attached to the library's connection
// before the import's transaction begins (SQLite refuses ATTACH inside one); at the end its rows
// are copied into the library's items_fts by SQL, inside the import's transaction, so the
// import stays one atomic change. Whenever the worker's table could differ from the serial fill
// (the worker failed or stalled, items_fts was written here during the import, a new item was
// deleted, the row counts differ), the caller fills the table here as before: the worst case is
// the old speed, never a wrong index. The scratch file is in WAL mode (see the constructor).
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  MessageChannel,
  type MessagePort,
  Worker,
  receiveMessageOnPort,
} from 'node:worker_threads';
import { ftsColumnsSql } from '../db/items-fts-row';

/** Below this many records a worker's start-up (~30 ms) costs more than it saves. */
export const PARALLEL_FTS_MIN_RECORDS = 5000;
/** The scratch file's name in the library folder (one import at a time per library). */
export const SCRATCH_FILE = '.import-fts.sqlite';
/** The scratch file's schema name on the library's connection while it is attached. */
export const SCRATCH_ALIAS = 'import_fts';
/** Rows per message to the worker. */
const CHUNK = 500;
/**
 * Rows sent but not yet written by the worker, at most. Rows wait in the library instead, so
 * the memory they take is bounded when the worker falls behind (as it does while this thread
 * writes: the fill costs more than the inserts); ~3 MB of text at the benchmark's mix.
 */
const MAX_AHEAD = 4000;
/**
 * How long the import waits for the worker's next step before filling the table itself (500
 * rows take ~15 ms): a worker that died must not hang the import, and giving up costs only time.
 */
const STALL_MS = 15_000;
/** How long the import waits at its end for a worker that never got ready (~50 ms normally). */
const READY_MS = 5_000;

/** The items_fts row the insert trigger writes (migration 120), for the new items after `id`. */
export const FTS_ROWS_SQL = `SELECT items.id, ${ftsColumnsSql('items')}
  FROM items WHERE id > ? ORDER BY id LIMIT ?`;

type Result = { ok: true; rows: number } | { ok: false; message: string };

function workerUrl(): URL {
  // beside this module in the sources, beside the bundle in dist/electron (build-electron.js)
  const here = import.meta.url ? new URL('.', import.meta.url) : pathToFileURL(`${__dirname}/`);
  return new URL('fts-fill-worker.mjs', here);
}

/** FTS5's shadow tables of items_fts (data, idx, content, docsize, config) in one schema. */
function shadowTables(db: Database, schema: string): { name: string; sql: string }[] {
  return db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM "${schema}".sqlite_master
       WHERE type = 'table' AND name LIKE 'items\\_fts\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .all();
}

function ftsSql(db: Database, schema = 'main'): string | undefined {
  return db
    .prepare<[], string>(
      `SELECT sql FROM "${schema}".sqlite_master WHERE type = 'table' AND name = 'items_fts'`,
    )
    .pluck()
    .get();
}

export interface ParallelFtsOptions {
  folder: string;
  nativeBinding?: string | undefined;
  /** FTS5's term buffer for the fill, and the value to leave behind (as bulk.ts does). */
  bulkHashsize: number;
  restoreHashsize: number;
}

export class ParallelFtsFill {
  /**
   * [0]: set when the worker has answered; [1]: rows it has written so far; [2]: set once it
   * has its table and waits for rows (a worker that never gets there is given up early).
   */
  private readonly flag = new Int32Array(new SharedArrayBuffer(12));
  private rowsAfter!: Statement<[number, number], unknown[]>;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  /** The scratch file, to attach to the library's connection under SCRATCH_ALIAS. */
  readonly file: string;
  private lastSent = 0;
  private maxIdBefore = 0;
  private sent = 0;
  private ended = false;
  private disposed = false;
  /** Why the worker's table was not used (tests and the bench). */
  whyNot: string | null = null;

  /** The connection of the import's transaction (begin). */
  private db!: Database;

  private constructor(opts: ParallelFtsOptions, sql: string) {
    this.file = join(opts.folder, SCRATCH_FILE);
    removeScratch(this.file); // left by an import that crashed
    // Created here, before ATTACH and the worker open it, in WAL mode: the importing thread
    // reads this file's schema again whenever a batch is rolled back (SQLite reloads every
    // attached schema after a rollback of DDL), and in rollback-journal mode that read waited
    // for the worker's lock on the file, which it holds from its first spilled page to its
    // commit. A WAL reader never waits for the writer, and the read ends with the reload, so
    // the copy at the end still sees the worker's commit. (A failure here means no worker:
    // start() returns null.)
    const scratch = new BetterSqlite3(
      this.file,
      opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {},
    );
    try {
      scratch.pragma('journal_mode = WAL');
    } finally {
      scratch.close();
    }
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    try {
      this.worker = this.spawn(opts, sql, port2);
    } catch (e) {
      port1.close();
      removeScratch(this.file);
      throw e;
    }
    // an error before the worker answers shows up as no answer: the fill happens here then
    this.worker.on('error', () => undefined);
  }

  private spawn(opts: ParallelFtsOptions, sql: string, port: MessagePort): Worker {
    return new Worker(workerUrl(), {
      workerData: {
        file: this.file,
        ftsSql: sql,
        bulkHashsize: opts.bulkHashsize,
        restoreHashsize: opts.restoreHashsize,
        nativeBinding: opts.nativeBinding,
        flag: this.flag.buffer,
        port,
      },
      transferList: [port],
    });
  }

  /**
   * Starts a worker, before the import's transaction, when the import is large and the
   * library holds no items and no full-text rows (its table replaces the whole of items_fts);
   * null otherwise, or when no worker can be started.
   */
  static start(
    db: Database,
    records: number,
    opts: ParallelFtsOptions,
    minRecords = PARALLEL_FTS_MIN_RECORDS,
  ): ParallelFtsFill | null {
    if (records < minRecords) return null;
    try {
      const empty = db
        .prepare<[], number>(
          `SELECT NOT EXISTS (SELECT 1 FROM items) AND NOT EXISTS (SELECT 1 FROM items_fts_docsize)`,
        )
        .pluck()
        .get();
      const sql = ftsSql(db);
      return empty && sql ? new ParallelFtsFill(opts, sql) : null;
    } catch {
      // another items_fts layout, no worker threads, no file: the fill runs here as before
      return null;
    }
  }

  /**
   * Inside the import's transaction, on its connection (not necessarily the one `start` read:
   * the start-up check may have swapped it since): new items have ids above `maxIdBefore`.
   */
  begin(db: Database, maxIdBefore: number): void {
    this.db = db;
    this.maxIdBefore = maxIdBefore;
    this.lastSent = maxIdBefore;
    this.rowsAfter = this.db.prepare<[number, number], unknown[]>(FTS_ROWS_SQL).raw();
    // A deleted item already sent leaves no trace the counts would show if its id is reused
    // (items.id is not AUTOINCREMENT): this connection notes any delete of a new item.
    db.exec(`CREATE TEMP TABLE import_fts_gone (id INTEGER);
      CREATE TEMP TRIGGER import_fts_gone_log AFTER DELETE ON main.items
      WHEN old.id > ${Math.trunc(maxIdBefore)} BEGIN INSERT INTO import_fts_gone VALUES (old.id); END;`);
  }

  /**
   * Sends the worker the next rows it can take: written items it has not had yet, while fewer
   * than MAX_AHEAD rows wait in its queue. Never waits: rows the worker cannot take yet stay
   * in the library (not in memory) until a later call. Called between batches and between the
   * index rebuilds, so the worker is fed while this thread works.
   */
  feed(): void {
    while (
      !this.ended &&
      Atomics.load(this.flag, 0) === 0 &&
      this.sent - Atomics.load(this.flag, 1) < MAX_AHEAD
    ) {
      if (this.sendChunk() === 0) return;
    }
  }

  private sendChunk(): number {
    const flat: unknown[] = [];
    for (const r of this.rowsAfter.iterate(this.lastSent, CHUNK)) {
      for (let i = 0; i < r.length; i++) flat.push(r[i]);
      this.lastSent = r[0] as number;
    }
    const n = flat.length / 6;
    if (n > 0) this.port.postMessage({ rows: flat });
    this.sent += n;
    return n;
  }

  /** Sends the rest, as fast as the worker takes it, then lets it commit its table. */
  private end(): boolean {
    if (this.ended) return true;
    // a worker that died while starting (it loads SQLite on its thread) never says so: the
    // flags are all this blocked thread can see
    if (Atomics.load(this.flag, 2) === 0 && Atomics.load(this.flag, 0) === 0) {
      Atomics.wait(this.flag, 2, 0, READY_MS);
      if (Atomics.load(this.flag, 2) === 0 && Atomics.load(this.flag, 0) === 0) {
        this.ended = true;
        return false;
      }
    }
    // (stops early when the worker has answered, which before the end means it failed)
    while (Atomics.load(this.flag, 0) === 0) {
      const done = Atomics.load(this.flag, 1);
      if (this.sent - done >= MAX_AHEAD) {
        // nothing else to do on this thread now: wait for the worker's progress
        if (Atomics.wait(this.flag, 1, done, STALL_MS) === 'timed-out') break;
        continue;
      }
      if (this.sendChunk() === 0) break;
    }
    this.ended = true;
    this.port.postMessage({ end: true });
    return true;
  }

  /**
   * Puts the worker's table in place of the library's items_fts. Returns false, leaving the
   * library's items_fts as it was, when the worker's table cannot be trusted to equal the
   * serial fill; the caller then fills it here.
   */
  install(): boolean {
    if (!this.end()) return this.refuse('the worker did not start');
    const result = this.waitForWorker();
    if (!result.ok) return this.refuse(`worker: ${result.message}`);
    const { db } = this;
    const newItems = db
      .prepare<[number], number>('SELECT count(*) FROM items WHERE id > ?')
      .pluck()
      .get(this.maxIdBefore)!;
    if (result.rows !== this.sent || newItems !== this.sent)
      return this.refuse(`rows: sent ${this.sent}, worker ${result.rows}, items ${newItems}`);
    if (db.prepare('SELECT 1 FROM temp.import_fts_gone LIMIT 1').get() !== undefined)
      return this.refuse('an item sent to the worker was deleted during the import');
    // something in the import wrote items_fts here (an update trigger on a new item): the rows
    // sent before it may be stale
    if (db.prepare('SELECT 1 FROM main.items_fts_docsize LIMIT 1').get() !== undefined)
      return this.refuse('items_fts was written during the import');
    const sql = ftsSql(db)!;
    const shadows = shadowTables(db, 'main');
    if (
      ftsSql(db, SCRATCH_ALIAS) !== sql ||
      JSON.stringify(shadowTables(db, SCRATCH_ALIAS)) !== JSON.stringify(shadows)
    )
      return this.refuse('the worker built items_fts with another definition');
    // the scratch file is read once, in order: a page cache for it would only take memory
    db.pragma(`"${SCRATCH_ALIAS}".cache_size = -500`);
    // A fresh table, so that no structure FTS5 cached on this connection outlives the copy;
    // its shadow tables are written directly, which SQLite's defensive mode forbids, so that
    // is lifted for the copy alone.
    db.exec('DROP TABLE main.items_fts');
    db.exec(sql);
    db.unsafeMode(true);
    try {
      for (const { name } of shadows) {
        db.exec(`DELETE FROM main."${name}"`);
        db.exec(`INSERT INTO main."${name}" SELECT * FROM "${SCRATCH_ALIAS}"."${name}"`);
      }
    } finally {
      db.unsafeMode(false);
    }
    return true;
  }

  private refuse(why: string): false {
    this.whyNot = why;
    return false;
  }

  private waitForWorker(): Result {
    // bounded: a worker that died without a word must not hang the import
    Atomics.wait(this.flag, 0, 0, STALL_MS);
    const m = receiveMessageOnPort(this.port) as { message: Result } | undefined;
    return m ? m.message : { ok: false, message: 'no answer from the worker' };
  }

  /** Stops the worker and removes its file; after the scratch file is detached. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // (rolled back with a failed import; left by a committed one)
    this.db?.exec(
      'DROP TRIGGER IF EXISTS temp.import_fts_gone_log; DROP TABLE IF EXISTS temp.import_fts_gone;',
    );
    this.ended = true;
    void this.worker.terminate();
    this.port.close();
    putAsideScratch(this.file);
  }
}

/** Removes the scratch file, its sidecars, and any put aside by an earlier import. */
function removeScratch(file: string): void {
  const dir = dirname(file);
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(basename(file)));
  } catch {
    return; // no folder: nothing to remove
  }
  for (const n of names) {
    try {
      rmSync(join(dir, n), { force: true });
    } catch {
      // still open by a worker being stopped (Windows): the next large import removes it
    }
  }
}

/**
 * After an import, the scratch files are renamed aside at once and removed in the background:
 * unlinking ~170 MB took ~0.13 s of the import at 100k items. A name no later import uses, so
 * the removal cannot take its file; what a crash leaves, the next import's removeScratch takes.
 */
function putAsideScratch(file: string): void {
  const aside = `${file}.old-${process.pid}-${Date.now()}`;
  for (const s of ['', '-journal', '-wal', '-shm']) {
    try {
      renameSync(file + s, aside + s);
    } catch {
      continue; // not there, or still open by the stopping worker (Windows): left for later
    }
    void rm(aside + s, { force: true }).catch(() => undefined);
  }
}
