// Row shapes of the attachments and annotations tables, and their mapping to domain types.
import { existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type {
  Annotation,
  AnnotationKind,
  Attachment,
  AttachmentKind,
  Rect,
} from '../../../shared/domain/attachment';
import { AppError, notFound } from '../errors';
import { linkedPath, storedPath } from './paths';

export interface AttachmentDbRow {
  id: number;
  item_id: number;
  kind: string;
  path: string;
  sha256: string;
  size: number;
  mime: string;
  title: string;
  date_added: string;
  indexed_pages: number;
}

export interface AnnotationDbRow {
  id: number;
  attachment_id: number;
  kind: string;
  page: number;
  rects: string;
  quote: string;
  comment: string;
  color: string;
  date_added: string;
  date_modified: string;
}

const SELECT_ATTACHMENT = `
  SELECT a.*, (SELECT count(*) FROM attachment_pages p WHERE p.attachment_id = a.id) AS indexed_pages
  FROM attachments a`;

/** The absolute path of an attachment's file, checked (see paths.ts); null if it is refused. */
export function attachmentFile(folder: string, row: AttachmentDbRow): string | null {
  try {
    return row.kind === 'stored' ? storedPath(folder, row.path) : linkedPath(row.path);
  } catch {
    return null;
  }
}

/**
 * The path of an attachment's file for reading it, or the error every reader reports: opening,
 * indexing and the rest say the same thing about a linked file that was moved or deleted.
 */
export function existingAttachmentFile(folder: string, row: AttachmentDbRow): string {
  const file = attachmentFile(folder, row);
  if (!file) throw new AppError('forbidden', `Attachment ${row.id} points outside the library.`);
  if (!existsSync(file)) {
    throw new AppError(
      'not_found',
      row.kind === 'linked'
        ? `The linked file ${file} is missing.`
        : `The file of “${row.title}” is missing from the library folder.`,
    );
  }
  return file;
}

export function toAttachment(folder: string, r: AttachmentDbRow): Attachment {
  const file = attachmentFile(folder, r);
  return {
    id: r.id,
    itemId: r.item_id,
    kind: r.kind as AttachmentKind,
    title: r.title,
    sha256: r.sha256,
    size: r.size,
    mime: r.mime,
    dateAdded: r.date_added,
    missing: file === null || !existsSync(file),
    indexedPages: r.indexed_pages,
  };
}

export function attachmentRow(db: Database, id: number): AttachmentDbRow {
  const row = db.prepare<[number], AttachmentDbRow>(`${SELECT_ATTACHMENT} WHERE a.id = ?`).get(id);
  if (!row) throw notFound('Attachment', id);
  return row;
}

export function attachmentRowsOfItem(db: Database, itemId: number): AttachmentDbRow[] {
  return db
    .prepare<[number], AttachmentDbRow>(`${SELECT_ATTACHMENT} WHERE a.item_id = ? ORDER BY a.id`)
    .all(itemId);
}

export function toAnnotation(r: AnnotationDbRow): Annotation {
  return {
    id: r.id,
    attachmentId: r.attachment_id,
    kind: r.kind as AnnotationKind,
    page: r.page,
    rects: JSON.parse(r.rects) as Rect[],
    quote: r.quote,
    comment: r.comment,
    color: r.color,
    dateAdded: r.date_added,
    dateModified: r.date_modified,
  };
}
