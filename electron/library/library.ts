import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { EngineEvents, EventName, LibraryCheck } from '../../shared/api/events';
import { BackgroundCheck, type CheckState } from './db/background-check';
import { BackgroundCheckpoint } from './db/background-checkpoint';
import { migrate } from './db/migrate';
import {
  DB_FILE,
  type OpenOptions,
  applyPragmas,
  damaged,
  openDatabase,
  prepareDatabase,
  removeCreatedSidecars,
} from './db/open';
import { AppError } from './errors';
import { join } from 'node:path';
import { backupDatabase, isDiskFull } from './safety/backup-files';

export type EventListener = <E extends EventName>(name: E, payload: EngineEvents[E]) => void;

/** How long a closing library waits for a background checkpoint (~1 s at 100k items). */
const CHECKPOINT_WAIT_MS = 30_000;

/** One open library: its folder, its database and the listeners for the events it pushes. */
export class Library {
  private readonly listeners = new Set<EventListener>();
  private readonly committing = new Set<() => void>();
  private closed = false;
  /** When the last write transaction ended (ms since epoch): the backup scheduler's idle test. */
  lastWriteAt = 0;
  /** The start-up integrity check while it runs on a worker (openAsync); null once settled. */
  private check: BackgroundCheck | null = null;
  /** Set when that check found the file damaged: every write is refused from then on. */
  private damage: AppError | null = null;
  /** Set when the check passed but the file could not be reopened for writing: writes fail. */
  private unwritable: AppError | null = null;
  /** The WAL of the last large write being folded into the file on a worker, if any. */
  private checkpoint: BackgroundCheckpoint | null = null;
  /** Whether -wal and -shm existed before a deferred open: a damaged file is left as found. */
  private hadSidecars: readonly [boolean, boolean] = [true, true];

  private constructor(
    readonly folder: string,
    private database: Database,
    private readonly release: () => void,
    private readonly options: OpenOptions,
  ) {}

  get db(): Database {
    return this.database;
  }

  /** The better-sqlite3 binding the host chose (Electron's), for connections on workers. */
  get nativeBinding(): string | undefined {
    return this.options.nativeBinding;
  }

  static open(folder: string, options: OpenOptions = {}): Library {
    const { db, release } = openDatabase(folder, options);
    return new Library(folder, db, release, options);
  }

  /**
   * Opens like `open`, but an existing library that needs migrating is first backed up with
   * SQLite's online backup API (verified, rotated). Hosts use this one.
   */
  static async openAsync(folder: string, options: OpenOptions = {}): Promise<Library> {
    // The full-file check would hold the first rows back by seconds at 100k items: unless a
    // migration must run, it goes to a worker, and the library is read-only until it passes.
    const p = prepareDatabase(folder, { check: 'background', ...options });
    if (p.deferred) {
      const lib = new Library(folder, p.db, p.release, options);
      lib.hadSidecars = p.hadSidecars;
      lib.check = new BackgroundCheck(p.file, options.nativeBinding, (s) => lib.settleCheck(s));
      return lib;
    }
    try {
      if (!options.readonly && p.pending > 0) {
        if (!p.fresh) await backupDatabase(p.db, folder, 'pre-migration');
        migrate(p.db, p.migrations);
      }
    } catch (e) {
      p.db.close();
      p.release();
      throw e;
    }
    return new Library(folder, p.db, p.release, options);
  }

  /**
   * Closes the database, lets `swap` replace its file (a restore), and opens it again, all
   * while this process keeps the library lock so no other process can slip in between.
   */
  async reopenAfter<T>(swap: () => Promise<T>): Promise<T> {
    if (this.closed) throw new AppError('internal', 'the library is closed');
    this.check?.stop();
    this.check = null;
    // a restore renames the file and its WAL: the checkpoint's connection must be gone first,
    // waited for without blocking this thread
    const checkpoint = this.checkpoint;
    if (checkpoint && !checkpoint.finished)
      await Promise.race([
        checkpoint.done,
        new Promise((r) => setTimeout(r, CHECKPOINT_WAIT_MS).unref()),
      ]);
    checkpoint?.waitSync(0);
    this.database.close();
    try {
      return await swap();
    } finally {
      // synchronous open: the file is checked in full before anything reads it
      const { db } = openDatabase(this.folder, { ...this.options, lockHeld: true });
      this.database = db;
      this.unwritable = null;
      if (this.damage) {
        this.damage = null;
        this.emit('library.check', this.checkStatus());
      }
    }
  }

