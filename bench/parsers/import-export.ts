// B2 (import a .bib into SQLite incl. the full-text index, peak RSS) and B7 (export the
// library to BibTeX) on the seeded synthetic file. Run: npx tsx bench/parsers/import-export.ts [--entries N]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportItems } from '../../electron/library/export/export';
import { importText } from '../../electron/library/import/pipeline';
import { Library } from '../../electron/library/library';
import { generateLibrary, toBib } from '../generate';

/** The benchmark's seeded .bib (bench/generate.ts): n entries plus its duplicates and crossref parents. */
const syntheticBib = (n: number, seed: number): string => toBib(generateLibrary(n, seed));

const { values } = parseArgs({ options: { entries: { type: 'string', default: '100000' } } });
const N = Number(values.entries);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const text = syntheticBib(N, 7);
const dir = mkdtempSync(join(tmpdir(), 'shelfmark-bench-'));
// The kernel's high-water mark: a timer sampling rss never fires during the synchronous
// import, so it missed the real peak (687 MB sampled vs 1.6 GB by /usr/bin/time at 100k).
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const textRssMb = maxRssMb();
try {
  const lib = Library.open(dir);
  const c0 = cpu();
  const t0 = performance.now();
  const report = importText(lib, text, { fileName: 'synthetic.bib', onDuplicate: 'import' });
  const importMs = performance.now() - t0;
  const importCpu = cpu() - c0;
  const importPeakMb = maxRssMb();
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
    rssAfterGeneratingMb: textRssMb,
    peakRssAfterImportMb: importPeakMb,
    peakRssAfterExportsMb: maxRssMb(),
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
