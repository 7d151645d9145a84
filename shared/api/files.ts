// The one binary route beside the JSON contract: a stored attachment's PDF bytes, by id, so
// pdf.js fetches them itself (no base64 inside a JSON answer). The web host serves it over HTTP
// behind the same token and Host checks as /api; Electron's app:// protocol serves the same path.

/** Path of the route, relative to the app's root (`api/attachment-file/<id>`). */
export const ATTACHMENT_FILE_PREFIX = 'api/attachment-file/';

/** The URL the renderer fetches an attachment's bytes from (relative to the page). */
export function attachmentFileUrl(id: number): string {
  return `${ATTACHMENT_FILE_PREFIX}${id}`;
}

/** The id in a route path (`/api/attachment-file/12`), or null if it is not exactly one. */
export function attachmentIdOfPath(pathname: string): number | null {
  const m = /^\/api\/attachment-file\/([1-9][0-9]{0,14})$/.exec(pathname);
  return m ? Number(m[1]) : null;
}

export function isAttachmentFilePath(pathname: string): boolean {
  return pathname.startsWith(`/${ATTACHMENT_FILE_PREFIX}`);
}
