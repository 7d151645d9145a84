// Stored attachment files of purged items. Deleting items for good (items.purge, trash.empty)
// removes their attachment rows by cascade; the files those rows pointed to in files/ would stay
// on disk forever. This module lists, inside the purge transaction, which stored files lose their
// last reference, and removes them only after the transaction has committed: a rolled-back purge
// never loses a file. Purging is not undoable (the undo entry is cleared in the same
// transaction and the UI asks first), so nothing can bring the rows back to point at a removed
// file. Linked attachments are the user's own files and are never touched.
import type { Database } from 'better-sqlite3';
import { lstatSync, realpathSync, rmSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { filesRoot, storedPath } from '../attachments/paths';
import type { Library } from '../library';

interface StoredFile {
  path: string;
  sha256: string;
}

/** Stored attachments of the trashed items in scope (all of the trash when `ids` is null). */
export function storedFilesOfTrashed(db: Database, ids: readonly number[] | null): StoredFile[] {
  return db
    .prepare<[string | null, string | null], StoredFile>(
      `SELECT DISTINCT a.path, a.sha256 FROM attachments a
       JOIN items i ON i.id = a.item_id
       WHERE a.kind = 'stored' AND i.deleted_at IS NOT NULL
         AND (? IS NULL OR i.id IN (SELECT value FROM json_each(?)))`,
    )
    .all(ids && JSON.stringify(ids), ids && JSON.stringify(ids));
}

/**
 * Of the candidates, those no remaining attachment row refers to, by path or by content hash.
 * Call after the rows are deleted, in the same transaction. Keeping a file some other row might
 * share is the safe side: a stray file costs disk space, a missing one loses a paper.
 */
export function unreferenced(db: Database, candidates: readonly StoredFile[]): string[] {
  const stmt = db.prepare<[string, string], number>(
    `SELECT 1 FROM attachments WHERE path = ? OR (sha256 <> '' AND sha256 = ?) LIMIT 1`,
  );
  return candidates.filter((f) => stmt.get(f.path, f.sha256) === undefined).map((f) => f.path);
}

/**
 * Removes files given as library-relative paths, but only regular files (or links) whose real
 * folder is inside the library's files/ folder: a crafted path such as `../x` or a symlinked
 * folder can never make a purge delete anything else. Returns the paths removed.
 */
export function removeStoredFiles(folder: string, paths: readonly string[]): string[] {
  let filesDir: string;
  try {
    filesDir = realpathSync(filesRoot(folder));
  } catch {
    return []; // no files/ folder: nothing stored
  }
  const removed: string[] = [];
  for (const p of paths) {
    try {
      // the attachments module's guard (no absolute path, no `..`, no symlink out of the
      // library), then the stricter rule that purging only ever deletes below files/
      const target = storedPath(folder, p);
      const parent = realpathSync(dirname(target));
      if (parent !== filesDir && !parent.startsWith(filesDir + sep)) continue;
      const st = lstatSync(target);
      if (!st.isFile() && !st.isSymbolicLink()) continue;
      rmSync(target);
      removed.push(p);
    } catch {
      // already gone, or unreadable: the rows are deleted either way, nothing else to do
    }
  }
  return removed;
}

/**
 * Runs a purge (`purge` deletes rows and returns how many) in one write transaction, then
 * removes the stored files that lost their last reference.
 */
export function purgeWithFiles(
  lib: Library,
  ids: readonly number[] | null,
  purge: () => number,
): { count: number; filesRemoved: string[] } {
  const { count, orphans } = lib.write(() => {
    const candidates = storedFilesOfTrashed(lib.db, ids);
    const count = purge();
    return { count, orphans: unreferenced(lib.db, candidates) };
  });
  return { count, filesRemoved: removeStoredFiles(lib.folder, orphans) };
}
