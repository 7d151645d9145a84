// Attachments (PDF files of an item), their annotations and full-text hits. Pure TypeScript.
import type { Creator } from './item';

export const ATTACHMENT_KINDS = ['stored', 'linked'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface Attachment {
  id: number;
  itemId: number;
  kind: AttachmentKind;
  /** Display name, built from the item by the rename pattern (`Author - Year - Title.pdf`). */
  title: string;
  sha256: string;
  size: number;
  mime: string;
  dateAdded: string;
  /** A linked file that is no longer where it was: shown, never silently dropped. */
  missing: boolean;
  /** Pages in the full-text index (0 until indexed). */
  indexedPages: number;
}

export const ANNOTATION_KINDS = ['highlight', 'underline', 'note'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** [x1, y1, x2, y2] in PDF user space (points, origin bottom-left), so it re-anchors at any zoom. */
export type Rect = [number, number, number, number];

export interface Annotation {
  id: number;
  attachmentId: number;
  kind: AnnotationKind;
  page: number;
  rects: Rect[];
  quote: string;
  comment: string;
  color: string;
  dateAdded: string;
  dateModified: string;
}

export const ANNOTATION_COLORS = ['#ffd400', '#ff6666', '#5fb236', '#2ea8e5', '#a28ae5'] as const;

export interface PdfMetadata {
  title: string;
  creators: Creator[];
  year: string;
  doi: string;
  arxivId: string;
  numPages: number;
  /** Nothing reliable found for the title or the authors: the user should check the item. */
  reviewNeeded: boolean;
  sources: {
    title: 'metadata' | 'text' | 'filename' | 'none';
    authors: 'metadata' | 'text' | 'none';
  };
}

export interface FullTextHit {
  attachmentId: number;
  itemId: number;
  itemTitle: string;
  page: number;
  /** Page text around the match; the matched words wrapped in « and ». */
  snippet: string;
}

/** The link a Markdown note uses to open the reader at a page (and an annotation). */
export function readerLink(attachmentId: number, page: number, annotationId?: number): string {
  const a = annotationId ? `&annotation=${annotationId}` : '';
  return `#/pdf/${attachmentId}?page=${page}${a}`;
}

export function parseReaderLink(
  href: string,
): { attachmentId: number; page: number; annotationId?: number } | null {
  const m = /^#\/pdf\/(\d+)\?page=(\d+)(?:&annotation=(\d+))?$/.exec(href);
  if (!m) return null;
  const out = { attachmentId: Number(m[1]), page: Number(m[2]) };
  return m[3] ? { ...out, annotationId: Number(m[3]) } : out;
}
