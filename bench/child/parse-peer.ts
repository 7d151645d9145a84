// Child process: parses one .bib file with a peer parser and prints {entries, ms, errors} as
// JSON. A child keeps the peer's memory and time apart from ours (and lets us kill it).
// `shelfmark` takes a third argument, N: after the first (cold) parse it parses N more times
// and adds their times as `warm`, so the benchmark's own process never holds what they leave.
import { readFileSync } from 'node:fs';

const [peer, file, warmRuns] = process.argv.slice(2);
const text = readFileSync(file!, 'utf8');

async function run(): Promise<{ entries: number; errors: number; ms: number; warm?: number[] }> {
  if (peer === 'retorquere') {
    const { parse } = await import('@retorquere/bibtex-parser');
    const t0 = performance.now();
    const lib = parse(text);
    return { entries: lib.entries.length, errors: lib.errors.length, ms: performance.now() - t0 };
  }
  if (peer === 'citation-js') {
    const core = await import('@citation-js/core');
    await import('@citation-js/plugin-bibtex');
    const t0 = performance.now();
    const out = core.plugins.input.chain(text, {
      forceType: '@biblatex/text',
      generateGraph: false,
    }) as unknown[];
    return { entries: out.length, errors: 0, ms: performance.now() - t0 };
  }
  if (peer === 'shelfmark') {
    // Shelfmark's own parser run the same way as the peers (cold, one run), for fair ratios
    const { IMPORT_FORMATS } = await import('../../electron/library/formats/index');
    const format = IMPORT_FORMATS.find((f) => f.id === 'bibtex');
    if (!format) throw new Error("no ImportFormat 'bibtex' registered");
    const t0 = performance.now();
    const r = format.parse(text, file!);
    const ms = performance.now() - t0;
    const warm: number[] = [];
    for (let i = 0; i < Number(warmRuns ?? 0); i++) {
      const t = performance.now();
      format.parse(text, file!);
      warm.push(performance.now() - t);
    }
    return { entries: r.records.length, errors: r.problems.length, ms, warm };
  }
  throw new Error(`unknown peer ${peer}`);
}

process.stdout.write(JSON.stringify(await run()) + '\n');
