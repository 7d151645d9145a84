// Throughput of the RIS / CSL-JSON / listing readers and writers on generated data.
// Run: npx tsx bench/formats-bench.ts   (numbers are recorded in docs/import-formats.md)
import { readFileSync } from 'node:fs';
import { cslJsonExport } from '../electron/library/formats/csl-json-export';
import { cslJsonFormat } from '../electron/library/formats/csl-json';
import { parseListing } from '../electron/library/formats/listing';
import { risExport } from '../electron/library/formats/ris-export';
import { risFormat } from '../electron/library/formats/ris';
import { fixturePath, makeItem, person } from '../electron/library/formats/test-items';

const N = 10_000;
const items = Array.from({ length: N }, (_, i) =>
  makeItem(i + 1, {
    title: `Paper number ${i} about things`,
    citationKey: `k${i}`,
    date: '2020-05',
    venue: 'Journal of Things',
    doi: `10.1234/x${i}`,
    abstract: 'We study things. '.repeat(40),
    creators: [person('author', 'Smith', 'John'), person('author', 'Doe', 'Jane')],
    fields: { volume: '3', pages: '1--10' },
  }),
);

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
}

for (const [name, exp, imp] of [
  ['RIS', risExport, risFormat],
  ['CSL-JSON', cslJsonExport, cslJsonFormat],
] as const) {
  const [text, w] = time(() => exp.write(items));
  const [r, p] = time(() => imp.parse(text, 'bench'));
  console.log(
    `${name}: ${N} items, ${(text.length / 1e6).toFixed(1)} MB — write ${w.toFixed(0)} ms (${Math.round((N / w) * 1000)}/s), parse ${p.toFixed(0)} ms (${Math.round((r.records.length / p) * 1000)}/s)`,
  );
}
const hf = readFileSync(fixturePath('hf-papers-listing.txt'), 'utf8');
const big = Array.from({ length: 50 }, () => hf).join('\n\n');
const [r, t] = time(() => parseListing(big, 'bench'));
console.log(
  `listing: ${r.records.length} papers (${(big.length / 1e6).toFixed(1)} MB) in ${t.toFixed(0)} ms`,
);
