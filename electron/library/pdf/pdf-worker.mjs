// The only place the engine runs pdf.js: a worker thread, so a hostile or huge PDF can neither
// block the main thread nor take it down (the parent kills the worker on a timeout). Plain
// JavaScript on purpose: a worker file must load the same way under tsx, vitest and a bundle.
//
// The worker is kept for further jobs (starting pdf.js costs more than reading a paper).
// In:  messages { id, op: 'probe' | 'text', path?: string, data?: Uint8Array, maxPages?: number }
// Out: messages { id, type: 'meta', ... } | { id, type: 'count', total } | { id, type: 'page',
//      page, text } | { id, type: 'done', textOnly } | { id, type: 'error', name, message }
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { documentOptions, pageText } from './page-text.mjs';
import { textOnlyWorkerSource } from './text-only-pdfjs.mjs';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('pdfjs-dist/package.json'));

// Measured (docs/performance-pdf.md): pdf.js's legacy build carries core-js, which on Node 20
// replaces Array.prototype.push (and JSON.parse/stringify) with JavaScript versions for every
// caller in this thread; push is pdf.js's hottest call, about a sixth of its CPU time. The
// replacements only differ on edge cases pdf.js never hits (non-writable array lengths, JSON
// source text), so the natives are put back after both halves of pdf.js have loaded. The
// worker half is loaded here rather than lazily by pdf.js, which looks for it at
// globalThis.pdfjsWorker (its "fake worker": pdf.js runs in this thread, we are the thread).
const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
let textOnly = false; // whether the text-only copy of the worker half loaded (reported in `done`)
const pdfjs = (async () => {
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  globalThis.pdfjsWorker = await importWorkerHalf();
  Array.prototype.push = natives.push;
  JSON.parse = natives.parse;
  JSON.stringify = natives.stringify;
  return lib;
})();

/**
 * pdf.js's worker half without the font-file building a text-only reader never uses
 * (text-only-pdfjs.mjs); the stock module when the copy cannot be made.
 */
async function importWorkerHalf() {
  try {
    const file = require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const source = textOnlyWorkerSource(await readFile(file, 'utf8'));
    if (source) {
      const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
      const mod = await import(url);
      textOnly = true;
      return mod;
    }
  } catch {
    // fall through to the stock module
  }
  return import('pdfjs-dist/legacy/build/pdf.worker.mjs');
}

async function run(job, post) {
  const { getDocument } = await pdfjs;
  const { op, path, maxPages } = job;
  const data = job.data ?? new Uint8Array(await readFile(path));
  const task = getDocument(documentOptions(data, pkgDir));
  const doc = await task.promise;
  try {
    if (op === 'probe') {
      const md = await doc.getMetadata().catch(() => ({ info: {}, metadata: null }));
      const xmp = {};
      if (md.metadata) for (const [k, v] of md.metadata) xmp[k] = v;
      const pages = [];
      for (let n = 1; n <= Math.min(2, doc.numPages); n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        pages.push({
          width: page.view[2] - page.view[0],
          height: page.view[3] - page.view[1],
          items: content.items
            .filter((it) => 'str' in it)
            .map((it) => ({
              str: it.str,
              t: it.transform,
              w: it.width,
              font: it.fontName,
              eol: it.hasEOL,
            })),
        });
        page.cleanup();
      }
      post({
        type: 'meta',
        numPages: doc.numPages,
        info: JSON.parse(JSON.stringify(md.info ?? {})),
        xmp,
        pages,
      });
    } else if (op === 'text') {
      const last = Math.min(doc.numPages, maxPages ?? doc.numPages);
      post({ type: 'count', total: last });
      // One page at a time: measured against three pages in flight, which cost more CPU and
      // wall time (docs/performance-pdf.md).
      for (let n = 1; n <= last; n++) {
        const page = await doc.getPage(n);
        const text = pageText(await page.getTextContent());
        page.cleanup();
        post({ type: 'page', page: n, text });
      }
    }
    post({ type: 'done', textOnly });
  } finally {
    await task.destroy();
  }
}

// Jobs run one at a time; the parent sends the next one only after `done` or `error`.
parentPort.on('message', (job) => {
  const post = (m) => parentPort.postMessage({ ...m, id: job.id });
  run(job, post).catch((e) => {
    post({
      type: 'error',
      name: e && e.name ? String(e.name) : 'Error',
      message: e && e.message ? String(e.message) : String(e),
    });
  });
});
