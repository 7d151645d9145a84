// Quick search at scale: builds a synthetic library of N items (words drawn from a 20k-word
// vocabulary with a Zipf distribution, the topical words placed at ranks 50–150 so each is in a
// few percent of items, as in real libraries), then times items.list for every prefix of scripted queries,
// as the search box sends them while the user types. Run: node --import tsx bench/search-bench.ts [N]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listItems } from '../electron/library/items/list';
import { Library } from '../electron/library/library';
import { relatedItems } from '../electron/library/search/related';

const N = Number(process.argv[2] ?? 100_000);
const VOCAB =
  `attention transformer retrieval dense sparse graph neural network learning deep model language
vision image segmentation detection reinforcement policy gradient bayesian inference variational
diffusion generative adversarial contrastive representation embedding knowledge distillation pruning
quantization federated privacy robustness adversarial fairness causal survival protein folding genome
climate ocean coral reef ecology economics trade history library catalogue archive semantic parsing
translation summarization question answering dialogue speech recognition audio music robotics control`.split(
    /\s+/,
  );
const FAMILIES = [
  'Müller',
  'Smith',
  'Nguyen',
  'García',
  'Kowalski',
  'Tanaka',
  'Okafor',
  'Johansson',
  'Rossi',
  'Dubois',
];

// mulberry32: a small seeded generator, so every run builds the same library
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ter',
  'ban',
  'sol',
  'vi',
  'ran',
  'du',
  'pe',
  'zo',
  'qua',
  'nel',
  'fi',
  'gor',
];
const lexicon = new Set<string>();
while (lexicon.size < 20_000) {
  const n = 2 + Math.floor(rand() * 4);
  lexicon.add(
    Array.from({ length: n }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]!).join(''),
  );
}
const LEXICON = [...lexicon];
LEXICON.splice(50, 0, ...VOCAB);
// log-uniform rank ≈ Zipf with s = 1
const word = () =>
  LEXICON[
    Math.min(LEXICON.length - 1, Math.floor(Math.exp(rand() * Math.log(LEXICON.length))) - 1)
  ]!;
const words = (n: number) => Array.from({ length: n }, word).join(' ');

// BENCH_LIBRARY=/some/dir reuses a library built by an earlier run
const folder = process.env.BENCH_LIBRARY ?? mkdtempSync(join(tmpdir(), 'shelfmark-bench-'));
const lib = Library.open(folder);
let t = performance.now();
const existing = lib.db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;
if (existing === 0)
  lib.write(() => {
    const item = lib.db.prepare(
      `INSERT INTO items (type, citation_key, title, date, abstract, creators_text, date_added, date_modified)
     VALUES ('article', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const creator = lib.db.prepare(
      `INSERT INTO creators (item_id, position, family, given) VALUES (?, 0, ?, 'A')`,
    );
    for (let i = 0; i < N; i++) {
      const fam = FAMILIES[i % FAMILIES.length]!;
      const id = item.run(
        `k${i}`,
        words(8),
        String(1990 + (i % 35)),
        words(60),
        fam,
        `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
        '2024-01-01',
      ).lastInsertRowid as number;
      creator.run(id, fam);
    }
  });
console.log(`${folder}: built ${N} items in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const QUERIES = [
  'attention',
  'coral reef',
  'muller',
  'author:garcia',
  'title:"neural network"',
  'graph -vision',
  'year:2000..2010 retrieval',
  'diffusion OR protein',
  'tag:ml',
  'quantization privacy',
];
const times: number[] = [];
for (const q of QUERIES) {
  for (let i = 1; i <= q.length; i++) {
    const prefix = q.slice(0, i);
    const s = performance.now();
    listItems(lib.db, { view: { kind: 'library' }, search: prefix }, 0, 100);
    times.push(performance.now() - s);
  }
}
times.sort((a, b) => a - b);
const pct = (p: number) =>
  times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(1);
console.log(
  `quick search, ${times.length} keystrokes: p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms`,
);

t = performance.now();
for (let id = 1; id <= 20; id++) relatedItems(lib.db, id * 997, 10);
console.log(`related items: ${((performance.now() - t) / 20).toFixed(1)} ms per item`);
lib.close();
