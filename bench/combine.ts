// `tsx bench/combine.ts a.json b.json … > out.md`: one table from runs made in parts (same
// size and seed); later files win for the same figure. Writes bench/results/latest-combined.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './lib/figure';
import { BENCH_DIR } from './lib/context';
import { markdownTable } from './report';

interface Run {
  date: string;
  size: string;
  seed: number;
  runs: number;
  machine: string;
  figures: Figure[];
}

const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')) as Run);
if (runs.length === 0) throw new Error('usage: tsx bench/combine.ts run.json …');
const byId = new Map<string, Figure>();
for (const r of runs) {
  if (r.size !== runs[0]!.size || r.seed !== runs[0]!.seed)
    throw new Error('runs of different sizes or seeds');
  for (const f of r.figures) byId.set(f.id, f);
}
const key = (id: string) => {
  const m = /^B(\d+)([a-z]?)$/.exec(id);
  return m ? Number(m[1]) * 100 + (m[2] ? m[2].charCodeAt(0) - 96 : 0) : 9_999;
};
const figures = [...byId.values()].sort((a, b) => key(a.id) - key(b.id));
const parts = runs.map(
  (r) =>
    `- ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.runs} runs: ${r.figures.map((f) => f.id).join(', ')} — ${r.machine}`,
);
writeFileSync(
  join(BENCH_DIR, 'results', 'latest-combined.json'),
  JSON.stringify(
    {
      ...runs[0],
      parts: runs.map((r) => ({ date: r.date, machine: r.machine, runs: r.runs })),
      figures,
    },
    null,
    2,
  ),
);
process.stdout.write(`${markdownTable(figures)}\n\nRuns:\n${parts.join('\n')}\n`);
