// The worker's speed-ups (native Array.prototype.push and JSON restored over pdf.js's
// polyfills, a larger young generation) must not change a character of the indexed text.
// Reference: stock pdf.js in this thread, same options and joining rule, nothing patched.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../testing/fixtures';
import { documentOptions, pageText } from './page-text.mjs';
import { extractPageTexts } from './run-worker';

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function stockPdfjs(file: string): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument(documentOptions(new Uint8Array(readFileSync(file)), pdfjsDir));
  const doc = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    pages.push(pageText(await (await doc.getPage(n)).getTextContent()));
  }
  await task.destroy();
  return pages;
}

async function worker(file: string): Promise<string[]> {
  const pages: string[] = [];
  await extractPageTexts(file, file, (n, text) => {
    pages[n - 1] = text;
  });
  return pages;
}

describe('full-text extraction is the text stock pdf.js gives', () => {
  it.each([
    ['revtex-apssamp.pdf', 7, 'Physical Review'],
    ['acmart-sample-sigconf.pdf', 6, 'ACM'],
  ])('%s: every page identical', { timeout: 60_000 }, async (name, count, word) => {
    const file = fixturePath(name);
    const [expected, got] = await Promise.all([stockPdfjs(file), worker(file)]);
    expect(expected).toHaveLength(count);
    expect(expected.join('\n')).toContain(word);
    expect(got).toEqual(expected);
    // twice in a row on the same (pooled, warm) worker: no state carries over between jobs
    expect(await worker(file)).toEqual(expected);
  });
});
