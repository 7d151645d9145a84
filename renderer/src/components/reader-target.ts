/** Where to open the reader: an attachment, a page, optionally an annotation to select. */
export interface ReaderTarget {
  attachmentId: number;
  page: number;
  annotationId?: number | undefined;
}
