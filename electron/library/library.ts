import type { Database } from 'better-sqlite3';
import type { EngineEvents, EventName } from '../../shared/api/events';
import { type OpenOptions, openDatabase } from './db/open';

export type EventListener = <E extends EventName>(name: E, payload: EngineEvents[E]) => void;

/** One open library: its folder, its database and the listeners for the events it pushes. */
export class Library {
  private readonly listeners = new Set<EventListener>();
  private closed = false;

  private constructor(
    readonly folder: string,
    readonly db: Database,
    private readonly release: () => void,
  ) {}

  static open(folder: string, options: OpenOptions = {}): Library {
    const { db, release } = openDatabase(folder, options);
    return new Library(folder, db, release);
  }

  /** Runs `fn` as one write transaction (BEGIN IMMEDIATE, so it never deadlocks on upgrade). */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
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
