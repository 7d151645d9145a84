// First-run way in for PDFs: each PDF becomes an item (titled from its file name, to edit or
// refresh online later) with the PDF stored in files/.
//
// HOOK for the attachments work (issue 5): its `attachments.import` reads metadata offline from
// the PDF (DOI, arXiv id, first page). When it lands, the UI should call that instead and this
// call can go; both store the file through the library's files/ folder only.
import type { Item } from '../../../shared/domain/item';
import { getItem, insertItem } from '../items/repo';
import type { Library } from '../library';
import { assertPdf, storePdf } from '../online/pdf-store';

/** `Attention_is-all.you.need.pdf` -> `Attention is all.you.need`. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const t = base
    .replace(/\.pdf$/i, '')
    .replace(/[_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t || 'Untitled PDF';
}

export function createItemFromPdf(
  lib: Library,
  fileName: string,
  bytes: Buffer,
): { item: Item; attachmentId: number } {
  assertPdf(bytes); // refused before anything is written
  const id = lib.write(() =>
    insertItem(lib.db, { type: 'article', title: titleFromFileName(fileName) }),
  );
  try {
    const stored = storePdf(lib, id, bytes, fileName);
    lib.changed(['items', 'attachments'], [id]);
    return { item: getItem(lib.db, id), attachmentId: stored.attachmentId };
  } catch (e) {
    // no item without its PDF: a failed store leaves the library as it was
    lib.write(() => lib.db.prepare('DELETE FROM items WHERE id = ?').run(id));
    throw e;
  }
}
