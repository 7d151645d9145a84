// Each refusal of the local web host, tested over real HTTP: Host allowlist (DNS rebinding),
// the token on every request, Origin check on writes, no CORS headers, a busy port fails loudly.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../library/library';
import { type WebHost, startWebHost } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path ?? '/',
        headers: opts.headers ?? {},
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

let lib: Library;
let host: WebHost;
let good: Record<string, string>;
const count = () => lib.db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;
const create = (headers: Record<string, string>) =>
  send(host.port, {
    method: 'POST',
    path: '/api/items.create',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ title: 'Via HTTP' }),
  });

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'shelfmark-web-'));
  const renderer = join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Shelfmark</title>');
  lib = Library.open(join(root, 'library'));
  host = await startWebHost({ library: lib, rendererDir: renderer });
  good = { host: `127.0.0.1:${host.port}`, 'x-shelfmark-token': host.token };
});
afterAll(async () => {
  await host.close();
  lib.close();
});

describe('web host refusals', () => {
  it('answers with the right token and Host (the control case)', async () => {
    const r = await create({ ...good, origin: `http://127.0.0.1:${host.port}` });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true });
    expect(count()).toBe(1);
  });

  it.each([
    'evil.example:80',
    'attacker.com',
    '127.0.0.1.nip.io:80',
    '127.0.0.1',
    'localhost',
    '0.0.0.0:1',
    '',
  ])('refuses Host %j (DNS rebinding) on pages and calls', async (h) => {
    const before = count();
    const page = await send(host.port, { headers: { ...good, host: h || 'x' } });
    expect(page.status).toBe(421);
    const call = await create({ ...good, host: h || 'x' });
    expect(call.status).toBe(421);
    expect(count()).toBe(before);
  });

  it('refuses a rebinding Host that names our port on another name', async () => {
    const r = await create({ ...good, host: `rebind.example:${host.port}` });
    expect(r.status).toBe(421);
  });

  it.each([
    ['no token', {}],
    ['wrong token header', { 'x-shelfmark-token': 'f'.repeat(32) }],
    ['token of the wrong length', { 'x-shelfmark-token': 'abc' }],
    ['wrong cookie', { cookie: 'shelfmark_token=deadbeef' }],
    ['a cookie that is not percent-encoding', { cookie: 'shelfmark_token=%E0%A4%A' }],
  ])('refuses a request with %s: pages, calls and events', async (_label, extra) => {
    const h = { host: good.host!, ...extra };
    const before = count();
    expect((await send(host.port, { headers: h })).status).toBe(401);
    expect((await send(host.port, { path: '/assets/app.js', headers: h })).status).toBe(401);
    expect((await send(host.port, { path: '/api/events', headers: h })).status).toBe(401);
    expect((await create(h)).status).toBe(401);
    expect(count()).toBe(before);
  });

  it('refuses a wrong token in the address and moves a right one into an HttpOnly cookie with the page', async () => {
    const bad = await send(host.port, { path: '/?token=nope', headers: { host: good.host! } });
    expect(bad.status).toBe(401);
    expect(bad.headers['set-cookie']).toBeUndefined();
    // the app's page is answered at once with the cookie (its script then drops the token
    // from the address bar); the page itself does not contain the token
    const ok = await send(host.port, {
      path: `/?token=${host.token}`,
      headers: { host: good.host! },
    });
    expect(ok.status).toBe(200);
    expect(String(ok.headers['set-cookie'])).toBe(
      `shelfmark_token=${host.token}; HttpOnly; SameSite=Strict; Path=/`,
    );
    expect(ok.headers['content-security-policy']).toBeDefined();
    expect(ok.body).toContain('<title>Shelfmark</title>');
    expect(ok.body).not.toContain(host.token);
    // the cookie then opens the app and its calls
    const cookie = { host: good.host!, cookie: `shelfmark_token=${host.token}` };
    expect((await send(host.port, { headers: cookie })).status).toBe(200);
    // a token on any other URL (a file, a call) still redirects, so it stays in no URL
    for (const path of ['/assets/app.js', '/api/events']) {
      const r = await send(host.port, { path: `${path}?token=${host.token}`, headers: cookie });
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe(path);
      expect(String(r.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    }
    // a wrong token with a right cookie is still refused
    expect((await send(host.port, { path: '/?token=nope', headers: cookie })).status).toBe(401);
  });

  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['a look-alike Origin', { origin: 'http://127.0.0.1.evil.example' }],
    ['the null Origin', { origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses a write with %s, even with the token', async (_label, extra) => {
    const before = count();
    const r = await create({ ...good, ...extra });
    expect(r.status).toBe(403);
    expect(count()).toBe(before);
  });

  it('lets reads through from any origin only with the token (no write happens)', async () => {
    const r = await send(host.port, {
      method: 'POST',
      path: '/api/items.counts',
      headers: { ...good, origin: 'http://evil.example' },
    });
    expect(r.status).toBe(200);
  });

  it('sends no CORS headers on any response, including preflights', async () => {
    const replies = await Promise.all([
      send(host.port, { headers: good }),
      create({ ...good, origin: 'http://evil.example' }),
      send(host.port, {
        method: 'OPTIONS',
        path: '/api/items.create',
        headers: {
          ...good,
          origin: 'http://evil.example',
          'access-control-request-method': 'POST',
        },
      }),
      send(host.port, { headers: { host: 'evil.example' } }),
    ]);
    for (const r of replies) {
      for (const name of Object.keys(r.headers)) expect(name).not.toMatch(/^access-control-/i);
    }
    expect(replies[2]!.status).toBe(405);
  });

  it('refuses calls that are not POST, unknown calls and bodies that are not JSON', async () => {
    expect((await send(host.port, { path: '/api/items.counts', headers: good })).status).toBe(405);
    const unknown = await send(host.port, { method: 'POST', path: '/api/sql.exec', headers: good });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    const notJson = await send(host.port, {
      method: 'POST',
      path: '/api/items.create',
      headers: good,
      body: '{"title": ',
    });
    expect(notJson.status).toBe(400);
  });

  it('answers a call name that is not percent-encoding as an unknown call, not a server error', async () => {
    const r = await send(host.port, { method: 'POST', path: '/api/items%E0%A4%A', headers: good });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('serves pages with a CSP without unsafe-eval or unsafe-inline', async () => {
    const r = await send(host.port, { headers: good });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
    expect(r.headers['x-frame-options']).toBe('DENY');
  });

  it('does not serve files outside the renderer folder', async () => {
    for (const path of [
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fpackage.json',
    ]) {
      const r = await send(host.port, { path, headers: good });
      expect(r.body).not.toMatch(/root:|"name": "shelfmark"/);
    }
  });

  it('fails loudly when the port is busy', async () => {
    await expect(
      startWebHost({
        library: lib,
        port: host.port,
        rendererDir: join(lib.folder, '..', 'renderer'),
      }),
    ).rejects.toThrow(new RegExp(`Port ${host.port} on 127.0.0.1 is already in use`));
  });
});
