// B2 (import a .bib into SQLite incl. the full-text index, peak RSS) and B7 (export the
// library to BibTeX) on the seeded synthetic file. Run: npx tsx bench/parsers/import-export.ts [--entries N]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportItems } from '../../electron/library/export/export';
import { importText } from '../../electron/library/import/pipeline';
import { Library } from '../../electron/library/library';
import { syntheticBib } from './synthetic';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '100000' } } });
const N = Number(values.entries);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const text = syntheticBib(N, 7);
const dir = mkdtempSync(join(tmpdir(), 'shelfmark-bench-'));
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
timer.unref();
try {
  const lib = Library.open(dir);
  const c0 = cpu();
  const t0 = performance.now();
  const report = importText(lib, text, { fileName: 'synthetic.bib', onDuplicate: 'import' });
  const importMs = performance.now() - t0;
  const importCpu = cpu() - c0;
  peak = Math.max(peak, process.memoryUsage().rss);
  const c1 = cpu();
  const t1 = performance.now();
  const bib = exportItems(lib, 'bibtex', { kind: 'library' });
  const exportMs = performance.now() - t1;
  const exportCpu = cpu() - c1;
  const t2 = performance.now();
  exportItems(lib, 'biblatex', { kind: 'library' });
  const exportBlMs = performance.now() - t2;
  lib.close();
  const result = {
    entries: N,
    mb: +(text.length / 1e6).toFixed(1),
    imported: report.imported,
    importMs: Math.round(importMs),
    importPerSecond: Math.round((report.imported / importMs) * 1000),
    importCpuMs: Math.round(importCpu),
    peakRssMb: Math.round(peak / 1e6),
    exportBibtexMs: Math.round(exportMs),
    exportBibtexCpuMs: Math.round(exportCpu),
    exportBiblatexMs: Math.round(exportBlMs),
    exportMb: +(bib.length / 1e6).toFixed(1),
  };
  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', 'import-export.json'), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
