// Types for page-text.mjs (plain JavaScript so the pdf.js worker can load it without a build).
export function documentOptions(data: Uint8Array, pdfjsDir: string): Record<string, unknown>;
export function pageText(content: { items: readonly object[] }): string;
