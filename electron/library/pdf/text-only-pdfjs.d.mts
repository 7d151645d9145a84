// Types for text-only-pdfjs.mjs (plain JavaScript so the pdf.js worker can load it without a build).
/** pdf.js's worker-half source without font-file building, or null when a cut is not found. */
export function textOnlyWorkerSource(source: string): string | null;
export const textOnlyCuts: string[];
