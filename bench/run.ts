// `npm run bench [-- --size 1k|10k|100k] [--only B4,B7] [--runs N] [--seed N] [--smoke]`
// Runs the workloads of performance.md and writes bench/results/latest.json and latest.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { SIZES, type Size } from './generate';
import { BENCH_DIR, type Context, makeContext } from './lib/context';
import { type Figure, notAvailable } from './lib/figure';
import { markdownTable } from './report';
import { b3, b4, b5, b6 } from './workloads/engine';
import { b1, b2, b7 } from './workloads/bibtex';
import { b8, b9, b10, b11 } from './workloads/renderer';

interface Workload {
  id: string;
  name: string;
  target: string;
  run(ctx: Context): Promise<Figure[]>;
}

const WORKLOADS: Workload[] = [
  { id: 'B1', name: 'parse a .bib file', target: '≥ 50k entries/s; ≥ 10× best JS parser', run: b1 },
  {
    id: 'B2',
    name: 'import into SQLite incl. full-text index',
    target: '≤ 5 s, ≤ 500 MB; ≥ 10× JabRef',
    run: b2,
  },
  { id: 'B3', name: 'open library + first 100 sorted rows', target: '≤ 20 ms', run: b3 },
  { id: 'B4', name: 'quick search as you type', target: 'p50 ≤ 5 ms, p99 ≤ 16 ms', run: b4 },
  { id: 'B5', name: 're-sort; insert into sorted view', target: '≤ 30 ms; ≤ 1 ms', run: b5 },
  { id: 'B6', name: 'collection, tags, saved search, tag counts', target: 'p99 ≤ 5 ms', run: b6 },
  {
    id: 'B7',
    name: 'export to BibTeX; re-export after one edit',
    target: '≤ 1 s; ≤ 50 ms',
    run: b7,
  },
  { id: 'B8', name: 'PDF text extraction', target: '≥ 60 pages/s with 2 workers', run: b8 },
  { id: 'B9', name: 'renderer: page load to first row painted', target: '≤ 150 ms', run: b9 },
  {
    id: 'B10',
    name: 'renderer: 10 s scroll',
    target: 'p99 frame ≤ 16.7 ms, no task > 50 ms',
    run: b10,
  },
  { id: 'B11', name: 'open a PDF to first page drawn', target: 'p95 ≤ 250 ms', run: b11 },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '10k' },
      only: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string', default: '7' },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string' },
      merge: { type: 'boolean', default: false },
    },
  });
  const sizeLabel = values.size as Size;
  const size = SIZES[sizeLabel];
  if (!size) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const only = values.only
    ? new Set(
        values.only
          .toUpperCase()
          .split(',')
          .map((s) => s.trim()),
      )
    : null;
  const smoke = values.smoke ?? false;
  const runs = Number(values.runs ?? (smoke ? 2 : 5));
  const log = (l: string) => process.stderr.write(`[bench] ${l}\n`);
  const started = new Date();
  const loadStart = loadavg()[0]!;
  log(`size ${sizeLabel}, seed ${values.seed}, ${runs} runs${smoke ? ' (smoke)' : ''}`);
  const ctx = makeContext(sizeLabel, size, { seed: Number(values.seed), runs, smoke, log });
  const out = values.out ?? join(BENCH_DIR, 'results', 'latest.json');
  // --merge keeps the other workloads' rows of an earlier run of the same size and seed, so a
  // long suite can be run in parts
  let kept: Figure[] = [];
  if (values.merge && existsSync(out)) {
    const prev = JSON.parse(readFileSync(out, 'utf8')) as {
      size: string;
      seed: number;
      figures: Figure[];
    };
    if (prev.size === sizeLabel && prev.seed === Number(values.seed)) {
      kept = prev.figures.filter((f) => !only || !only.has(f.id.replace(/[a-z]$/, '')));
    }
  }
  const figures: Figure[] = [];
  const write = () => {
    const all = [...kept, ...figures].sort((a, b) => order(a.id) - order(b.id));
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.versions.node}; load average ${loadStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} now (the machine is shared)`;
    const result = {
      date: started.toISOString(),
      size: sizeLabel,
      entries: size,
      seed: Number(values.seed),
      runs,
      smoke,
      machine,
      figures: all,
    };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2));
    const md = `## Shelfmark benchmark: ${sizeLabel} entries (seed ${values.seed}), ${started.toISOString().slice(0, 10)}\n\n${machine}; medians of ${runs} runs.\n\n${markdownTable(all)}\n`;
    writeFileSync(join(dirname(out), 'latest.md'), md);
    return md;
  };
  for (const w of WORKLOADS) {
    if (only && !only.has(w.id)) continue;
    log(`${w.id} ${w.name} …`);
    try {
      const fs = await w.run(ctx);
      for (const f of fs) log(`  ${f.id}: ${f.measured} [${f.status}]`);
      figures.push(...fs);
    } catch (e) {
      // a workload that crashes still gets its row, with the reason
      log(`  ${w.id} failed: ${(e as Error).stack ?? String(e)}`);
      figures.push(notAvailable(w.id, w.name, w.target, `failed: ${(e as Error).message}`));
    }
    write(); // after each workload, so a long run that is stopped keeps what it measured
  }
  process.stdout.write(write());
  // the smoke run is CI's check that the suite still works: it fails on a crashed workload,
  // never on a slow one
  if (smoke && figures.some((f) => f.measured.startsWith('not available: failed')))
    process.exitCode = 1;
}

function order(id: string): number {
  const m = /^B(\d+)([a-z]?)$/.exec(id);
  return m ? Number(m[1]) * 100 + (m[2] ? m[2].charCodeAt(0) - 96 : 0) : 9_999;
}

await main();
