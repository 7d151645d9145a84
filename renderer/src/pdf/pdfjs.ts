// pdf.js in the renderer: the worker is a same-origin file (CSP worker-src 'self'), eval is off
// and scripting never loads (we use pdf.js's display layer only, not its viewer or sandbox).
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { safeDocumentParams } from './safe-options';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

export async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  // the safe options (eval off, no XFA, no auto-fetch) are applied last: nothing overrides them
  return getDocument(safeDocumentParams(data, { verbosity: 0 })).promise;
}

export { base64ToBytes } from './files';
