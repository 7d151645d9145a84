import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../errors';
import { newestGoodBackup, snapshotSync } from '../safety/backup-files';
import { makeLibraryFolder } from './folder';
import { acquireLibraryLock } from './lock';
import { assertNotTooNew, migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations/index';

export const DB_FILE = 'library.sqlite';

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for another ABI (Electron's). */
  nativeBinding?: string;
  /** Open without the single-process lock (read-only tools only). */
  readonly?: boolean;
  /** The migration list; tests pass their own to exercise the pre-migration backup. */
  migrations?: readonly Migration[];
  /** The caller already holds the library lock (reopening after a restore). */
  lockHeld?: boolean;
  /**
   * 'background': skip the full-file `quick_check` on the open path (seconds at 100k items)
   * and open read-only; the caller runs the check on a worker (Library.openAsync). Used only
   * when no migration is pending: a migration writes, so it needs a file known good first.
   */
  check?: 'sync' | 'background';
}

export interface OpenedDatabase {
  db: Database.Database;
  release: () => void;
}

/** An opened, checked database whose pending migrations have not run yet. */
export interface PreparedDatabase extends OpenedDatabase {
  file: string;
  /** True when the file did not exist: nothing to back up before migrating. */
  fresh: boolean;
  /** Number of migrations that would run. */
  pending: number;
  migrations: readonly Migration[];
  /** The quick_check was left to the caller, and `db` is a read-only connection until it passes. */
  deferred: boolean;
  /** Whether the -wal and -shm files existed before this open (see removeCreatedSidecars). */
  hadSidecars: readonly [boolean, boolean];
}

/** Page size of a library created from now on (bytes). */
export const NEW_PAGE_SIZE = 16384;

export function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL: a commit survives power loss, not just a process crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // After a big import the WAL would otherwise keep its peak size on disk.
  db.pragma('journal_size_limit = 67108864');
}

const SQLITE_DAMAGE = new Set([
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_CORRUPT_VTAB',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_IOERR_SHORT_READ',
  'SQLITE_CANTOPEN_ISDIR',
  'SQLITE_CANTOPEN',
  'SQLITE_FORMAT',
  'SQLITE_RANGE',
]);

/**
 * The error a damaged library gives: what is wrong, that the file was left alone, and the
 * newest backup that passes integrity_check (details.backup), which is what the UI offers.
 */
export function damaged(file: string, why: string): AppError {
  const folder = dirname(file);
  const good = newestGoodBackup(folder);
  // The command names the folder: copied as printed, one without --library would act on the
  // default library (or $SHELFMARK_LIBRARY), not the damaged one.
  const dir = `'${folder.replace(/'/g, `'\\''`)}'`;
  const offer = good
    ? `The newest backup that passes the integrity check is ${good.name} (${good.createdAt}); restore it with Settings → Backups or \`shelfmark --library ${dir} backup restore ${good.name}\`.`
    : 'No backup that passes the integrity check was found.';
  return new AppError(
    'library_damaged',
    `The library database ${file} is damaged (${why.slice(0, 300)}). Shelfmark left the file untouched. ${offer}`,
    { file, backup: good },
  );
}

/**
 * A file that is a valid SQLite database but not a Shelfmark library (another program's
 * database, say) must not be "migrated" into one: that would write into someone else's data.
 */
function assertShelfmarkSchema(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== 0) return;
  const tables = db
    .prepare<[], number>(`SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'`)
    .pluck()
    .get();
  if (tables && tables > 0) {
    throw damaged(file, 'it is an SQLite database of another program, not a Shelfmark library');
  }
}

/**
 * A read-only open of a WAL database creates an empty -wal and an -shm index. When we refuse
 * the file, remove what we created so the folder is exactly as the user left it.
 */
export function removeCreatedSidecars(file: string, had: readonly [boolean, boolean]): void {
  const wal = `${file}-wal`;
  if (!had[0] && existsSync(wal) && statSync(wal).size === 0) rmSync(wal, { force: true });
  if (!had[1]) rmSync(`${file}-shm`, { force: true });
}

/**
 * Opens the library database in `folder` (creating it on first run) and checks it, without
 * migrating. A damaged file is never written: the check runs before any pragma that writes.
 */