  /** The start-up check as the UI shows it (the `library.check` event says when it changes). */
  checkStatus(): LibraryCheck {
    if (this.damage) {
      const backup = (this.damage.details as { backup?: LibraryCheck['backup'] }).backup ?? null;
      return { state: 'damaged', message: this.damage.message, backup };
    }
    return { state: this.check ? 'checking' : 'ok' };
  }

  /**
   * Resolves once the start-up check has passed (at once if none runs); throws if it found
   * the file damaged, unless `evenDamaged` (restoring a backup is what a damaged file needs).
   */
  async whenWritable(evenDamaged = false): Promise<void> {
    if (this.check) await this.check.done;
    if (this.damage && !evenDamaged) throw this.damage;
    if (this.unwritable) throw this.unwritable;
  }

  /**
   * Resolves once the start-up check has ended, whatever it found. For reads that may also
   * write (export claims its cache entries): a write during the check swaps the connection,
   * and a reader holding the old one would then fail.
   */
  async whenChecked(): Promise<void> {
    if (this.check) await this.check.done;
  }

  /** Whether the start-up check found the file damaged (a restore then skips its own backup). */
  get isDamaged(): boolean {
    return this.damage !== null;
  }

  private settleCheck(s: CheckState): void {
    if (this.closed || s.state === 'checking') return;
    this.check = null;
    if (s.state === 'damaged') {
      // The read-only connection stays: the rows can still be read, nothing can be written,
      // and closing it never checkpoints into the damaged file.
      this.damage = damaged(join(this.folder, DB_FILE), s.why);
    } else {
      // Good: the read-write connection takes over (statements are cached per connection).
      // This runs in a worker's message callback, so a failure here must not escape: the
      // read-only connection stays, reads go on, and every write says why it cannot be saved.
      let rw: BetterSqlite3.Database | null = null;
      try {
        rw = new BetterSqlite3(join(this.folder, DB_FILE), {
          fileMustExist: true,
          ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
        });
        applyPragmas(rw);
        this.database.close();
        this.database = rw;
      } catch (e) {
        rw?.close();
        this.unwritable = new AppError(
          'io_error',
          `The library in ${this.folder} passed its check but could not be opened for writing (${(e as Error).message}); nothing was changed. Close it and open it again.`,
        );
      }
    }
    this.emit('library.check', this.checkStatus());
  }

  /** Runs `fn` as one write transaction (BEGIN IMMEDIATE, so it never deadlocks on upgrade). */
  write<T>(fn: () => T): T {
    return this.runWrite(fn, 'immediate');
  }

  /**
   * `write`, with another database file attached as `alias` while `fn` runs (SQLite refuses
   * ATTACH inside a transaction). BEGIN IMMEDIATE would take the write lock of the attached
   * file too, shutting out the connection that fills it (import/parallel-fts.ts), so the
   * transaction is DEFERRED and its first statement takes the library's write lock instead:
   * the same lock, taken before anything is read, so it never deadlocks on upgrade either.
   */
  writeAttached<T>(file: string, alias: string, fn: () => T): T {
    // first, as write() does: the check may still swap the connection for a writable one
    this.assertWritable();
    const name = `"${alias.replace(/"/g, '""')}"`;
    // one left attached by an earlier write whose DETACH failed would make ATTACH fail
    const attached = this.db
      .prepare<[string], number>('SELECT count(*) FROM pragma_database_list WHERE name = ?')
      .pluck()
      .get(alias);
    if (attached) this.db.exec(`DETACH DATABASE ${name}`);
    this.db.prepare(`ATTACH DATABASE ? AS ${name}`).run(file);
    try {
      return this.runWrite(() => {
        this.db.exec('DELETE FROM main.settings WHERE 0'); // the library's write lock, now
        return fn();
      }, 'deferred');
    } finally {
      try {
        this.db.exec(`DETACH DATABASE ${name}`);
      } catch {
        // never in place of the write's own outcome; the next writeAttached detaches it
      }
    }
  }

