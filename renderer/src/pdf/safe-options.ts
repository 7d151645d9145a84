// The pdf.js options every document is opened with, set unconditionally: PDFs come from the
// internet and may be hostile (CVE-2024-4367 ran code through a crafted FontMatrix when pdf.js
// was allowed to compile glyph paths with eval). pdf.js's scripting sandbox (document
// JavaScript, pdf.sandbox.mjs) is never loaded: Shelfmark uses only the display layer.
export const PDFJS_SAFE_OPTIONS = {
  /** No `new Function` / eval for font glyph paths. */
  isEvalSupported: false,
  /** XFA forms are a second, large parser surface that a reference manager does not need. */
  enableXfa: false,
  /** Never fetch anything a PDF names (fonts, images) from outside the document. */
  disableAutoFetch: true,
  stopAtErrors: false,
} as const;

/** getDocument parameters for bytes: the safe options always win over anything passed in. */
export function safeDocumentParams<T extends object>(data: Uint8Array, extra?: T) {
  return { ...extra, data, ...PDFJS_SAFE_OPTIONS };
}