export function prepareDatabase(folder: string, options: OpenOptions = {}): PreparedDatabase {
  makeLibraryFolder(folder);
  const release = options.readonly || options.lockHeld ? () => {} : acquireLibraryLock(folder);
  const file = join(folder, DB_FILE);
  const fresh = !existsSync(file);
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Database.Database | undefined;
  let deferred = false;
  const hadSidecars = [existsSync(`${file}-wal`), existsSync(`${file}-shm`)] as const;
  try {
    // SQLite treats an empty file as an empty database and would happily create our schema in
    // it; an empty library file means it was truncated, so say so instead.
    if (!fresh && statSync(file).isDirectory()) throw damaged(file, 'it is a folder, not a file');
    if (!fresh && statSync(file).size === 0) throw damaged(file, 'the file is empty');
    // Not a first run: the file went missing. A new empty library here would look like lost
    // work, and its daily backups would rotate the good ones out within a week.
    if (fresh && newestGoodBackup(folder)) {
      throw damaged(file, 'the file is missing, but backups/ holds backups of it');
    }
    const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
    if (!fresh) {
      // Check through a read-only connection: closing a read-write one checkpoints the WAL
      // into the file, which would write into a database we are about to call damaged.
      const check = new Database(file, { readonly: true, fileMustExist: true, ...binding });
      try {
        const version = check.pragma('user_version', { simple: true }) as number;
        deferred =
          options.check === 'background' &&
          !options.readonly &&
          !migrations.some((m) => m.version > version);
        // Deferred, the schema read below still catches a file that is not a database or has
        // a broken header or schema page; the page-by-page check runs on a worker.
        if (!deferred) {
          const result = check.pragma('quick_check', { simple: true });
          if (result !== 'ok') throw damaged(file, String(result));
        } else {
          check.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
        }
        assertShelfmarkSchema(check, file);
        // A newer app's file must stay byte-identical: refuse before any pragma that writes.
        assertNotTooNew(check, migrations);
      } catch (e) {
        check.close();
        removeCreatedSidecars(file, hadSidecars);
        throw e;
      }
      check.close();
    }
    // Deferred: read-only until the check passes, so not even closing it can checkpoint a WAL
    // into a file that may turn out damaged.
    db = new Database(file, {
      readonly: (options.readonly ?? false) || deferred,
      fileMustExist: !fresh,
      ...binding,
    });
    // A new file's page size is fixed before its first write (WAL mode included). 16 KiB
    // instead of 4: a large import rebuilds 21 indexes, each a scan of the whole items table,
    // and reads a quarter of the pages for it (B2 at 100k: 5.4 -> 4.7 s, docs/performance-
    // import-export.md). Existing libraries keep theirs: only a VACUUM outside WAL could change it.
    if (fresh && !options.readonly) db.pragma(`page_size = ${NEW_PAGE_SIZE}`);
    if (!options.readonly && !deferred) applyPragmas(db);
    if (deferred) db.pragma('busy_timeout = 5000');
    const current = db.pragma('user_version', { simple: true }) as number;
    const pending = migrations.filter((m) => m.version > current).length;
    return { db, release, file, fresh, pending, migrations, deferred, hadSidecars };
  } catch (e) {
    db?.close();
    release();
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (SQLITE_DAMAGE.has(code) || code.startsWith('SQLITE_CORRUPT')) {
      throw damaged(file, `${code}: ${(e as Error).message}`);
    }
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw damaged(file, 'it is a folder');
    throw e;
  }
}

/** Opens (creating on first run) the library database in `folder`, migrated to the latest schema. */
export function openDatabase(folder: string, options: OpenOptions = {}): OpenedDatabase {
  const p = prepareDatabase(folder, options);
  try {
    if (!options.readonly && p.pending > 0) {
      // Synchronous callers get a `VACUUM INTO` snapshot (see snapshotSync); Library.openAsync
      // uses the online backup API instead.
      if (!p.fresh) snapshotSync(p.db, folder, 'pre-migration');
      migrate(p.db, p.migrations);
    }
    return { db: p.db, release: p.release };
  } catch (e) {
    p.db.close();
    p.release();
    throw e;
  }
}
