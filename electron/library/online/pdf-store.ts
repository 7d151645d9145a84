// Storing a downloaded PDF in the library's files/ folder and recording it as an attachment.
//
// HOOK for the attachments work (issue 5): this is the only place online features create
// attachments. When the shared attachment module lands, `downloadPdfFor` (add-by-id.ts) should
// call `attachToItem(lib, itemId, { kind: 'data', name, base64 }, 'stored')` instead of
// `storePdf`, and this file can go; the tests only assume the file lands under files/ with its
// sha256 recorded.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { AppError } from '../errors';
import { now } from '../items/repo';
import type { Library } from '../library';

/** A file name that cannot leave the files/ folder or upset any file system. */
export function safePdfName(suggested: string): string {
  const base = suggested
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[._]+/, '')
    .replace(/\.pdf$/i, '')
    .slice(0, 100);
  return `${base || 'paper'}.pdf`;
}

export interface StoredPdf {
  attachmentId: number;
  path: string;
  sha256: string;
}

/** A download that is not a PDF (a captcha page, an error page) is refused before storing. */
export function assertPdf(bytes: Buffer): void {
  if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) {
    throw new AppError('parse_error', 'The download is not a PDF (no %PDF- header)');
  }
}

export function storePdf(
  lib: Library,
  itemId: number,
  bytes: Buffer,
  suggested: string,
): StoredPdf {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const existing = lib.db
    .prepare<[number, string], { id: number; path: string }>(
      'SELECT id, path FROM attachments WHERE item_id = ? AND sha256 = ?',
    )
    .get(itemId, sha256);
  if (existing) return { attachmentId: existing.id, path: existing.path, sha256 };

  const filesDir = resolve(lib.folder, 'files');
  const name = safePdfName(suggested);
  let target = join(filesDir, name);
  for (let n = 2; existsSync(target); n++)
    target = join(filesDir, name.replace(/\.pdf$/, `-${n}.pdf`));
  if (!resolve(target).startsWith(filesDir + sep)) {
    throw new AppError('forbidden', 'Refusing to write a PDF outside the library folder');
  }
  // Temp file in the same folder, then rename: a crash leaves the old state or the whole file.
  const temp = join(filesDir, `.download-${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(temp, bytes, { flush: true });
  try {
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  const path = relative(lib.folder, target).split(sep).join('/');
  try {
    const attachmentId = lib.write(
      () =>
        lib.db
          .prepare(
            `INSERT INTO attachments (item_id, kind, path, sha256, size, mime, title, date_added)
             VALUES (?, 'stored', ?, ?, ?, 'application/pdf', 'PDF', ?)`,
          )
          .run(itemId, path, sha256, bytes.length, now()).lastInsertRowid as number,
    );
    return { attachmentId, path, sha256 };
  } catch (e) {
    rmSync(target, { force: true });
    throw e;
  }
}
