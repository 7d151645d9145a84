// Backup files of a library: naming, verification, rotation. Every backup is written by SQLite
// itself (the online backup API, or VACUUM INTO where the caller cannot await) — a raw copy of
// a live WAL database can capture a torn state — and verified with integrity_check before it
// counts as a backup and before any older one is rotated out.
import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';

export const BACKUP_DIR = 'backups';
/** How many verified backups are kept (the brief asks for at least 7). */
export const KEEP_BACKUPS = 7;

const NAME_RE = /^library-(\d{8}T\d{9}Z)-([a-z0-9-]{1,40})\.sqlite$/;

export interface BackupInfo {
  name: string;
  reason: string;
  createdAt: string;
  size: number;
}

export function isBackupName(name: string): boolean {
  return NAME_RE.test(name);
}

export function backupDir(folder: string): string {
  return join(folder, BACKUP_DIR);
}

function stamp(d: Date): string {
  // 2026-11-26T14:19:27.123Z → 20261126T141927123Z (sorts by time, safe on every filesystem)
  return d.toISOString().replace(/[-:.]/g, '');
}

function parseStamp(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : s;
}

function cleanReason(reason: string): string {
  const r = reason
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return r || 'manual';
}

/** Backups of `folder`, newest first. Files that are not ours (or half-written) are ignored. */
export function listBackups(folder: string): BackupInfo[] {
  const dir = backupDir(folder);
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME_RE.exec(name);
    if (!m) continue;
    // only regular files we wrote: a dangling link or a folder named like a backup would make
    // the stat throw and with it every backup (and every bulk delete, which backs up first);
    // a link may point at any file, which restore would then swap in as the library
    const st = lstatSync(join(dir, name), { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    out.push({ name, reason: m[2]!, createdAt: parseStamp(m[1]!), size: st.size });
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** `'ok'`, or what SQLite found wrong with the file. Opens read-only and never writes it. */
export function verifyDatabaseFile(path: string): string {
  let db: Database.Database | undefined;
  try {
    if (!existsSync(path) || statSync(path).size === 0) return 'missing or empty';
    db = new Database(path, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check', { simple: true });
    return result === 'ok' ? 'ok' : String(result);
  } catch (e) {
    return (e as Error).message;
  } finally {
    db?.close();
  }
}

/** The newest backup that passes integrity_check: what a damaged library is offered. */
export function newestGoodBackup(folder: string): BackupInfo | null {
  for (const b of listBackups(folder)) {
    if (verifyDatabaseFile(join(backupDir(folder), b.name)) === 'ok') return b;
  }
  return null;
}

export function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on folders; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function removeWithSidecars(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`])
    rmSync(p, { force: true });
}

export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || /disk is full|ENOSPC/i.test(String(e));
}

/** Plans a new backup: the temporary path to write and the final name. */
export function planBackup(
  folder: string,
  reason: string,
  now = new Date(),
): {
  tmp: string;
  name: string;
} {
  const dir = backupDir(folder);
  mkdirSync(dir, { recursive: true });
  const r = cleanReason(reason);
  let t = now.getTime();
  let name = `library-${stamp(new Date(t))}-${r}.sqlite`;
  // Two backups in the same millisecond: nudge the later one, so names stay unique and ordered.
  while (existsSync(join(dir, name))) name = `library-${stamp(new Date(++t))}-${r}.sqlite`;
  return { tmp: join(dir, `.${name}.tmp`), name };
}

/**
 * Verifies a freshly written backup, moves it into place durably, and only then rotates older
 * backups out. A backup that fails verification is removed and reported; nothing older goes.
 */
export function commitBackup(
  folder: string,
  tmp: string,
  name: string,
  keep = KEEP_BACKUPS,
): BackupInfo {
  let check: string;
  try {
    // The backup API copies the WAL flag of the live database; a backup in rollback mode is a
    // single self-contained file that read-only checks can open without creating -wal/-shm.
    const copy = new Database(tmp, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    check = verifyDatabaseFile(tmp);
  } catch (e) {
    check = (e as Error).message;
  }
  if (check !== 'ok') {
    removeWithSidecars(tmp);
    throw new AppError(
      'io_error',
      `The new backup failed its integrity check (${check}); older backups were kept.`,
    );
  }
  fsyncPath(tmp);
  const final = join(backupDir(folder), name);
  renameSync(tmp, final);
  removeWithSidecars(tmp);
  fsyncPath(backupDir(folder));
  rotateBackups(folder, keep);
  const info = listBackups(folder).find((b) => b.name === name);
  if (!info) throw new AppError('internal', `backup ${name} vanished after writing`);
  return info;
}

/** Keeps the newest `keep` backups (never fewer than 1 and never the one just made). */
export function rotateBackups(folder: string, keep = KEEP_BACKUPS): string[] {
  const all = listBackups(folder);
  const gone = all.slice(Math.max(1, keep)).map((b) => b.name);
  for (const name of gone) removeWithSidecars(join(backupDir(folder), name));
  return gone;
}

function failed(folder: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (isDiskFull(e)) {
    return new AppError(
      'io_error',
      `Not enough disk space to back up the library in ${folder}. Free some space; the library itself is unchanged.`,
    );
  }
  return new AppError(
    'io_error',
    `Backing up the library in ${folder} failed: ${(e as Error).message}`,
  );
}

/**
 * Synchronous snapshot with `VACUUM INTO` (SQLite writes a consistent copy from one read
 * transaction). Used before migrations by the synchronous `Library.open`.
 */
export function snapshotSync(
  db: Database.Database,
  folder: string,
  reason: string,
  keep = KEEP_BACKUPS,
): BackupInfo {
  const { tmp, name } = planBackup(folder, reason);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    return commitBackup(folder, tmp, name, keep);
  } catch (e) {
    removeWithSidecars(tmp);
    throw failed(folder, e);
  }
}

/** Backup with SQLite's online backup API (better-sqlite3 `db.backup`), verified and rotated. */
export async function backupDatabase(
  db: Database.Database,
  folder: string,
  reason: string,
  keep = KEEP_BACKUPS,
): Promise<BackupInfo> {
  const { tmp, name } = planBackup(folder, reason);
  try {
    await db.backup(tmp);
    return commitBackup(folder, tmp, name, keep);
  } catch (e) {
    removeWithSidecars(tmp);
    throw failed(folder, e);
  }
}
