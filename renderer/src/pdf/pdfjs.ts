// pdf.js in the renderer: the worker is a same-origin file (CSP worker-src 'self'), eval is off
// and scripting never loads (we use pdf.js's display layer only, not its viewer or sandbox).
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
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
  return getDocument(safeDocumentParams(data, { verbosity: 0, worker: sharedWorker() })).promise;
}

export { base64ToBytes } from './files';
