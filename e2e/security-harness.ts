// The page the security specs load in Chromium: the real renderMarkdown (and, as the control,
// unsanitised marked) and pdf.js with Shelfmark's safe options. Bundled by esbuild per run.
import { marked } from 'marked';
import * as pdfjs from 'pdfjs-dist';
import { safeDocumentParams } from '../renderer/src/pdf/safe-options';
import { renderMarkdown } from '../renderer/src/lib/markdown';

declare global {
  interface Window {
    __render: (md: string) => string;
    __raw: (md: string) => string;
    __renderPdf: (bytes: number[]) => Promise<{ pages: number; rendered: boolean }>;
    __pwned?: number;
  }
}

window.__render = renderMarkdown;
window.__raw = (md) => marked.parse(md, { async: false }) as string;
window.__renderPdf = async (bytes) => {
  pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
  const doc = await pdfjs.getDocument(
    safeDocumentParams(new Uint8Array(bytes), { standardFontDataUrl: '/standard_fonts/' }),
  ).promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: 2 });
  const canvas = document.createElement('canvas');
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  document.body.append(canvas);
  await page.render({ canvas, viewport }).promise;
  // annotations are read (as the viewer would) but never executed
  await page.getAnnotations();
  return { pages: doc.numPages, rendered: true };
};
