// Where B4's keystrokes spend their time: runs the benchmark's keystroke sequences through
// `items.list` (the hosts' call path) with every SQL statement timed and put in a step by its
// text (FTS5 matches listed, ranking, page rows, snippets, count, other), then prints the slowest
// keystrokes with their steps and the sum per step. Not a figure of the benchmark: a tool for
// finding the slow tail.
//   npx tsx bench/b4-profile.ts [--size 100k] [--top 20] [--json out.json]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Statement } from 'better-sqlite3';
import { call } from '../electron/cli/command';
import { Library } from '../electron/library/library';
import { SIZES, type Size } from './generate';
import { makeContext } from './lib/context';
import { keystrokeSequences } from './workloads/engine';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10k' },
    top: { type: 'string', default: '20' },
    json: { type: 'string' },
    seed: { type: 'string', default: '7' },
  },
});
const size = SIZES[values.size as Size];
if (!size) throw new Error('--size must be 1k, 10k or 100k');
const ctx = makeContext(values.size!, size, {
  seed: Number(values.seed),
  runs: 1,
  smoke: false,
  log: (l) => process.stderr.write(`${l}\n`),
});

type Step = 'match' | 'rank' | 'page' | 'snippets' | 'count' | 'body' | 'other';
const STEPS: Step[] = ['match', 'rank', 'page', 'snippets', 'count', 'body', 'other'];

function stepOf(sql: string): Step {
  // snippet(): notes, annotations, PDF pages; the item fields' text is read from items by id and
  // cut in JavaScript (search/rank.ts snippetsFor, search/meta-snippet.ts)
  if (sql.includes('snippet(') || /AS c4 FROM items i WHERE i\.id IN/.test(sql)) return 'snippets';
  if (sql.includes('bm25(')) return 'rank';
  if (
    /notes_fts MATCH|pages_fts MATCH|annotations_fts MATCH/.test(sql) &&
    !sql.includes('items_fts')
  )
    return 'body';
  if (sql.includes('i.citation_key')) return 'page';
  // one FTS5 expression's matches (a word's, or the words' AND), listed once per keystroke
  // (read as one JSON array: db/statements.ts cachedIds)
  if (/^WITH ids \(v\) AS \(SELECT rowid FROM items_fts WHERE items_fts MATCH \?\)/.test(sql)) {
    return 'match';
  }
  if (sql.includes('count(')) return 'count';
  return 'other';
}

let current: Record<Step, number> | null = null;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

const lib = Library.open(ctx.libDir);
const prepare = lib.db.prepare.bind(lib.db);
// every statement prepared from here on is timed by step
lib.db.prepare = ((sql: string) => {
  const stmt = prepare(sql) as Statement<unknown[], unknown>;
  const step = stepOf(sql);
  for (const m of ['all', 'get', 'run'] as const) {
    const f = stmt[m].bind(stmt) as (...a: unknown[]) => unknown;
    (stmt as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
      const c0 = process.cpuUsage();
      try {
        return f(...a);
      } finally {
        if (current) current[step] += cpuMs(process.cpuUsage(c0));
      }
    };
  }
  return stmt;
}) as typeof lib.db.prepare;

interface Sample {
  search: string;
  total: number;
  cpu: number;
  steps: Record<Step, number>;
}
const samples: Sample[] = [];
for (const s of keystrokeSequences(ctx, 200)) {
  for (let i = 1; i <= s.length; i++) {
    const search = s.slice(0, i);
    current = Object.fromEntries(STEPS.map((k) => [k, 0])) as Record<Step, number>;
    const c0 = process.cpuUsage();
    const r = await call(lib, 'items.list', { search, limit: 100 });
    const cpu = cpuMs(process.cpuUsage(c0));
    samples.push({ search, total: r.total, cpu, steps: current });
    current = null;
  }
}
lib.close();

const f = (x: number) => x.toFixed(1).padStart(6);
const sorted = [...samples].sort((a, b) => b.cpu - a.cpu);
const pct = (p: number) =>
  [...samples].sort((a, b) => a.cpu - b.cpu)[Math.floor((p / 100) * (samples.length - 1))]!.cpu;
console.log(
  `${samples.length} keystrokes, CPU ms: p50 ${pct(50).toFixed(2)}, p90 ${pct(90).toFixed(1)}, p99 ${pct(99).toFixed(1)}, max ${sorted[0]!.cpu.toFixed(1)}, sum ${(samples.reduce((a, b) => a + b.cpu, 0) / 1000).toFixed(2)} s`,
);
console.log(`\nslowest ${values.top} (CPU ms)`);
console.log(
  `${'search'.padEnd(28)} ${'total'.padStart(7)}  ${'all'.padStart(6)} ${STEPS.map((k) => k.padStart(8)).join('')}`,
);
for (const x of sorted.slice(0, Number(values.top))) {
  console.log(
    `${JSON.stringify(x.search).padEnd(28)} ${String(x.total).padStart(7)}  ${f(x.cpu)} ${STEPS.map((k) => f(x.steps[k]).padStart(8)).join('')}`,
  );
}
console.log('\nsum per step over all keystrokes (s):');
console.log(
  STEPS.map((k) => `${k} ${(samples.reduce((a, b) => a + b.steps[k], 0) / 1000).toFixed(2)}`).join(
    ', ',
  ),
);
if (values.json) writeFileSync(values.json, JSON.stringify(samples));
