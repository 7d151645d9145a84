import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import { acquireLibraryLock } from './lock';
import { assertNotTooNew, migrate } from './migrate';

export const DB_FILE = 'library.sqlite';

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for another ABI (Electron's). */
  nativeBinding?: string;
  /** Open without the single-process lock (read-only tools only). */
  readonly?: boolean;
}

export interface OpenedDatabase {
  db: Database.Database;
  release: () => void;
}

function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit survives power loss, not just a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function uncleanShutdown(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}

/** Opens (creating on first run) the library database in `folder`, migrated to the latest schema. */
export function openDatabase(folder: string, options: OpenOptions = {}): OpenedDatabase {
  mkdirSync(join(folder, 'files'), { recursive: true });
  const release = options.readonly ? () => {} : acquireLibraryLock(folder);
  const file = join(folder, DB_FILE);
  const fresh = !existsSync(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    // quick_check reads every page (2.5 s at 100k items), so it runs only when the last
    // session did not close cleanly: a clean close checkpoints and removes the WAL file.
    if (!fresh && uncleanShutdown(file)) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new AppError(
          'library_damaged',
          `The library database ${file} is damaged (${String(check)}). It was left untouched; restore a backup.`,
        );
      }
    }
    // Before any pragma that writes (journal_mode): a newer app's file must stay byte-identical.
    assertNotTooNew(db);
    if (!options.readonly) applyPragmas(db);
    if (!options.readonly) migrate(db);
    return { db, release };
  } catch (e) {
    db?.close();
    release();
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new AppError(
        'library_damaged',
        `${file} is not a readable Shelfmark library (${(e as Error).message}). It was left untouched.`,
      );
    }
    throw e;
  }
}
