// What the hosts' binary route answers for an attachment's bytes (shared/api/files.ts): the
// decision lives here, the hosts only stream the chosen byte range. Only STORED attachments are
// served, i.e. files under `<library>/files/` checked by storedPath (no `..`, no symlink out);
// a linked file (anywhere the user picked) stays behind the JSON call `attachments.content`.
// The client names an attachment id, never a path.
import { statSync } from 'node:fs';
import type { Library } from '../library';
import { type AttachmentDbRow, attachmentFile, attachmentRow } from './rows';

export type FileReply =
  | {
      ok: true;
      status: 200 | 206;
      path: string;
      /** Inclusive byte range to send. */
      start: number;
      end: number;
      headers: Record<string, string>;
    }
  | { ok: false; status: 400 | 403 | 404 | 416; message: string; headers: Record<string, string> };

const BASE_HEADERS = {
  'content-type': 'application/pdf',
  'x-content-type-options': 'nosniff',
  // only the app's own pages may read it (no embedding from another site, even without CORS)
  'cross-origin-resource-policy': 'same-origin',
  'content-disposition': 'inline',
  'cache-control': 'no-store',
  'accept-ranges': 'bytes',
};

function refuse(
  status: 400 | 403 | 404 | 416,
  message: string,
  extra: Record<string, string> = {},
): FileReply {
  return {
    ok: false,
    status,
    message,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      ...extra,
    },
  };
}

/** A single `bytes=a-b` / `bytes=a-` / `bytes=-n` range; null = no usable Range (send it all). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  // several ranges or another unit: answer with the whole file, which RFC 9110 allows
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** The reply for `GET <route>/<id>` with an optional Range header. */
export function attachmentFileReply(
  lib: Library,
  id: number | null,
  range: string | undefined,
): FileReply {
  if (id === null || !Number.isSafeInteger(id) || id < 1) {
    return refuse(404, 'No such attachment.');
  }
  let att: AttachmentDbRow;
  try {
    att = attachmentRow(lib.db, id);
  } catch {
    return refuse(404, `Attachment ${id} does not exist.`);
  }
  if (att.kind !== 'stored') {
    return refuse(403, `Attachment ${id} is a linked file; it is read through the contract.`);
  }
  const file = attachmentFile(lib.folder, att);
  if (!file) return refuse(403, `Attachment ${id} points outside the library.`);
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return refuse(404, `The file of attachment ${id} is missing.`);
    size = st.size;
  } catch {
    return refuse(404, `The file of attachment ${id} is missing.`);
  }
  const r = parseRange(range, size);
  if (r === 'unsatisfiable') {
    return refuse(416, 'Range not satisfiable.', { 'content-range': `bytes */${size}` });
  }
  const etag = `"${att.sha256}"`;
  if (r === null) {
    return {
      ok: true,
      status: 200,
      path: file,
      start: 0,
      end: size - 1,
      headers: { ...BASE_HEADERS, etag, 'content-length': String(size) },
    };
  }
  return {
    ok: true,
    status: 206,
    path: file,
    start: r.start,
    end: r.end,
    headers: {
      ...BASE_HEADERS,
      etag,
      'content-length': String(r.end - r.start + 1),
      'content-range': `bytes ${r.start}-${r.end}/${size}`,
    },
  };
}
