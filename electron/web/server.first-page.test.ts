// The app's page arrives with the answer to its first question (the library's first page) in a
// JSON data block; the block cannot be broken out of by what a title holds, and a request
// without the token gets neither page nor rows.
// @vitest-environment node
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_PAGE_ELEMENT_ID, FIRST_PAGE_INPUT } from '../../shared/api/first-page';
import { dispatch } from '../hosts/dispatch';
import { handlers } from '../library/handlers/index';
import { Library } from '../library/library';
import { type WebHost, startWebHost } from './server';

const HOSTILE = 'A </script><script>alert(1)</script> <!-- title';

let lib: Library;
let host: WebHost;
const page = (headers: Record<string, string>, path = '/') =>
  fetch(`http://127.0.0.1:${host.port}${path}`, { headers, redirect: 'manual' });

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'shelfmark-first-page-'));
  const renderer = join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(
    join(renderer, 'index.html'),
    '<!doctype html><html><head><title>Shelfmark</title></head><body><div id="root"></div></body></html>',
  );
  lib = Library.open(join(root, 'library'));
  for (const title of ['Older', HOSTILE]) {
    const r = await dispatch(handlers, lib, 'items.create', { title });
    expect(r.ok).toBe(true);
  }
  host = await startWebHost({ library: lib, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  lib.close();
});

function block(html: string): string {
  const open = `<script type="application/json" id="${FIRST_PAGE_ELEMENT_ID}">`;
  const start = html.indexOf(open);
  expect(start).toBeGreaterThan(0);
  const end = html.indexOf('</script>', start);
  return html.slice(start + open.length, end);
}

describe('the app page carries the first page', () => {
  it('holds exactly what POST /api/items.list answers for the first page, before </body>', async () => {
    const res = await page({ 'x-shelfmark-token': host.token });
    expect(res.status).toBe(200);
    const html = await res.text();
    const data = JSON.parse(block(html)) as { input: unknown; result: unknown };
    expect(data.input).toEqual(FIRST_PAGE_INPUT);
    expect(data.result).toEqual(await dispatch(handlers, lib, 'items.list', FIRST_PAGE_INPUT));
    const rows = (data.result as { value: { rows: { title: string }[] } }).value.rows;
    expect(rows.map((r) => r.title)).toEqual([HOSTILE, 'Older']);
    expect(html.endsWith('</script></body></html>')).toBe(true);
  });

  it('cannot be ended early by a title: the only </script> is the block’s own', async () => {
    const html = await (await page({ 'x-shelfmark-token': host.token })).text();
    expect(html.split('</script>')).toHaveLength(2);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<!-- title');
  });

  it('is sent on a client route too, and reflects the library at the time of the request', async () => {
    const r = await dispatch(handlers, lib, 'items.create', { title: 'Newest' });
    expect(r.ok).toBe(true);
    const html = await (await page({ 'x-shelfmark-token': host.token }, '/some/route')).text();
    const data = JSON.parse(block(html)) as { result: { value: { rows: { title: string }[] } } };
    expect(data.result.value.rows[0]!.title).toBe('Newest');
  });

  it('is not served without the token, nor for a wrong one in the address', async () => {
    for (const [headers, path] of [
      [{}, '/'],
      [{ 'x-shelfmark-token': 'f'.repeat(32) }, '/'],
      [{}, '/?token=nope'],
    ] as const) {
      const res = await page(headers, path);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('Older');
    }
  });
});
