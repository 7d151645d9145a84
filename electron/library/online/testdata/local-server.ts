// A local HTTP server for tests: every online feature is tested against this on 127.0.0.1,
// never against a real service.
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export type Route = (req: SeenRequest) => Reply | undefined;

export interface LocalServer {
  url: string;
  requests: SeenRequest[];
  setRoute(route: Route): void;
  close(): Promise<void>;
}

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url)), 'utf8');
}

export async function startLocalServer(route: Route, port = 0): Promise<LocalServer> {
  let current = route;
  const requests: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen = {
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
    };
    requests.push(seen);
    const reply = current(seen) ?? { status: 404, body: 'not found' };
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(reply.status ?? 200, reply.headers ?? {});
      res.end(reply.body ?? '');
    };
    if (reply.delayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        send();
      }, reply.delayMs);
      timers.add(t);
    } else {
      send();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    requests,
    setRoute(r) {
      current = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Routes every service of the online settings to path prefixes of one local server. */
export function baseUrlsFor(url: string) {
  return {
    crossref: `${url}/crossref`,
    datacite: `${url}/datacite`,
    arxiv: `${url}/arxiv`,
    openlibrary: `${url}/openlibrary`,
    pubmed: `${url}/pubmed`,
  };
}

/** Online settings that send every service to a local server, with no waits and no retries. */
export function localOnlineSettings(url: string) {
  return { baseUrls: baseUrlsFor(url), arxivIntervalMs: 0, retries: 0 };
}

/**
 * A valid one-page blank PDF (correct xref offsets), so it passes any PDF check, including
 * opening it with pdf.js.
 */
function blankPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export const TINY_PDF = blankPdf();

/** The services' documented answers, served from the fixture files in this folder. */
export const serviceRoutes: Route = (req) => {
  const json = (name: string): Reply => ({
    headers: { 'content-type': 'application/json' },
    body: fixture(name),
  });
  const xml = (name: string, type = 'application/atom+xml'): Reply => ({
    headers: { 'content-type': type },
    body: fixture(name),
  });
  if (
    req.path === '/crossref/works/10.1038%2Fnature14539' ||
    req.path === '/crossref/works/10.1038/nature14539'
  ) {
    return json('crossref-work.json');
  }
  if (/^\/crossref\/works\/10\.4310(%2F|\/)atmp\.1998\.v2\.n2\.a1$/i.test(req.path)) {
    return json('crossref-maldacena.json');
  }
  if (req.path.startsWith('/crossref/works/')) return { status: 404, body: 'Resource not found.' };
  if (/^\/datacite\/dois\/10\.5281(%2F|\/)zenodo\.1234567$/.test(req.path))
    return json('datacite-doi.json');
  if (req.path.startsWith('/datacite/dois/')) {
    return {
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: '{"errors":[{"status":"404","title":"The resource you are looking for doesn\'t exist."}]}',
    };
  }
  if (req.path === '/arxiv/api/query') {
    const ids = (req.query.get('id_list') ?? '').split(',');
    if (ids.some((i) => i.startsWith('1706.03762'))) return xml('arxiv-query.xml');
    if (ids.some((i) => i.startsWith('hep-th/9711200'))) return xml('arxiv-maldacena.xml');
    return xml('arxiv-error.xml');
  }
  if (req.path.startsWith('/arxiv/pdf/')) {
    return { headers: { 'content-type': 'application/pdf' }, body: TINY_PDF };
  }
  if (req.path === '/openlibrary/api/books') {
    return req.query.get('bibkeys') === 'ISBN:9780262033848'
      ? json('openlibrary-books.json')
      : { headers: { 'content-type': 'application/json' }, body: '{}' };
  }
  if (req.path === '/pubmed/entrez/eutils/efetch.fcgi') {
    const id = req.query.get('id');
    if (id === '26017442') return xml('pubmed-efetch.xml', 'text/xml');
    if (id === '31000001') return xml('pubmed-structured.xml', 'text/xml');
    return {
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0" ?>\n<PubmedArticleSet></PubmedArticleSet>\n',
    };
  }
  if (req.path === '/feeds/arxiv-cs-lg.rss')
    return xml('feed-arxiv-rss.xml', 'application/rss+xml');
  if (req.path === '/feeds/daily.atom') return xml('feed-html-titles.atom');
  if (req.path === '/feeds/pdf/2402.03469.pdf')
    return { headers: { 'content-type': 'application/pdf' }, body: TINY_PDF };
  return undefined;
};
