// The web host's binary route for attachment bytes (GET /api/attachment-file/<id>), over real
// HTTP: it serves a stored attachment's PDF (whole or a Range) to a request with the token and
// the right Host, and refuses everything else: no or wrong token, a foreign Host, an unknown or
// malformed id, a traversal in the path, a linked file, and a database row (or a symlink under
// files/) that leads outside the library folder. A refusal never carries the file's bytes.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../hosts/dispatch';
import { handlers } from '../library/handlers/index';
import { Library } from '../library/library';
import { fixturePath } from '../library/testing/fixtures';
import { type WebHost, startWebHost } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () =>
        ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

let root: string;
let lib: Library;
let host: WebHost;
let good: Record<string, string>;
let pdf: Buffer;
let storedId: number;
let linkedId: number;
const outside = () => join(root, 'outside');

async function importPdf(path: string, mode: 'stored' | 'linked'): Promise<number> {
  const r = await dispatch(handlers, lib, 'attachments.import', {
    source: { kind: 'path', path },
    mode,
  });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { attachment: { id: number } }).attachment.id;
}

/** Adds an attachment row by hand, as a damaged or tampered database would hold it. */
function rowWithPath(kind: string, path: string): number {
  const itemId = lib.db
    .prepare<[], number>('SELECT item_id FROM attachments LIMIT 1')
    .pluck()
    .get()!;
  return Number(
    lib.db
      .prepare(
        `INSERT INTO attachments (item_id, kind, path, sha256, size, mime, title, date_added)
         VALUES (?, ?, ?, ?, 1, 'application/pdf', 'tampered.pdf', '2026-01-01T00:00:00Z')`,
      )
      .run(itemId, kind, path, 'a'.repeat(64)).lastInsertRowid,
  );
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'shelfmark-web-files-'));
  const renderer = join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Shelfmark</title>');
  mkdirSync(outside());
  writeFileSync(join(outside(), 'secret.pdf'), '%PDF-1.4 secret outside the library');
  const linkedCopy = join(outside(), 'linked.pdf');
  copyFileSync(fixturePath('revtex-apssamp.pdf'), linkedCopy);
  lib = Library.open(join(root, 'library'));
  pdf = readFileSync(fixturePath('acmart-sample-sigconf.pdf'));
  storedId = await importPdf(fixturePath('acmart-sample-sigconf.pdf'), 'stored');
  linkedId = await importPdf(linkedCopy, 'linked');
  host = await startWebHost({ library: lib, rendererDir: renderer });
  good = { host: `127.0.0.1:${host.port}`, 'x-shelfmark-token': host.token };
});
afterAll(async () => {
  await host.close();
  lib.close();
  await new Promise((r) => setTimeout(r, 50)); // a background indexing worker may hold a file
  rmSync(root, { recursive: true, force: true });
});

const path = (id: number | string) => `/api/attachment-file/${id}`;

