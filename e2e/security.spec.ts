// Security checks that need a real browser: XSS payloads rendered as notes, and a malicious
// font-matrix PDF opened with Shelfmark's pdf.js options. The harness page has no CSP on
// purpose, so the sanitiser alone is what stops the payloads (the app's CSP is a second wall).
import { expect, test, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { maliciousFontMatrixPdf } from './data/malicious-pdf';
import { XSS_PAYLOADS } from './data/xss-payloads';

const PDFJS = resolve('node_modules/pdfjs-dist');
let server: Server;
let origin = '';

// eslint-disable-next-line no-empty-pattern
test.beforeEach(({}, info) => {
  info.skip(
    info.project.name === 'electron',
    'browser-only checks: they load a harness page, not the app, so an Electron run adds nothing',
  );
});

test.beforeAll(async () => {
  const bundle = await build({
    entryPoints: [resolve('e2e/security-harness.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]!.contents;
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        '<!doctype html><meta charset=utf-8><title>harness</title><script type=module src=/harness.js></script><body></body>',
      );
    } else if (path === '/harness.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(js);
    } else if (path === '/pdf.worker.mjs') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(join(PDFJS, 'build', 'pdf.worker.mjs')));
    } else if (path.startsWith('/standard_fonts/')) {
      const file = join(PDFJS, normalize(path).replace(/^(\.\.[/\\])+/, ''));
      try {
        res.writeHead(200, {
          'content-type': extname(file) ? 'application/octet-stream' : 'text/plain',
        });
        res.end(readFileSync(file));
      } catch {
        res.writeHead(404).end();
      }
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});

/** Loads the harness and counts every dialog any frame opens. */
async function openHarness(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // nothing leaves the machine: any other request (an image a payload names) is refused
  await page.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort(),
  );
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => typeof window.__render === 'function');
  return dialogs;
}

/** Renders every payload in its own block and pokes every element as a user might. */
async function renderAll(page: Page, mode: 'sanitised' | 'raw'): Promise<void> {
  await page.evaluate(
    ({ payloads, mode }) => {
      for (const p of payloads) {
        const div = document.createElement('div');
        div.className = 'note';
        div.innerHTML = mode === 'sanitised' ? window.__render(p) : window.__raw(p);
        document.body.append(div);
      }
    },
    { payloads: XSS_PAYLOADS, mode },
  );
  // let load/error/animation events fire
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  await page.evaluate(async () => {
    const noNavigation = new Set(['A', 'AREA', 'BUTTON', 'FORM', 'INPUT']);
    for (const el of document.querySelectorAll('.note *')) {
      for (const type of [
        'mouseover',
        'mouseenter',
        'pointerenter',
        'focus',
        'focusin',
        'toggle',
        'animationstart',
        'begin',
      ]) {
        el.dispatchEvent(new Event(type));
      }
      if (!noNavigation.has(el.tagName)) el.dispatchEvent(new MouseEvent('click'));
    }
    await new Promise((r) => setTimeout(r, 300));
  });
}

test(`notes: ${XSS_PAYLOADS.length} XSS payloads rendered with renderMarkdown execute nothing`, async ({
  page,
}) => {
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  const dialogs = await openHarness(page);
  await renderAll(page, 'sanitised');
  expect(dialogs).toEqual([]);
  const leftovers = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll('.note *')) {
      if (
        /^(SCRIPT|IFRAME|OBJECT|EMBED|BASE|META|FORM|STYLE|LINK|FRAME|FRAMESET|PORTAL)$/i.test(
          el.tagName,
        )
      ) {
        bad.push(`<${el.tagName}>`);
      }
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${el.tagName} ${a.name}`);
        if (
          /^(href|src|xlink:href|action|formaction|data)$/i.test(a.name) &&
          /^\s*(javascript|vbscript|data):/i.test(a.value)
        ) {
          bad.push(`${el.tagName} ${a.name}=${a.value.slice(0, 40)}`);
        }
      }
    }
    return bad;
  });
  expect(leftovers).toEqual([]);
  // the sanitiser keeps ordinary Markdown
  const ok = await page.evaluate(() => window.__render('**bold** [doi](https://doi.org/10.1/x)'));
  expect(ok).toContain('<strong>bold</strong>');
  expect(ok).toContain('href="https://doi.org/10.1/x"');
});

test('control: the same payloads rendered without the sanitiser do execute (the detector works)', async ({
  page,
}) => {
  const dialogs = await openHarness(page);
  await renderAll(page, 'raw');
  console.log(`[xss control] unsanitised rendering opened ${dialogs.length} dialogs`);
  test
    .info()
    .annotations.push({ type: 'dialogs without sanitiser', description: String(dialogs.length) });
  expect(dialogs.length).toBeGreaterThanOrEqual(20);
});

test('PDFs: a CVE-2024-4367-style font-matrix PDF opened with the safe pdf.js options executes nothing', async ({
  page,
}) => {
  const dialogs = await openHarness(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const result = await page.evaluate(
    (bytes) => window.__renderPdf(bytes),
    [...maliciousFontMatrixPdf()],
  );
  expect(result).toEqual({ pages: 1, rendered: true });
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});
