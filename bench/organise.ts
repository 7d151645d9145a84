// Organising at 100k items (performance.md B6 and the organising calls the UI makes on every
// change): seeds a synthetic library, then times each call through the contract wrapper.
// Run: npx tsx bench/organise.ts [items]   → bench/results/organise.json + a Markdown table.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../electron/cli/command';
import { insertItem } from '../electron/library/items/repo';
import { Library } from '../electron/library/library';

const N = Number(process.argv[2] ?? 100_000);
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)]!;

const dir = mkdtempSync(join(tmpdir(), 'shelfmark-bench-organise-'));
const lib = Library.open(dir);
const words =
  'attention retrieval dense sparse graph neural network learning language model vision transformer kernel bayesian optimal control'.split(
    ' ',
  );
const families = [
  'Smith',
  'Müller',
  'Nguyen',
  'García',
  'Ivanov',
  'Kim',
  'Okafor',
  'Rossi',
  'Dubois',
  'Tanaka',
];

const t0 = performance.now();
lib.write(() => {
  const db = lib.db;
  const tagIds: number[] = [];
  for (let i = 0; i < 500; i++) {
    const name = i < 50 ? `topic${i}` : `topic${i % 50}/sub${i}`;
    tagIds.push(
      db
        .prepare('INSERT INTO tags (name, color, position) VALUES (?, ?, ?)')
        .run(name, i < 9 ? '#e5484d' : null, i < 9 ? i + 1 : null).lastInsertRowid as number,
    );
  }
  const colIds: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const parent = i < 50 ? null : pick(colIds);
    colIds.push(
      db
        .prepare(`INSERT INTO collections (parent_id, name, date_added) VALUES (?, ?, '2020')`)
        .run(parent, `c${i}`).lastInsertRowid as number,
    );
  }
  const tagLink = db.prepare('INSERT OR IGNORE INTO item_tags (item_id, tag_id) VALUES (?, ?)');
  const colLink = db.prepare(
    'INSERT OR IGNORE INTO collection_items (collection_id, item_id) VALUES (?, ?)',
  );
  const big = colIds[0]!;
  for (let i = 0; i < N; i++) {
    const dup = i > 0 && rand() < 0.05;
    const title = dup
      ? `Paper ${i - 1} on ${words[(i - 1) % words.length]}`
      : `Paper ${i} on ${pick(words)} ${pick(words)}`;
    const id = insertItem(db, {
      type: 'article',
      citationKey: `k${i}`,
      title,
      date: String(1990 + (i % 35)),
      doi: dup ? `10.1000/${i - 1}` : rand() < 0.5 ? `10.1000/${i}` : '',
      creators: [
        {
          role: 'author',
          family: pick(families),
          given: 'A.',
          prefix: '',
          suffix: '',
          literal: '',
        },
      ],
    });
    for (let k = 0; k < 3; k++) tagLink.run(id, pick(tagIds));
    colLink.run(pick(colIds), id);
    if (i < 10_000) colLink.run(big, id);
  }
});
const seedMs = performance.now() - t0;

async function time(name: string, runs: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  await fn(); // warm statement cache
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  return { name, runs, p50: +q(0.5).toFixed(2), p99: +q(0.99).toFixed(2) };
}

const some = Array.from({ length: 1_000 }, (_, i) => i * 7 + 1);
const results = [
  await time('items.list collection of 10k, first page (with colour dots)', 50, () =>
    call(lib, 'items.list', { view: { kind: 'collection', id: 1 }, limit: 100 }),
  ),
  await time('items.list two-tag intersection (parents incl. children)', 50, () =>
    call(lib, 'items.list', { tags: ['topic1', 'topic2'], limit: 100 }),
  ),
  await time('items.list Unfiled, first page', 50, () =>
    call(lib, 'items.list', { view: { kind: 'unfiled' }, limit: 100 }),
  ),
  await time('items.list Starred', 50, () =>
    call(lib, 'items.list', { view: { kind: 'starred' }, limit: 100 }),
  ),
  await time('tags.list with counts (500 tags)', 20, () => call(lib, 'tags.list', {})),
  await time('collections.list with counts (2k collections)', 20, () =>
    call(lib, 'collections.list', {}),
  ),
  await time('items.counts', 20, () => call(lib, 'items.counts', {})),
  await time('items.ids whole library (select all)', 10, () => call(lib, 'items.ids', {})),
  await time('tags.toggle digit on 1k selected items', 20, () =>
    call(lib, 'tags.toggle', { itemIds: some, position: 1 }),
  ),
  await time('items.trash 1k + undo.apply', 10, async () => {
    await call(lib, 'items.trash', { ids: some });
    await call(lib, 'undo.apply', {});
  }),
  await time('duplicates.find over the library', 3, () => call(lib, 'duplicates.find', {})),
];
lib.close();
rmSync(dir, { recursive: true, force: true });

const out = {
  items: N,
  seedMs: Math.round(seedMs),
  node: process.version,
  date: new Date().toISOString(),
  results,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/organise.json', JSON.stringify(out, null, 2));
console.log(
  `organising at ${N} items (seeded in ${out.seedMs} ms)\n\n| call | p50 ms | p99 ms |\n|---|---|---|`,
);
for (const r of results) console.log(`| ${r.name} | ${r.p50} | ${r.p99} |`);
