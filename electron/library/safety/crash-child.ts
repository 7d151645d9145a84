// Child process of the crash test: opens a library and imports a generated .bib of `count`
// entries through the real import pipeline (one transaction), announcing "begin" before and
// "committed" after, so the parent can SIGKILL it at a random moment in between.
import { importText } from '../import/pipeline';
import { Library } from '../library';

const [folder, countArg, runArg, cacheArg] = process.argv.slice(2);
if (!folder || !countArg) {
  process.stderr.write('usage: crash-child FOLDER COUNT [RUN] [CACHE_KIB]\n');
  process.exit(2);
}
const count = Number(countArg);
const run = runArg ?? '0';
const entries: string[] = [];
for (let i = 0; i < count; i++) {
  entries.push(
    `@article{crash${run.replace('-', 'm')}x${i},
  title = {Imported paper ${run}-${i} on crash safety of write-ahead logs},
  author = {Family${i % 1000}, Ada and Other${i % 313}, Alan},
  journal = {Journal ${i % 97}},
  year = {${1990 + (i % 35)}},
  doi = {10.5555/crash.${run}.${i}},
  abstract = {${'x'.repeat(200 + (i % 300))}},
  note = {generated ${i}}
}`,
  );
}
const bib = entries.join('\n\n');
const lib = Library.open(folder);
// A small page cache makes SQLite spill the open transaction into the WAL as it goes, so kills
// also land while uncommitted frames are being written (not only during the commit).
if (cacheArg) lib.db.pragma(`cache_size = -${Number(cacheArg)}`);
process.stdout.write('begin\n');
const report = importText(lib, bib, {
  fileName: 'crash.bib',
  format: 'bibtex',
  onDuplicate: 'import',
});
if (report.imported !== count) {
  process.stderr.write(
    `imported ${report.imported} of ${count}: ${JSON.stringify(report.problems.slice(0, 3))}\n`,
  );
  process.exit(1);
}
process.stdout.write('committed\n');
lib.close();
