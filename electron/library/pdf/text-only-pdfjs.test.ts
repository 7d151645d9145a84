// The full-text worker runs a copy of pdf.js's worker half without font-file building. These
// tests prove the copy is really the one in use with the installed pdf.js, that the cuts are
// exactly the two intended ones, and that the indexed text keeps what depends on the fonts:
// ligatures and accented letters come out as the same characters stock pdf.js gives
// (text-identity.test.ts compares every page of both fixtures in full).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../testing/fixtures';
import { extractPageTexts, runPdfWorker } from './run-worker';
import { textOnlyCuts, textOnlyWorkerSource } from './text-only-pdfjs.mjs';

const stockSource = readFileSync(
  createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'),
  'utf8',
);

describe('text-only copy of the pdf.js worker half', () => {
  it('applies both cuts to the installed pdf.js and changes nothing else', () => {
    const copy = textOnlyWorkerSource(stockSource);
    expect(copy).not.toBeNull();
    expect(textOnlyCuts).toHaveLength(2);
    // the CFF compile call is gone, the OpenType builder is returned before; the rest is equal
    expect(copy!.split('compiler.compile()').length).toBe(
      stockSource.split('compiler.compile()').length - 1,
    );
    const rest = copy!
      .replace('    return null;\n  }\n}\n\n;// ./src/core/fonts.js', '')
      .replace('    return null;\n    const builder = new OpenTypeFileBuilder("\\x4F', '');
    const stockRest = stockSource
      .replace(
        '    const compiler = new CFFCompiler(cff);\n    return compiler.compile();\n  }\n}\n\n;// ./src/core/fonts.js',
        '',
      )
      .replace('    const builder = new OpenTypeFileBuilder("\\x4F', '')
      .replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
    expect(rest).toBe(stockRest);
  });

  it('falls back (null) when a cut is not found, e.g. after a pdf.js upgrade', () => {
    expect(textOnlyWorkerSource(stockSource.replace('return compiler.compile();', 'x'))).toBeNull();
    expect(textOnlyWorkerSource('export const x = 1;')).toBeNull();
  });

  it('is the copy the extraction worker runs', { timeout: 60_000 }, async () => {
    const msgs = await runPdfWorker({
      op: 'text',
      name: 'acm.pdf',
      path: fixturePath('acmart-sample-sigconf.pdf'),
    });
    expect(msgs.at(-1)).toEqual({ type: 'done', textOnly: true, id: expect.any(Number) });
  });

  it.each([
    // fi/fl ligature glyphs become two letters (NFKC), accented names keep their accents
    ['acmart-sample-sigconf.pdf', ['affiliation', 'first', 'Thørväld', 'Béranger']],
    // the math fonts' letters come from the glyph names in the font program (no ToUnicode)
    ['revtex-apssamp.pdf', ['specific', 'signifies', 'α', 'β', 'γ', 'δ']],
  ])('%s keeps letters that depend on the fonts', { timeout: 60_000 }, async (name, words) => {
    const text: string[] = [];
    await extractPageTexts(name, fixturePath(name), (n, t) => {
      text[n - 1] = t;
    });
    const all = text.join('\n');
    for (const w of words) expect(all).toContain(w);
    expect(all).not.toMatch(/[\uFB00-\uFB06]/);
  });
});
