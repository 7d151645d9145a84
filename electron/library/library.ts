import type { Database } from 'better-sqlite3';
import type { EngineEvents, EventName } from '../../shared/api/events';
import { migrate } from './db/migrate';
import { type OpenOptions, openDatabase, prepareDatabase } from './db/open';
import { AppError } from './errors';
import { backupDatabase, isDiskFull } from './safety/backup-files';

export type EventListener = <E extends EventName>(name: E, payload: EngineEvents[E]) => void;

/** One open library: its folder, its database and the listeners for the events it pushes. */
export class Library {
  private readonly listeners = new Set<EventListener>();
  private closed = false;
  /** When the last write transaction ended (ms since epoch): the backup scheduler's idle test. */
  lastWriteAt = 0;

  private constructor(
    readonly folder: string,
    private database: Database,
    private readonly release: () => void,
    private readonly options: OpenOptions,
  ) {}

  get db(): Database {
    return this.database;
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
    const p = prepareDatabase(folder, options);
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
    this.database.close();
    try {
      return await swap();
    } finally {
      const { db } = openDatabase(this.folder, { ...this.options, lockHeld: true });
      this.database = db;
    }
  }

  /** Runs `fn` as one write transaction (BEGIN IMMEDIATE, so it never deadlocks on upgrade). */
  write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
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
    this.db.close();
    this.release();
  }
}
