// pdf.js in the renderer: the worker is a same-origin file (CSP worker-src 'self'), eval is off
// and scripting never loads (we use pdf.js's display layer only, not its viewer or sandbox).
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

export async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({
    data,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: 0,
  }).promise;
}

export { base64ToBytes } from './files';
