// pdf.js in the renderer: the worker is a same-origin file (CSP worker-src 'self'), eval is off
// and scripting never loads (we use pdf.js's display layer only, not its viewer or sandbox).
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { attachmentFileUrl } from '../../../shared/api/files';
import type { Attachment } from '../../../shared/domain/attachment';
import { invoke, onEvent } from '../api/client';
import { DocCache } from './doc-cache';
import { base64ToBytes } from './files';
import { safeDocumentParams } from './safe-options';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

// One pdf.js worker for every document the reader opens. Starting one (fetching and compiling
// its 1.2 MB script) was a large part of opening a PDF (B11, docs/performance-pdf.md); a worker
// passed in by the caller outlives the documents that use it (pdf.js destroys only its own).
let worker: PDFWorker | null = null;

function sharedWorker(): PDFWorker {
  if (!worker || worker.destroyed) worker = new PDFWorker();
  return worker;
}

/** Starts the pdf.js worker ahead of the first open (the item pane calls it when idle). */
export function warmUpPdf(): void {
  sharedWorker();
}

export async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  // the safe options (eval off, no XFA, no auto-fetch) are applied last: nothing overrides them
  return getDocument(
    safeDocumentParams(data, {
      verbosity: 0,
      worker: sharedWorker(),
      // JPEGs decoded by the browser (WebCodecs) instead of pdf.js's JavaScript decoder: page 1
      // of the B11 paper took ~35 % less time in the worker (docs/performance-pdf.md). pdf.js
      // 5.6 leaves this off in Chromium for bugs since fixed (it is the default again in later
      // pdf.js); pdf.js still falls back to its own decoder for JPEGs ImageDecoder cannot take.
      isImageDecoderSupported: true,
    }),
  ).promise;
}

/**
 * An attachment's bytes. A stored file comes from the hosts' binary route (one fetch, no base64
 * in JSON: docs/performance-pdf.md); the route refuses linked files, so they (and any refusal,
 * whose message the contract words for the user) go through `attachments.content`.
 */
export async function attachmentBytes(id: number): Promise<Uint8Array> {
  try {
    const res = await fetch(attachmentFileUrl(id), { credentials: 'same-origin' });
    if (res.ok && res.headers.get('content-type') === 'application/pdf') {
      return new Uint8Array(await res.arrayBuffer());
    }
  } catch {
    // the contract below says what is wrong
  }
  const content = await invoke('attachments.content', { id });
  return base64ToBytes(content.base64);
}

// Re-opening one of the last papers read reuses its document (doc-cache.ts).
const cache = new DocCache<PDFDocumentProxy>(3);
let watching = false;

function watchAttachments(): void {
  if (watching) return;
  watching = true;
  onEvent('library.changed', (e) => {
    if (e.kinds.includes('attachments')) cache.dropItems(e.ids);
  });
}

/**
 * Opens an attachment's PDF: a kept document when the engine's sha256 for the id still matches,
 * else the bytes, fetched while `attachment` (attachments.get) is on its way. Hand the document
 * back with `closeAttachmentPdf` (it stays kept for the next open, or is destroyed).
 */
export async function openAttachmentPdf(
  id: number,
  attachment: Promise<Attachment>,
): Promise<{ doc: PDFDocumentProxy; attachment: Attachment }> {
  watchAttachments();
  opening.set(id, (opening.get(id) ?? 0) + 1);
  try {
    await preloading.get(id); // an open started ahead of the click is waited for, not repeated
    // no fetch for a kept document (its sha256 is checked once `attachment` is in)
    const bytes = cache.has(id) ? null : attachmentBytes(id);
    bytes?.catch(() => {}); // awaited below; a failure is reported there
    const att = await attachment;
    if (att.kind === 'stored') {
      const kept = cache.take(id, att.sha256);
      if (kept) return { doc: kept, attachment: att };
    }
    const doc = await openPdf(await (bytes ?? attachmentBytes(id)));
    if (att.kind === 'stored') cache.keep(id, att.sha256, att.itemId, doc);
    return { doc, attachment: att };
  } finally {
    const n = (opening.get(id) ?? 1) - 1;
    if (n > 0) opening.set(id, n);
    else opening.delete(id);
  }
}

// Opening ahead of the click. The item pane asks for this once an item with a stored PDF has
// been shown for a moment and the browser is idle: the document is fetched and parsed, and page
// 1 drawn once on a tiny off-screen canvas, so pdf.js's worker has built its operator list and
// converted its fonts (most of a first open, docs/performance-pdf.md). The reader's own render
// of page 1 then reuses that operator list and only paints. Bounded by the cache (a preloaded
// document is the first to go) and by size: a big file waits for a real click.
const PRELOAD_MAX_BYTES = 32 * 1024 * 1024;
const preloading = new Map<number, Promise<void>>();
/** Attachments a reader is opening now (how many opens): a preload then would fetch twice. */
const opening = new Map<number, number>();

export function preloadAttachmentPdf(att: Attachment): Promise<void> {
  if (att.kind !== 'stored' || att.missing || att.size > PRELOAD_MAX_BYTES)
    return Promise.resolve();
  if (cache.has(att.id) || opening.has(att.id)) return Promise.resolve();
  const running = preloading.get(att.id);
  if (running) return running;
  watchAttachments();
  const job = (async () => {
    const res = await fetch(attachmentFileUrl(att.id), { credentials: 'same-origin' });
    if (!res.ok || res.headers.get('content-type') !== 'application/pdf') return;
    const doc = await openPdf(new Uint8Array(await res.arrayBuffer()));
    if (cache.has(att.id)) return void doc.destroy();
    cache.keep(att.id, att.sha256, att.itemId, doc, false);
    const page = await doc.getPage(1);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 8;
    await page.render({
      canvas,
      viewport: page.getViewport({ scale: 8 / page.getViewport({ scale: 1 }).width }),
    }).promise;
  })()
    .catch(() => {}) // a real open reports any failure
    .finally(() => preloading.delete(att.id));
  preloading.set(att.id, job);
  return job;
}

export function closeAttachmentPdf(id: number, doc: PDFDocumentProxy): void {
  cache.release(id, doc);
}

export { base64ToBytes } from './files';
