// The text rules of the full-text index, shared by the pdf.js worker and the test that checks
// the worker's speed-ups leave the text unchanged. Plain JavaScript: the worker loads it as is.
import { join } from 'node:path';

/** Security options set unconditionally (CVE-2024-4367): no eval, no scripting, no XFA. */
export function documentOptions(data, pdfjsDir) {
  return {
    data,
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
    cMapUrl: join(pdfjsDir, 'cmaps') + '/',
    cMapPacked: true,
  };
}

/** Page text in reading order: items joined, line ends kept as newlines. */
export function pageText(content) {
  let out = '';
  for (const it of content.items) {
    if (!('str' in it)) continue;
    out += it.str;
    if (it.hasEOL) out += '\n';
  }
  return out.replace(/[ \t]+\n/g, '\n').trim();
}
