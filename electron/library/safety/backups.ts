// What the rest of the app calls for backups: make one, make one before a bulk change, restore
// one (into an open library or into a closed, possibly damaged, one), and the daily scheduler.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE } from '../db/open';
import { acquireLibraryLock } from '../db/lock';
import { assertNotTooNew } from '../db/migrate';
import { AppError } from '../errors';
import type { Library } from '../library';
import {
  type BackupInfo,
  KEEP_BACKUPS,
  backupDatabase,
  backupDir,
  fsyncPath,
  isBackupName,
  isDiskFull,
  listBackups,
  verifyDatabaseFile,
} from './backup-files';

export { listBackups, newestGoodBackup, type BackupInfo } from './backup-files';

/** Bulk deletes of more than this many items are preceded by a backup. */
export const BULK_DELETE_BACKUP_OVER = 5;

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The library counts as idle when nothing was written for this long. */
export const IDLE_MS = 5 * 60 * 1000;

/** A verified backup of the open library (online backup API), older ones rotated. */
export function backupLibrary(
  lib: Library,
  reason: string,
  keep = KEEP_BACKUPS,
): Promise<BackupInfo> {
  return backupDatabase(lib.db, lib.folder, reason, keep);
}

/**
 * Call before a bulk delete (emptying the trash, merging many items): the user's last state
 * is kept, verified, before anything goes. Throws (and the caller must not go on) if the
 * backup cannot be made.
 */
export function backupBeforeBulk(lib: Library, reason: string): Promise<BackupInfo> {
  return backupLibrary(lib, `before-${reason}`);
}

function stampNow(): string {
  return new Date().toISOString().replace(/[-:.]/g, '');
}

/** Backup `name` of `folder` if it exists and passes integrity_check; otherwise throws. */
function checkedBackup(folder: string, name: string): BackupInfo {
  if (!isBackupName(name)) {
    throw new AppError('invalid_input', `"${name.slice(0, 100)}" is not the name of a backup.`);
  }
  const info = listBackups(folder).find((b) => b.name === name);
  if (!info) throw new AppError('not_found', `There is no backup called ${name}.`);
  const file = join(backupDir(folder), name);
  const check = verifyDatabaseFile(file);
  if (check !== 'ok') {
    throw new AppError(
      'library_damaged',
      `Backup ${name} fails its integrity check (${check}); choose another one.`,
    );
  }
  // A backup from a newer Shelfmark (made before a downgrade) would be swapped in and then
  // refused on reopen, leaving the open library closed: refuse it while nothing has changed.
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    assertNotTooNew(db);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    throw new AppError(
      e.code,
      `Backup ${name} was written by a newer version of Shelfmark; update Shelfmark to restore it. The library was not changed.`,
    );
  } finally {
    db.close();
  }
  return info;
}

/**
 * Replaces the database file of a closed library (the caller holds its lock) with a copy of
 * backup `name`. The current file is moved to `replaced/`, never deleted: it may be the only
 * copy of something.
 */
async function swapInBackup(folder: string, name: string): Promise<BackupInfo> {
  const info = checkedBackup(folder, name);
  const source = join(backupDir(folder), name);
  const live = join(folder, DB_FILE);
  const tmp = join(folder, `.${DB_FILE}.restoring`);
  rmSync(tmp, { force: true });
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await src.backup(tmp);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw isDiskFull(e)
      ? new AppError(
          'io_error',
          `Not enough disk space to restore ${name}; the library is unchanged.`,
        )
      : e;
  } finally {
    src.close();
  }
  const tmpCheck = verifyDatabaseFile(tmp);
  if (tmpCheck !== 'ok') {
    rmSync(tmp, { force: true });
    throw new AppError(
      'io_error',
      `The restored copy failed its check (${tmpCheck}); the library is unchanged.`,
    );
  }
  fsyncPath(tmp);
  const aside = join(folder, 'replaced');
  mkdirSync(aside, { recursive: true });
  const at = stampNow();
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(live + suffix))
      renameSync(live + suffix, join(aside, `library-${at}.sqlite${suffix}`));
  }
  renameSync(tmp, live);
  fsyncPath(folder);
  return info;
}

