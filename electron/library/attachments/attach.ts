// Attaching PDFs: to an existing item, or as a new item built from the PDF's own metadata.
// Order matters for "nothing lost": the file is read, hashed and opened by pdf.js (in a worker)
// before anything is written, so a broken, encrypted or duplicate file changes nothing.
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Attachment, AttachmentKind, PdfMetadata } from '../../../shared/domain/attachment';
import type { Item } from '../../../shared/domain/item';
import { AppError } from '../errors';
import { getItem, insertItem, now } from '../items/repo';
import type { Library } from '../library';
import { extractMetadata } from '../pdf/metadata';
import { probePdf } from '../pdf/run-worker';
import { attachmentName } from './naming';
import { storedPath, storedRelPath, userChosenFile } from './paths';
import { attachmentFile, attachmentRow, existingAttachmentFile, toAttachment } from './rows';

/** Largest file accepted: big scanned books fit, a runaway file does not. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export type FileSource =
  | { kind: 'path'; path: string }
  | { kind: 'data'; name: string; base64: string }
  /** Bytes the engine itself holds (a download); never from a caller of the contract. */
  | { kind: 'bytes'; name: string; bytes: Buffer };

interface LoadedFile {
  name: string;
  bytes: Buffer;
  /** Set when the user picked a file on disk (a link can point only there). */
  path?: string;
}

