import { CSP } from '../../shared/security/csp';
import { net, protocol } from 'electron';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { attachmentIdOfPath, isAttachmentFilePath } from '../../shared/api/files';
import { attachmentFileReply } from '../library/attachments/serve';
import type { Library } from '../library/library';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { rendererFile } from './renderer-file';

// The app's pages come from app://shelfmark/, not file://, so the origin is fixed and the
// renderer cannot read arbitrary files.
export { APP_ORIGIN, APP_SCHEME } from './app-origin';

export function registerSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * app://shelfmark/api/attachment-file/<id>: a stored attachment's bytes for pdf.js, the same
 * route and the same decision (electron/library/attachments/serve.ts) as the web host's.
 */
function serveAttachment(request: Request, pathname: string, lib: Library | null): Response {
  if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 });
  if (!lib) return new Response('No library is open', { status: 503 });
  const reply = attachmentFileReply(
    lib,
    attachmentIdOfPath(pathname),
    request.headers.get('range') ?? undefined,
  );
  if (!reply.ok)
    return new Response(reply.message, { status: reply.status, headers: reply.headers });
  const body =
    reply.end < reply.start
      ? null
      : (Readable.toWeb(
          createReadStream(reply.path, { start: reply.start, end: reply.end }),
        ) as ReadableStream<Uint8Array>);
  return new Response(body, { status: reply.status, headers: reply.headers });
}

export function serveRenderer(rendererDir: string, library: () => Library | null): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (isAttachmentFilePath(url.pathname))
      return serveAttachment(request, url.pathname, library());
    const file = rendererFile(root, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    return new Response(response.body, { status: response.status, headers });
  });
}
