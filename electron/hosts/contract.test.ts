import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_NAMES, contract } from '../../shared/api/contract';
import { tempLibrary } from '../test-support/temp-library';
import { handlers } from '../library/handlers/index';
import type { Library } from '../library/library';
import { startWebHost, type WebHost } from '../web/server';
import { dispatch } from './dispatch';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';

let lib: Library;
let cleanup: () => void;
let folder: string;
beforeEach(() => ({ lib, cleanup, folder } = tempLibrary()));
afterEach(() => cleanup());

/** Everything a call could have changed, as one comparable value. */
function snapshot(l: Library): string {
  const tables = l.db
    .prepare<[], string>(
      `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name`,
    )
    .pluck()
    .all();
  return JSON.stringify(tables.map((t) => [t, l.db.prepare(`SELECT * FROM "${t}"`).all()]));
}

/** Inputs no schema in the contract accepts. */
const INVALID: unknown[] = [
  'a string',
  42,
  [1, 2],
  { id: 'not a number', ids: 'x', view: 7, name: 5, itemId: -1, tags: 3 },
];

describe('the contract', () => {
  it('has exactly one handler per call, and no handler without a call', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CALL_NAMES].sort());
    for (const name of CALL_NAMES) expect(typeof handlers[name], name).toBe('function');
  });

  it('rejects unknown call names', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'items.list ', 7, null]) {
      const r = await dispatch(handlers, lib, name, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    }
  });

  it('rejects invalid input for every call with a validation error and changes nothing', async () => {
    lib.write(() =>
      lib.db
        .prepare(
          `INSERT INTO items (type, citation_key, title, date_added, date_modified) VALUES ('article', 'k', 'T', 'x', 'x')`,
        )
        .run(),
    );
    const before = snapshot(lib);
    for (const name of CALL_NAMES) {
      const schema = contract[name].input;
      for (const input of INVALID) {
        if (schema.safeParse(input).success) continue; // some calls take no input at all
        const r = await dispatch(handlers, lib, name, input);
        expect(r.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false);
        if (!r.ok) expect(r.error.code, name).toBe('invalid_input');
      }
    }
    expect(snapshot(lib)).toBe(before);
  });

  it('turns engine errors into error values, not exceptions', async () => {
    const r = await dispatch(handlers, lib, 'items.get', { id: 12345 });
    expect(r).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Item 12345 does not exist' },
    });
  });
});

describe('the web host', () => {
  let host: WebHost;
  let renderer: string;
  beforeEach(async () => {
    renderer = join(folder, 'renderer-build');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Shelfmark</title>');
    host = await startWebHost({ library: lib, rendererDir: renderer });
  });
  afterEach(async () => host.close());

  const post = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${host.url}api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shelfmark-token': host.token, ...headers },
      body: JSON.stringify(body),
    });

  it('serves every call of the contract through the same wrapper', async () => {
    for (const name of CALL_NAMES) {
      const res = await post(name, 'not an object');
      expect(res.status, name).toBe(200);
      const json = (await res.json()) as { ok: boolean; error?: { code: string } };
      expect(json.ok, name).toBe(false);
      expect(['invalid_input'], name).toContain(json.error?.code);
    }
    const created = (await (await post('items.create', { title: 'Over HTTP' })).json()) as {
      ok: boolean;
      value: { id: number };
    };
    expect(created.ok).toBe(true);
    const got = (await (await post('items.get', { id: created.value.id })).json()) as {
      value: { title: string };
    };
    expect(got.value.title).toBe('Over HTTP');
  });

  it('refuses requests without the token, with a foreign Host header, or cross-origin writes', async () => {
    const noToken = await fetch(`${host.url}api/items.counts`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    const wrongToken = await post('items.counts', {}, { 'x-shelfmark-token': 'f'.repeat(32) });
    expect(wrongToken.status).toBe(401);
    // fetch() cannot forge Host, so a DNS-rebinding request is made with node:http
    const rebinding = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/items.counts',
          method: 'POST',
          headers: { host: `evil.example:${host.port}`, 'x-shelfmark-token': host.token },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebinding).toBe(421);
    const crossOrigin = await post(
      'items.create',
      { title: 'x' },
      { origin: 'http://evil.example' },
    );
    expect(crossOrigin.status).toBe(403);
    const sameOrigin = await post(
      'items.create',
      { title: 'x' },
      { origin: `http://127.0.0.1:${host.port}` },
    );
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers.get('access-control-allow-origin')).toBeNull();
    const page = await fetch(host.url);
    expect(page.status).toBe(401);
  });

  it('moves the token from the URL into an HttpOnly cookie and serves the app with a strict CSP', async () => {
    // the printed URL is answered with the page itself (no redirect round trip); the page's
    // script then takes the token out of the address bar
    const first = await fetch(host.openUrl, { redirect: 'manual' });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(host.url, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline/);
    const traversal = await fetch(`${host.url}..%2f..%2fetc%2fpasswd`, {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(await traversal.text()).not.toMatch(/root:/);
  });
});