function loadSource(source: FileSource): LoadedFile {
  if (source.kind === 'path') {
    const path = userChosenFile(source.path);
    if (statSync(path).size > MAX_FILE_BYTES) {
      throw new AppError('invalid_input', `${basename(path)} is larger than 1 GiB.`);
    }
    try {
      return { name: basename(path), bytes: readFileSync(path), path };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new AppError('io_error', `${path} cannot be read (${code}).`);
    }
  }
  const name = source.name.split(/[\\/]/).pop() || 'document.pdf';
  if (source.kind === 'bytes') return { name, bytes: source.bytes };
  return { name, bytes: Buffer.from(source.base64, 'base64') };
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The same content already in the library is refused, naming where it is. */
function assertNotDuplicate(lib: Library, sha: string, name: string): void {
  const hit = lib.db
    .prepare<[string], { id: number; item_id: number; title: string; deleted_at: string | null }>(
      `SELECT a.id, a.item_id, i.title, i.deleted_at FROM attachments a
       JOIN items i ON i.id = a.item_id WHERE a.sha256 = ? LIMIT 1`,
    )
    .get(sha);
  if (hit) {
    const where = hit.deleted_at ? ' (in the trash)' : '';
    throw new AppError(
      'conflict',
      `“${name}” is already in the library: attached to “${hit.title || 'Untitled'}”${where}.`,
      { itemId: hit.item_id, attachmentId: hit.id },
    );
  }
}

/** Writes a stored file by content hash, atomically; returns whether it was created. */
function writeStored(folder: string, sha: string, bytes: Uint8Array): boolean {
  const full = storedPath(folder, storedRelPath(sha));
  if (existsSync(full)) return false;
  mkdirSync(dirname(full), { recursive: true });
  const tmp = `${full}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, full);
  return true;
}

function insertAttachment(
  lib: Library,
  item: Item,
  file: LoadedFile,
  sha: string,
  kind: AttachmentKind,
): number {
  const path = kind === 'stored' ? storedRelPath(sha) : file.path!;
  return lib.db
    .prepare(
      `INSERT INTO attachments (item_id, kind, path, sha256, size, mime, title, date_added)
       VALUES (?, ?, ?, ?, ?, 'application/pdf', ?, ?)`,
    )
    .run(item.id, kind, path, sha, file.bytes.length, attachmentName(item, file.name), now())
    .lastInsertRowid as number;
}

interface Prepared {
  file: LoadedFile;
  sha: string;
  metadata: PdfMetadata;
}

async function prepare(lib: Library, source: FileSource, kind: AttachmentKind): Promise<Prepared> {
  if (kind === 'linked' && source.kind !== 'path') {
    throw new AppError('invalid_input', 'Only a file on disk can be linked; this one is copied.');
  }
  const file = loadSource(source);
  if (file.bytes.length === 0) throw new AppError('parse_error', `“${file.name}” is empty.`);
  const sha = sha256Of(file.bytes);
  assertNotDuplicate(lib, sha, file.name);
  const metadata = extractMetadata(await probePdf(file.name, file.bytes), file.name);
  return { file, sha, metadata };
}

/** Stores the file (if copied) and runs `insert` in one transaction; undoes the copy on failure. */
function commit(lib: Library, p: Prepared, kind: AttachmentKind, insert: () => number): number {
  const created = kind === 'stored' && writeStored(lib.folder, p.sha, p.file.bytes);
  try {
    return lib.write(() => {
      assertNotDuplicate(lib, p.sha, p.file.name);
      return insert();
    });
  } catch (e) {
    if (created) unlinkSync(storedPath(lib.folder, storedRelPath(p.sha)));
    throw e;
  }
}

export interface AttachResult {
  attachment: Attachment;
  metadata: PdfMetadata;
}

export async function attachToItem(
  lib: Library,
  itemId: number,
  source: FileSource,
  kind: AttachmentKind,
): Promise<AttachResult> {
  getItem(lib.db, itemId);
  const p = await prepare(lib, source, kind);
  const id = commit(lib, p, kind, () =>
    insertAttachment(lib, getItem(lib.db, itemId), p.file, p.sha, kind),
  );
  lib.changed(['attachments', 'items'], [itemId]);
  return { attachment: toAttachment(lib.folder, attachmentRow(lib.db, id)), metadata: p.metadata };
}

export interface ImportPdfResult extends AttachResult {
  item: Item;
}

/** One new item per PDF, its fields from the PDF's metadata (marked for review if unsure). */
export async function importPdf(
  lib: Library,
  source: FileSource,
  kind: AttachmentKind,
): Promise<ImportPdfResult> {
  const p = await prepare(lib, source, kind);
  const m = p.metadata;
  const fields: Record<string, string> = m.arxivId
    ? { eprint: m.arxivId, eprinttype: 'arxiv' }
    : {};
  let itemId = 0;
  const id = commit(lib, p, kind, () => {
    itemId = insertItem(lib.db, {
      type: 'article',
      title: m.title,
      creators: m.creators,
      date: m.year,
      doi: m.doi,
      fields,
      reviewNeeded: m.reviewNeeded,
    });
    return insertAttachment(lib, getItem(lib.db, itemId), p.file, p.sha, kind);
  });
  lib.changed(['items', 'attachments'], [itemId]);
  return {
    item: getItem(lib.db, itemId),
    attachment: toAttachment(lib.folder, attachmentRow(lib.db, id)),
    metadata: m,
  };
}

/** Reads an attachment's bytes; a missing linked file is reported, never guessed at. */
export function readAttachment(lib: Library, id: number): { bytes: Buffer; name: string } {
  const row = attachmentRow(lib.db, id);
  const file = existingAttachmentFile(lib.folder, row);
  try {
    return { bytes: readFileSync(file), name: row.title };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('io_error', `The file of “${row.title}” cannot be read (${code}).`);
  }
}

/** Removes an attachment; a stored file goes too once nothing else refers to it. */
export function removeAttachment(lib: Library, id: number): void {
  const row = attachmentRow(lib.db, id);
  lib.write(() => lib.db.prepare('DELETE FROM attachments WHERE id = ?').run(id));
  if (row.kind === 'stored') {
    const others = lib.db
      .prepare('SELECT 1 FROM attachments WHERE path = ? AND kind = ?')
      .get(row.path, 'stored');
    const file = attachmentFile(lib.folder, row);
    if (!others && file && existsSync(file)) unlinkSync(file);
  }
  lib.changed(['attachments', 'items'], [row.item_id]);
}

/** Re-applies the name pattern to an attachment after its item changed. */
export function renameAttachment(lib: Library, id: number): Attachment {
  const row = attachmentRow(lib.db, id);
  const name = attachmentName(getItem(lib.db, row.item_id), row.title);
  lib.write(() => lib.db.prepare('UPDATE attachments SET title = ? WHERE id = ?').run(name, id));
  lib.changed(['attachments'], [row.item_id]);
  return toAttachment(lib.folder, attachmentRow(lib.db, id));
}
