// Annotations on PDF pages, stored with their rectangles and quoted text so they can be drawn
// again at any zoom, listed in reading order, and extracted into a Markdown note.
import type { Database } from 'better-sqlite3';
import {
  type Annotation,
  type AnnotationKind,
  type Rect,
  readerLink,
} from '../../../shared/domain/attachment';
import { notFound } from '../errors';
import { now } from '../items/repo';
import { type AnnotationDbRow, attachmentRow, toAnnotation } from './rows';

export interface NewAnnotation {
  attachmentId: number;
  kind: AnnotationKind;
  page: number;
  rects: Rect[];
  quote: string;
  comment: string;
  color: string;
}

export interface AnnotationPatch {
  kind?: AnnotationKind | undefined;
  comment?: string | undefined;
  color?: string | undefined;
}

/** Page order, then top to bottom (PDF y grows upwards), then left to right. */
const ORDER = `ORDER BY a.page, json_extract(a.rects, '$[0][3]') DESC,
  json_extract(a.rects, '$[0][0]'), a.id`;

export function getAnnotation(db: Database, id: number): Annotation {
  const row = db
    .prepare<[number], AnnotationDbRow>('SELECT * FROM annotations WHERE id = ?')
    .get(id);
  if (!row) throw notFound('Annotation', id);
  return toAnnotation(row);
}

export function listAnnotations(
  db: Database,
  by: { attachmentId?: number | undefined; itemId?: number | undefined },
): Annotation[] {
  if (by.attachmentId !== undefined) {
    return db
      .prepare<[number], AnnotationDbRow>(
        `SELECT a.* FROM annotations a WHERE a.attachment_id = ? ${ORDER}`,
      )
      .all(by.attachmentId)
      .map(toAnnotation);
  }
  return db
    .prepare<[number], AnnotationDbRow>(
      `SELECT a.* FROM annotations a JOIN attachments t ON t.id = a.attachment_id
       WHERE t.item_id = ? ORDER BY t.id, a.page, json_extract(a.rects, '$[0][3]') DESC,
       json_extract(a.rects, '$[0][0]'), a.id`,
    )
    .all(by.itemId ?? 0)
    .map(toAnnotation);
}

export function insertAnnotation(db: Database, a: NewAnnotation): number {
  attachmentRow(db, a.attachmentId);
  const stamp = now();
  return db
    .prepare(
      `INSERT INTO annotations (attachment_id, kind, page, rects, quote, comment, color, date_added, date_modified)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      a.attachmentId,
      a.kind,
      a.page,
      JSON.stringify(a.rects),
      a.quote,
      a.comment,
      a.color,
      stamp,
      stamp,
    ).lastInsertRowid as number;
}

export function updateAnnotation(db: Database, id: number, patch: AnnotationPatch): void {
  const cur = getAnnotation(db, id);
  db.prepare(
    'UPDATE annotations SET kind = ?, comment = ?, color = ?, date_modified = ? WHERE id = ?',
  ).run(patch.kind ?? cur.kind, patch.comment ?? cur.comment, patch.color ?? cur.color, now(), id);
}

export function deleteAnnotation(db: Database, id: number): number {
  return db.prepare('DELETE FROM annotations WHERE id = ?').run(id).changes;
}

/** A quote as one Markdown block quote (PDF line breaks folded into spaces). */
function quoteBlock(s: string): string {
  return `> ${s.replace(/\s+/g, ' ').trim()}`;
}

/** Escapes what Markdown would read as markup or HTML in text taken from a PDF. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

/** One Markdown note with every annotation of a PDF: quote, comment and a link to the page. */
export function annotationsMarkdown(title: string, annotations: readonly Annotation[]): string {
  const parts = [`# Annotations: ${escapeMarkdown(title)}`, ''];
  for (const a of annotations) {
    const link = `[p. ${a.page}](${readerLink(a.attachmentId, a.page, a.id)})`;
    if (a.quote.trim()) parts.push(quoteBlock(escapeMarkdown(a.quote)), '');
    const comment = a.comment.trim() ? `${escapeMarkdown(a.comment.trim())} ` : '';
    const label = a.kind === 'note' && !a.quote.trim() ? 'Note, ' : '';
    parts.push(`${comment}(${label}${link})`, '');
  }
  return parts.join('\n').trimEnd() + '\n';
}

/** Writes the Markdown of an attachment's annotations as a new child note of its item. */
export function extractToNote(
  db: Database,
  attachmentId: number,
): { noteId: number; markdown: string } {
  const att = attachmentRow(db, attachmentId);
  const markdown = annotationsMarkdown(
    att.title.replace(/\.pdf$/i, ''),
    listAnnotations(db, { attachmentId }),
  );
  const stamp = now();
  const noteId = db
    .prepare(
      'INSERT INTO notes (item_id, title, body, date_added, date_modified) VALUES (?, ?, ?, ?, ?)',
    )
    .run(att.item_id, `Annotations: ${att.title.replace(/\.pdf$/i, '')}`, markdown, stamp, stamp)
    .lastInsertRowid as number;
  return { noteId, markdown };
}
