// A text-only copy of pdf.js's worker half, for the full-text worker thread, which never draws.
// Plain JavaScript: the worker loads it as is.
//
// Measured (docs/performance-pdf.md): for an embedded Type1 or CFF font pdf.js builds a whole
// OpenType font file (the CFF program compiled again, then cmap/OS2/hmtx/name/post tables) so
// that a canvas can draw with it. getTextContent never reads those bytes: the text comes from
// the font's encoding, ToUnicode map and widths, worked out before the file is built. Building
// them was about an eighth of the worker's CPU. Two steps are cut, nothing else:
//   1. Type1Font.wrap: the CFF program is assembled but not compiled into bytes;
//   2. Font.convert: returns after the glyph mapping, ToUnicode and accent (seac) work and
//      before the OpenType tables are built.
// Each cut is found by its exact text; if a pdf.js upgrade changes either, nothing is cut and
// the stock worker is used (text-only-pdfjs.test.ts then fails, so the upgrade is noticed).

const cuts = [
  {
    name: 'Type1Font.wrap compiles the CFF program',
    find: '    const compiler = new CFFCompiler(cff);\n    return compiler.compile();\n  }\n}\n\n;// ./src/core/fonts.js',
    replace: '    return null;\n  }\n}\n\n;// ./src/core/fonts.js',
  },
  {
    name: 'Font.convert builds the OpenType file',
    find: '    const builder = new OpenTypeFileBuilder("\\x4F\\x54\\x54\\x4F");\n    builder.addTable("CFF ", font.data);',
    replace:
      '    return null;\n    const builder = new OpenTypeFileBuilder("\\x4F\\x54\\x54\\x4F");\n    builder.addTable("CFF ", font.data);',
  },
];

/**
 * The worker half's source with both cuts, or null when either is not found exactly once (the
 * caller then uses the stock module). The source map comment goes: the copy has no file beside it.
 */
export function textOnlyWorkerSource(source) {
  let out = source;
  for (const cut of cuts) {
    const at = out.indexOf(cut.find);
    if (at < 0 || out.indexOf(cut.find, at + 1) >= 0) return null;
    out = out.slice(0, at) + cut.replace + out.slice(at + cut.find.length);
  }
  return out.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
}

export const textOnlyCuts = cuts.map((c) => c.name);
