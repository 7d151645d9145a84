// B1 by CPU time: the registry's bibtex parse on one file, cold (first run) and warm (median of
// the rest), timed with process.cpuUsage() because wall time on a shared machine is noise.
// Run: npx tsx bench/parsers/b1-cpu.ts file.bib [runs] [shelfmark|citation-js]
// (bench/generate.ts writes the file). citation-js is the fastest JS peer: timed the same way,
// as bench/child/parse-peer.ts calls it, so the two can be run back to back for a fair ratio.
import { readFileSync, statSync } from 'node:fs';
import { IMPORT_FORMATS } from '../../electron/library/formats/index';

const [file, runsArg, parser = 'shelfmark'] = process.argv.slice(2);
if (!file) throw new Error('usage: b1-cpu.ts file.bib [runs] [shelfmark|citation-js]');
const runs = Number(runsArg ?? 5);
const text = readFileSync(file, 'utf8');

async function parserOf(name: string): Promise<(text: string) => number> {
  if (name === 'citation-js') {
    // imported by name only: citation-js ships no types
    const core = (await import('@citation-js/core' as string)) as {
      plugins: { input: { chain: (t: string, o: object) => unknown[] } };
    };
    await import('@citation-js/plugin-bibtex' as string);
    return (t) =>
      core.plugins.input.chain(t, { forceType: '@biblatex/text', generateGraph: false }).length;
  }
  const format = IMPORT_FORMATS.find((f) => f.id === 'bibtex');
  if (!format) throw new Error("no ImportFormat 'bibtex'");
  return (t) => format.parse(t, file!).records.length;
}
const parse = await parserOf(parser);

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const cpu: number[] = [];
const wall: number[] = [];
let entries = 0;
for (let i = 0; i < runs; i++) {
  const c0 = cpuMs();
  const t0 = performance.now();
  entries = parse(text);
  wall.push(performance.now() - t0);
  cpu.push(cpuMs() - c0);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const warm = cpu.length > 1 ? median(cpu.slice(1)) : cpu[0]!;
const rate = (ms: number): string => `${Math.round(entries / (ms / 1000))}/s`;
console.log(
  JSON.stringify({
    parser,
    file,
    mb: +(statSync(file).size / 2 ** 20).toFixed(1),
    entries,
    coldCpuMs: Math.round(cpu[0]!),
    coldRate: rate(cpu[0]!),
    warmCpuMs: Math.round(warm),
    warmRate: rate(warm),
    wallMs: wall.map(Math.round),
    cpuMs: cpu.map(Math.round),
  }),
);
