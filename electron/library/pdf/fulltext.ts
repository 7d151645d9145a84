// Full text of attachments: pages extracted by pdf.js in a worker thread, stored one row per
// page in attachment_pages (pages_fts follows by trigger), searched with page numbers.
import type { Database } from 'better-sqlite3';
import type { FullTextHit } from '../../../shared/domain/attachment';
import type { Library } from '../library';
import { attachmentRow, existingAttachmentFile } from '../attachments/rows';
import { extractPageTexts } from './run-worker';

const running = new WeakMap<Library, Map<number, Promise<number>>>();

/**
 * Indexes one attachment's pages; the main thread only writes rows. Reports `job.progress` per
 * page. Concurrent requests for the same attachment share one run. Resolves with the page count.
 */
export function indexAttachment(lib: Library, id: number): Promise<number> {
  let jobs = running.get(lib);
  if (!jobs) running.set(lib, (jobs = new Map()));
  const existing = jobs.get(id);
  if (existing) return existing;
  const job = runIndex(lib, id).finally(() => jobs.delete(id));
  jobs.set(id, job);
  return job;
}

async function runIndex(lib: Library, id: number): Promise<number> {
  const row = attachmentRow(lib.db, id);
  // a missing file is reported as opening it reports it, not as a PDF pdf.js cannot parse
  const file = existingAttachmentFile(lib.folder, row);
  const pages: { page: number; text: string }[] = [];
  const job = `fulltext:${id}`;
  let total: number;
  try {
    total = await extractPageTexts(row.title, file, (page, text, count) => {
      pages.push({ page, text });
      lib.emit('job.progress', { job, done: page, total: count, message: `Indexing ${row.title}` });
    });
  } catch (e) {
    // the file can also go while the worker reads it
    existingAttachmentFile(lib.folder, row);
    throw e;
  }
  // One transaction: a search sees the old pages or all the new ones, never a mix.
  lib.write(() => {
    if (!lib.db.prepare('SELECT 1 FROM attachments WHERE id = ?').get(id)) return;
    lib.db.prepare('DELETE FROM attachment_pages WHERE attachment_id = ?').run(id);
    const insert = lib.db.prepare(
      'INSERT INTO attachment_pages (attachment_id, page, text) VALUES (?, ?, ?)',
    );
    for (const p of pages) insert.run(id, p.page, p.text);
  });
  lib.changed(['fulltext', 'attachments'], [row.item_id]);
  return total;
}

/** Index in the background; failures are reported as a progress message, not thrown. */
export function indexInBackground(lib: Library, id: number): void {
  indexAttachment(lib, id).catch((e: unknown) => {
    try {
      lib.emit('job.progress', {
        job: `fulltext:${id}`,
        done: 0,
        total: 0,
        message: `Indexing failed: ${(e as Error).message}`,
      });
    } catch {
      // the library was closed meanwhile
    }
  });
}

/** Words of a user query as an FTS5 expression: each a quoted term, the last one a prefix. */
export function ftsQuery(q: string): string | null {
  const words = q.match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return null;
  return words
    .slice(0, 32)
    .map((w, i, all) => `"${w}"${i === all.length - 1 && w.length >= 2 ? '*' : ''}`)
    .join(' ');
}

export function searchPages(db: Database, q: string, limit: number): FullTextHit[] {
  const match = ftsQuery(q);
  if (!match) return [];
  return db
    .prepare<[string, number], FullTextHit>(
      `SELECT p.attachment_id AS attachmentId, a.item_id AS itemId, i.title AS itemTitle,
              p.page AS page,
              snippet(pages_fts, 0, '«', '»', '…', 12) AS snippet
       FROM pages_fts
       JOIN attachment_pages p ON p.rowid = pages_fts.rowid
       JOIN attachments a ON a.id = p.attachment_id
       JOIN items i ON i.id = a.item_id
       WHERE pages_fts MATCH ? AND i.deleted_at IS NULL
       ORDER BY bm25(pages_fts), p.attachment_id, p.page
       LIMIT ?`,
    )
    .all(match, limit);
}