describe('GET /api/attachment-file/<id>', () => {
  it('serves a stored attachment’s bytes as a PDF that is never sniffed (the control case)', async () => {
    const r = await get(host.port, path(storedId), good);
    expect(r.status).toBe(200);
    expect(r.body.equals(pdf)).toBe(true);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers['content-length']).toBe(String(pdf.length));
    for (const name of Object.keys(r.headers)) expect(name).not.toMatch(/^access-control-/i);
  });

  it('also answers through the token cookie the page holds', async () => {
    const r = await get(host.port, path(storedId), {
      host: good.host!,
      cookie: `shelfmark_token=${host.token}`,
    });
    expect(r.status).toBe(200);
    expect(r.body.equals(pdf)).toBe(true);
  });

  it('serves byte ranges (pdf.js asks for parts of big files)', async () => {
    const first = await get(host.port, path(storedId), { ...good, range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${pdf.length}`);
    expect(first.body.equals(pdf.subarray(0, 100))).toBe(true);
    const open = await get(host.port, path(storedId), { ...good, range: 'bytes=1000-' });
    expect(open.body.equals(pdf.subarray(1000))).toBe(true);
    const tail = await get(host.port, path(storedId), { ...good, range: 'bytes=-16' });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(pdf.subarray(pdf.length - 16))).toBe(true);
    const past = await get(host.port, path(storedId), {
      ...good,
      range: `bytes=${pdf.length}-`,
    });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${pdf.length}`);
    // several ranges are answered with the whole file (allowed by RFC 9110)
    const multi = await get(host.port, path(storedId), { ...good, range: 'bytes=0-1,5-9' });
    expect(multi.status).toBe(200);
    expect(multi.body.equals(pdf)).toBe(true);
  });

  it.each([
    ['no token', {}],
    ['a wrong token header', { 'x-shelfmark-token': 'f'.repeat(32) }],
    ['a wrong cookie', { cookie: 'shelfmark_token=deadbeef' }],
  ])('refuses a request with %s (401, no bytes)', async (_label, extra) => {
    const r = await get(host.port, path(storedId), { host: good.host!, ...extra });
    expect(r.status).toBe(401);
    expect(r.body.includes(pdf.subarray(0, 64))).toBe(false);
  });

  it('refuses a wrong token in the address instead of serving the file', async () => {
    const r = await get(host.port, `${path(storedId)}?token=nope`, { host: good.host! });
    expect(r.status).toBe(401);
    expect(r.body.includes(pdf.subarray(0, 64))).toBe(false);
  });

  it.each(['evil.example', `rebind.example:${0}`, '127.0.0.1'])(
    'refuses a foreign Host %j even with the token (DNS rebinding)',
    async (h) => {
      const r = await get(host.port, path(storedId), { ...good, host: h });
      expect(r.status).toBe(421);
      expect(r.body.includes(pdf.subarray(0, 64))).toBe(false);
    },
  );

  it('refuses an unknown id and anything that is not exactly one id', async () => {
    for (const id of [
      String(storedId + 1000),
      '0',
      '-1',
      `0${storedId}`,
      `${storedId}.pdf`,
      `${storedId}/`,
      'abc',
      '99999999999999999999',
      '',
    ]) {
      const r = await get(host.port, path(id), good);
      expect(r.status, id).toBe(404);
      expect(r.body.includes(pdf.subarray(0, 64)), id).toBe(false);
    }
  });

  it('refuses traversal in the path: only an id is read from it, never a file name', async () => {
    for (const p of [
      '/api/attachment-file/..%2f..%2f..%2fetc%2fpasswd',
      '/api/attachment-file/%2e%2e/%2e%2e/outside/secret.pdf',
      `/api/attachment-file/${storedId}/..%2f..%2f..%2foutside%2fsecret.pdf`,
      `/api/attachment-file/${storedId}%00`,
      `/api/attachment-file/files%2f${storedId}`,
    ]) {
      const r = await get(host.port, p, good);
      expect(r.status, p).toBe(404);
      expect(r.body.toString('latin1'), p).not.toMatch(/root:|secret outside/);
    }
  });

  it('refuses a linked attachment: its file lies outside the library folder', async () => {
    const r = await get(host.port, path(linkedId), good);
    expect(r.status).toBe(403);
    expect(r.headers['content-type']).not.toBe('application/pdf');
    expect(r.body.toString('latin1')).not.toContain('%PDF');
  });

  it('refuses stored rows whose path leads outside files/ (tampered database)', async () => {
    for (const p of [
      'files/../../outside/secret.pdf',
      '../outside/secret.pdf',
      join(outside(), 'secret.pdf'),
      'files/aa/../../../outside/secret.pdf',
    ]) {
      const id = rowWithPath('stored', p);
      const r = await get(host.port, path(id), good);
      expect(r.status, p).toBe(403);
      expect(r.body.toString('latin1'), p).not.toContain('secret outside');
    }
  });

  it('refuses a stored file that is a symlink out of the library folder', async () => {
    const dir = join(lib.folder, 'files', 'bb');
    mkdirSync(dir, { recursive: true });
    const rel = `files/bb/${'b'.repeat(64)}.pdf`;
    symlinkSync(join(outside(), 'secret.pdf'), join(lib.folder, rel));
    const id = rowWithPath('stored', rel);
    const r = await get(host.port, path(id), good);
    expect(r.status).toBe(403);
    expect(r.body.toString('latin1')).not.toContain('secret outside');
  });

  it('answers a stored row whose file is gone with 404, and writes with 405', async () => {
    const id = rowWithPath('stored', `files/cc/${'c'.repeat(64)}.pdf`);
    expect((await get(host.port, path(id), good)).status).toBe(404);
    const post = await get(host.port, path(storedId), good, 'POST');
    expect(post.status).toBe(405);
    expect(post.body.includes(pdf.subarray(0, 64))).toBe(false);
  });
});