  /**
   * Runs `write` (a large one: an import of thousands of records) with SQLite's automatic
   * checkpoint off for its commit, then folds the WAL into the file on a worker
   * (db/background-checkpoint.ts). The write is durable when it returns either way (the WAL is
   * synced at commit); the copy into the file, ~0.4 s inside the commit at 100k items, no
   * longer holds this thread. Only one such checkpoint runs at a time; what it leaves, the
   * next commit's automatic checkpoint or the close takes.
   */
  withCheckpointDeferred<T>(write: () => T): T {
    // first: the start-up check may swap the connection, and the setting is per connection
    this.assertWritable();
    const db = this.db;
    const before = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    db.pragma('wal_autocheckpoint = 0');
    let wrote = false;
    try {
      const r = write();
      wrote = true;
      return r;
    } finally {
      db.pragma(`wal_autocheckpoint = ${Math.trunc(before)}`);
      if (wrote && !(this.checkpoint && !this.checkpoint.finished)) {
        try {
          this.checkpoint = new BackgroundCheckpoint(
            join(this.folder, DB_FILE),
            this.options.nativeBinding,
          );
        } catch {
          this.checkpoint = null; // no worker: the next commit or the close checkpoints
        }
      }
    }
  }

  /** For tests: the background checkpoint of the last large write, if one was started. */
  get lastCheckpoint(): BackgroundCheckpoint | null {
    return this.checkpoint;
  }

  private assertWritable(): void {
    // A write that comes before the start-up check ends waits for it: nothing is written
    // into a file not known to be good. (Contract calls wait without blocking: whenWritable.)
    if (this.check) this.settleCheck(this.check.waitSync());
    if (this.damage) throw this.damage;
    if (this.unwritable) throw this.unwritable;
  }

  /**
   * Calls `hook` at the end of every outermost write transaction, just before it commits (a
   * throw rolls it back), until the returned function is called. The CLI uses it to hold a
   * Ctrl-C that comes once an import is committing until its report is printed.
   */
  beforeCommit(hook: () => void): () => void {
    this.committing.add(hook);
    return () => this.committing.delete(hook);
  }

  private runWrite<T>(fn: () => T, begin: 'immediate' | 'deferred'): T {
    this.assertWritable();
    // a nested write is a savepoint: only the outermost transaction's end is its commit
    const outermost = !this.db.inTransaction;
    try {
      const tx = this.db.transaction(() => {
        const r = fn();
        if (outermost) for (const h of this.committing) h();
        return r;
      });
      return begin === 'immediate' ? tx.immediate() : tx.deferred();
    } catch (e) {
      // SQLite rolled the transaction back; say why in words a user can act on.
      if (isDiskFull(e)) {
        // The rolled-back transaction's frames still fill the WAL; give the space back.
        try {
          this.db.pragma('wal_checkpoint(TRUNCATE)');
        } catch {
          // best effort: the next successful checkpoint reclaims it anyway
        }
        throw new AppError(
          'io_error',
          `The disk holding ${this.folder} is full: the change was not saved and the library is as it was before. Free some space and try again.`,
        );
      }
      throw e;
    } finally {
      this.lastWriteAt = Date.now();
    }
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EngineEvents[E]): void {
    for (const l of this.listeners) l(name, payload);
  }

  changed(kinds: string[], ids?: number[]): void {
    this.emit('library.changed', ids ? { kinds, ids } : { kinds });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.check?.stop();
    // its connection must be gone first: the library's close is then the last one, which folds
    // the rest of the WAL into the file and removes it
    this.checkpoint?.waitSync(CHECKPOINT_WAIT_MS);
    this.db.close();
    // the read-only connection made an empty -wal and an -shm; the damaged file's folder is
    // left exactly as the user had it
    if (this.damage) removeCreatedSidecars(join(this.folder, DB_FILE), this.hadSidecars);
    this.release();
  }
}
