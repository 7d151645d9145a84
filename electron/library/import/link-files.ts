// Attachment paths named by imported records (BibTeX `file`, RIS `L1`) become linked
// attachments when the file exists inside the folder of the file the user imported; anything
// else (absolute paths, `..`, symlinks out, missing files) is left as text in the record.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { sha256Of } from '../attachments/attach';
import { resolveImportedPath } from '../attachments/paths';
import { now } from '../items/repo';

const MAX_LINKED_BYTES = 1024 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.epub': 'application/epub+zip',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.djvu': 'image/vnd.djvu',
  '.ps': 'application/postscript',
};

/** Links the files that resolve safely; returns how many were linked. */
export function linkImportedFiles(
  db: Database,
  itemId: number,
  names: readonly string[],
  importDir: string,
): number {
  let linked = 0;
  const seen = new Set<string>();
  for (const name of names) {
    let path: string;
    try {
      path = resolveImportedPath(importDir, name);
    } catch {
      continue; // outside the import folder: never followed
    }
    if (seen.has(path) || !existsSync(path)) continue;
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_LINKED_BYTES) continue;
    seen.add(path);
    db.prepare(
      `INSERT INTO attachments (item_id, kind, path, sha256, size, mime, title, date_added)
       VALUES (?, 'linked', ?, ?, ?, ?, ?, ?)`,
    ).run(
      itemId,
      path,
      sha256Of(readFileSync(path)),
      st.size,
      MIME[extname(path).toLowerCase()] ?? 'application/octet-stream',
      basename(path),
      now(),
    );
    linked++;
  }
  return linked;
}
