import { CSP } from '../../shared/security/csp';
import { net, protocol } from 'electron';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

// The app's pages come from app://shelfmark/, not file://, so the origin is fixed and the
// renderer cannot read arbitrary files.
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://shelfmark`;

export function registerSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'shelfmark') return new Response('Not found', { status: 404 });
    const path = resolve(root, `.${decodeURIComponent(url.pathname)}`);
    const file = path === root ? join(root, 'index.html') : path;
    if (file !== root && !file.startsWith(root + sep))
      return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    return new Response(response.body, { status: response.status, headers });
  });
}
