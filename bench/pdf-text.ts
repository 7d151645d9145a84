// B8: full-text extraction throughput, pages per second, with one and with two pdf.js worker
// threads, and the whole process's CPU per page (the steadier figure on a shared machine).
// Run: npx tsx bench/pdf-text.ts [documents] [warm-up documents]. Results are printed as JSON.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractPageTexts } from '../electron/library/pdf/run-worker';

const fixtures = [resolve('../shared/fixtures'), resolve('../../shared/fixtures')].find(
  existsSync,
)!;
const files = ['revtex-apssamp.pdf', 'acmart-sample-sigconf.pdf'].map((f) => resolve(fixtures, f));
const repeat = Number(process.argv[2] ?? 6);
const warmUp = Number(process.argv[3] ?? 2);

async function run(
  parallel: number,
  documents = repeat,
): Promise<{ pages: number; seconds: number; pagesPerSecond: number; cpuMsPerPage: number }> {
  const jobs = Array.from({ length: documents }, (_, i) => files[i % files.length]!);
  let pages = 0;
  const cpu0 = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpu0);
  return {
    pages,
    seconds: Math.round(seconds * 100) / 100,
    pagesPerSecond: Math.round(pages / seconds),
    cpuMsPerPage: Math.round((cpu.user + cpu.system) / 10 / pages) / 100,
  };
}

// both pool threads start pdf.js and warm up before anything is timed
if (warmUp > 0) await run(2, Math.max(2, warmUp));
const one = await run(1);
const two = await run(2);
console.log(
  JSON.stringify(
    { bench: 'B8 pdf text extraction', repeat, warmUp, oneWorker: one, twoWorkers: two },
    null,
    2,
  ),
);
