// B8: full-text extraction throughput, pages per second, with one and with two pdf.js worker
// threads. Run: npx tsx bench/pdf-text.ts [repeat]. Results are printed as JSON.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractPageTexts } from '../electron/library/pdf/run-worker';

const fixtures = [resolve('../shared/fixtures'), resolve('../../shared/fixtures')].find(
  existsSync,
)!;
const files = ['revtex-apssamp.pdf', 'acmart-sample-sigconf.pdf'].map((f) => resolve(fixtures, f));
const repeat = Number(process.argv[2] ?? 6);

async function run(
  parallel: number,
): Promise<{ pages: number; seconds: number; pagesPerSecond: number }> {
  const jobs = Array.from({ length: repeat }, (_, i) => files[i % files.length]!);
  let pages = 0;
  const t0 = performance.now();
  const queue = [...jobs];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const n = await extractPageTexts(f, f, () => {});
        pages += n;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return {
    pages,
    seconds: Math.round(seconds * 100) / 100,
    pagesPerSecond: Math.round(pages / seconds),
  };
}

const one = await run(1);
const two = await run(2);
console.log(
  JSON.stringify(
    { bench: 'B8 pdf text extraction', repeat, oneWorker: one, twoWorkers: two },
    null,
    2,
  ),
);