/** The open libraries with a restore under way (the dialog and the damage banner can both ask). */
const restoring = new WeakSet<Library>();

/**
 * Restores backup `name` into an open library: closes, swaps the file, reopens. A second
 * restore asked for while one runs is refused: run after it, it would back up and replace the
 * state the user has just chosen.
 */
export async function restoreBackup(lib: Library, name: string): Promise<BackupInfo> {
  if (restoring.has(lib))
    throw new AppError(
      'conflict',
      'A backup is already being restored into this library; wait for it to finish.',
    );
  restoring.add(lib);
  try {
    return await restoreNow(lib, name);
  } finally {
    restoring.delete(lib);
  }
}

async function restoreNow(lib: Library, name: string): Promise<BackupInfo> {
  // Checked before anything is written: a refused restore must not add a before-restore
  // backup, whose rotation would drop the oldest (good) backup on every attempt.
  checkedBackup(lib.folder, name);
  const at = listBackups(lib.folder).findIndex((b) => b.name === name);
  // The state being replaced is itself backed up first, so a wrong restore can be undone; the
  // rotation that follows must not remove the backup being restored. A file the start-up
  // check found damaged cannot give a backup that passes its check; it is moved aside instead.
  if (!lib.isDamaged) await backupLibrary(lib, 'before-restore', Math.max(KEEP_BACKUPS, at + 2));
  const info = await lib.reopenAfter(() => swapInBackup(lib.folder, name));
  lib.changed(['items', 'collections', 'tags', 'notes', 'attachments', 'settings']);
  return info;
}

/**
 * Restores backup `name` into a library that is not open here (for example one that failed its
 * start-up check): takes the lock, so a running Shelfmark on it makes this fail with
 * "library in use" instead of swapping the file under it.
 */
export async function restoreClosedLibrary(folder: string, name: string): Promise<BackupInfo> {
  const release = acquireLibraryLock(folder);
  try {
    return await swapInBackup(folder, name);
  } finally {
    release();
  }
}

export interface BackupScheduler {
  /** Makes the daily backup if one is due and the library is idle; returns it if made. */
  tick(): Promise<BackupInfo | null>;
  stop(): void;
}

/**
 * The daily backup: due when the newest backup is older than a day; made only when nothing was
 * written for IDLE_MS, so it never competes with an import. Hosts call `start` once.
 */
export function backupScheduler(
  lib: Library,
  opts: {
    now?: () => number;
    everyMs?: number;
    idleMs?: number;
    checkEveryMs?: number;
    firstCheckMs?: number;
  } = {},
): BackupScheduler {
  const now = opts.now ?? Date.now;
  const every = opts.everyMs ?? DAY_MS;
  const idle = opts.idleMs ?? IDLE_MS;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Timeout | null = null;
  const tick = async (): Promise<BackupInfo | null> => {
    if (running) return null;
    const newest = listBackups(lib.folder)[0];
    const last = newest ? Date.parse(newest.createdAt) : 0;
    if (now() - last < every) return null;
    if (now() - lib.lastWriteAt < idle) return null;
    running = true;
    try {
      return await backupLibrary(lib, 'daily');
    } finally {
      running = false;
    }
  };
  const check = () => {
    tick().catch((e: unknown) => console.error('[shelfmark] daily backup failed:', e));
  };
  if (opts.checkEveryMs !== 0) {
    timer = setInterval(check, opts.checkEveryMs ?? 10 * 60 * 1000);
    timer.unref();
    // Also once soon after start (not at once: the first rows load then): short sessions never
    // lived to the first interval, so a user who works a few minutes a day had no daily backup.
    first = setTimeout(check, opts.firstCheckMs ?? 60 * 1000);
    first.unref();
  }
  return {
    tick,
    stop: () => {
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
      timer = first = null;
    },
  };
}
