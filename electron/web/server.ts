import { CSP } from '../../shared/security/csp';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCallName } from '../../shared/api/contract';
import { attachmentIdOfPath, isAttachmentFilePath } from '../../shared/api/files';
import { FIRST_PAGE_INPUT, firstPageBlock } from '../../shared/api/first-page';
import { attachmentFileReply } from '../library/attachments/serve';
import { dispatch, isWriteCall } from '../hosts/dispatch';
import { handlers as defaultHandlers, type Handlers } from '../library/handlers/index';
import type { Library } from '../library/library';
import { AppError } from '../library/errors';
import { autoExporterOf, startAutoExport } from '../library/autoexport/service';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
const COOKIE = 'shelfmark_token';
const MAX_BODY = 64 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export interface WebHostOptions {
  library: Library;
  port?: number;
  /** Folder holding the built renderer (index.html and assets). */
  rendererDir?: string;
  token?: string;
  handlers?: Handlers;
}

export interface WebHost {
  url: string;
  /** The URL with the token, which is what a user opens. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** decodeURIComponent, or null for text that is not valid percent-encoding (it throws). */
function decoded(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function cookieToken(req: IncomingMessage): string | null {
  const raw = req.headers.cookie ?? '';
  for (const part of raw.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v) return decoded(v);
  }
  return null;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The local web host: the built renderer and the contract over HTTP on 127.0.0.1.
 * Every request needs the per-start token (cookie after the first visit, or a header), a Host
 * header naming this server (against DNS rebinding), and writes need a same-origin Origin.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const lib = options.library;
  const handlers = options.handlers ?? defaultHandlers;
  const token = options.token ?? randomBytes(16).toString('hex');
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `The renderer is not built (${rendererDir} has no index.html). Run \`npm run build\` first.`,
    );
  }
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);
  const sseClients = new Set<ServerResponse>();

  const unsubscribe = lib.on((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    const host = req.headers.host ?? '';
    if (!allowedHosts().includes(host)) {
      send(res, 421, 'This Shelfmark server answers only to 127.0.0.1 and localhost.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null) {
      if (!sameToken(queryToken, token)) {
        send(res, 401, 'Wrong access token. Open the URL printed by `shelfmark serve`.');
        return;
      }
      // The token moves into an HttpOnly cookie. The app's page is answered at once, and its
      // script takes the token out of the address bar and the history entry (replaceState):
      // a 303 to the bare URL cost a whole request before the page on a busy machine. Anything
      // else is still redirected, so the token never stays in another URL.
      const cookie = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      if (url.pathname.startsWith('/api/') || extname(url.pathname)) {
        res.writeHead(303, {
          'set-cookie': cookie,
          location: url.pathname,
          'cache-control': 'no-store',
        });
        res.end();
        return;
      }
      res.setHeader('set-cookie', cookie);
      await serveStatic(url.pathname, res);
      return;
    }
    const given = (req.headers['x-shelfmark-token'] as string | undefined) ?? cookieToken(req);
    if (!given || !sameToken(given, token)) {
      send(
        res,
        401,
        'Shelfmark needs its access token: open the URL printed by `shelfmark serve`.',
      );
      return;
    }

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (isAttachmentFilePath(url.pathname)) {
      serveAttachment(req, res, url.pathname);
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        send(res, 405, 'Calls are POST requests.');
        return;
      }
      // undecodable: dispatch answers it as an unknown call, like any other wrong name
      const name = decoded(url.pathname.slice('/api/'.length));
      const origin = req.headers.origin;
      const fetchSite = req.headers['sec-fetch-site'];
      if (isCallName(name) && isWriteCall(name)) {
        if (
          (origin !== undefined && !allowedOrigins().includes(origin)) ||
          fetchSite === 'cross-site'
        ) {
          send(res, 403, 'Writes are accepted only from Shelfmark’s own page.');
          return;
        }
      }
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body.length ? JSON.parse(body) : {};
      } catch (e) {
        send(
          res,
          400,
          JSON.stringify({
            ok: false,
            error: { code: 'invalid_input', message: `Body is not JSON: ${(e as Error).message}` },
          }),
          'application/json',
        );
        return;
      }
      const result = await dispatch(handlers, lib, name, input);
      send(res, 200, JSON.stringify(result), 'application/json');
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed.');
      return;
    }
    await serveStatic(url.pathname, res);
  }

  /** A stored attachment's bytes for pdf.js (token and Host already checked); see serve.ts. */
  function serveAttachment(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Attachment files are GET requests.');
      return;
    }
    const reply = attachmentFileReply(lib, attachmentIdOfPath(pathname), req.headers.range);
    res.writeHead(reply.status, reply.headers);
    if (!reply.ok) {
      res.end(reply.message);
      return;
    }
    if (req.method === 'HEAD' || reply.end < reply.start) {
      res.end();
      return;
    }
    const stream = createReadStream(reply.path, { start: reply.start, end: reply.end });
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }

  /**
   * The app's page with the answer to its first question (the library's first page) inside, as
   * a JSON data block: the first rows then need no request of their own after the script runs,
   * which on a busy machine was the longest wait before them. Same validating dispatch as
   * `POST /api/items.list`, behind the same token and Host checks.
   */
  async function appPage(file: string): Promise<Buffer> {
    const html = readFileSync(file, 'utf8');
    const at = html.lastIndexOf('</body>');
    if (at < 0) return Buffer.from(html);
    const result = await dispatch(handlers, lib, 'items.list', FIRST_PAGE_INPUT);
    return Buffer.from(html.slice(0, at) + firstPageBlock(result) + html.slice(at));
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = decoded(pathname);
    if (rel === null) {
      send(res, 400, 'Bad path.');
      return;
    }
    let file = resolve(rendererDir, `.${rel}`);
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) {
      send(res, 404, 'Not found.');
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // Client-side routes all load the app shell.
      if (extname(file)) {
        send(res, 404, 'Not found.');
        return;
      }
      file = join(rendererDir, 'index.html');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type };
    let body: Buffer;
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = CSP;
      headers['cache-control'] = 'no-store';
      body = file === join(rendererDir, 'index.html') ? await appPage(file) : readFileSync(file);
    } else {
      headers['cache-control'] = file.includes(`${sep}assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache';
      body = readFileSync(file);
    }
    res.writeHead(200, headers);
    res.end(body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[shelfmark] web host error:', e);
      if (!res.headersSent) send(res, 500, 'Internal error.');
      else res.end();
    });
  });

  await new Promise<void>((ok, fail) => {
    // AppErrors: the CLI prints them as one line, where another error is a crash with a stack
    server.once('error', (e: NodeJS.ErrnoException) => {
      const taken = e.code === 'EADDRINUSE';
      const privileged = e.code === 'EACCES';
      fail(
        taken || privileged
          ? new AppError(
              'conflict',
              `Port ${options.port} on 127.0.0.1 ${taken ? 'is already in use' : 'needs privileges this process lacks'}; choose another with --port.`,
            )
          : e,
      );
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  // a long-lived host keeps auto-exported .bib files in sync (one-shot CLI commands do not)
  const autoExport = autoExporterOf(options.library) ?? startAutoExport(options.library);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((ok) => {
        void autoExport.stop();
        unsubscribe();
        for (const c of sseClients) c.end();
        sseClients.clear();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
