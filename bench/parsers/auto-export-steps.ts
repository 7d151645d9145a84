// Where a .bib auto-export run after one edit spends its time, step by step, on a library's
// whole BibTeX export (B7b). Reads the library read-only; writes the file to --out's folder.
// Run: npx tsx bench/parsers/auto-export-steps.ts --lib bench/.cache/lib-100k-s7-… [--runs 5]
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { EntrySet } from '../../electron/library/export/entry-set';
import { allLiveIds, loadBibItems } from '../../electron/library/export/load';

const { values } = parseArgs({
  options: {
    lib: { type: 'string' },
    out: { type: 'string', default: '/tmp/shelfmark-steps.bib' },
    runs: { type: 'string', default: '5' },
  },
});
const db = new Database(join(values.lib!, 'library.sqlite'), { readonly: true });
const ids = allLiveIds(db);
const set = new EntrySet('bibtex');
const opts = { preambles: [], comments: [], keep: true };
set.file(ids, loadBibItems(db, ids), opts);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const rows: Record<string, string>[] = [];
for (let r = 0; r < Number(values.runs); r++) {
  const id = ids[Math.floor((ids.length * (r + 1)) / (Number(values.runs) + 1))]!;
  const marks: [string, number, number][] = [];
  let t = performance.now();
  let c = cpu();
  const mark = (name: string) => {
    const t2 = performance.now();
    const c2 = cpu();
    marks.push([name, t2 - t, c2 - c]);
    t = t2;
    c = c2;
  };
  set.forget([id]);
  const item = loadBibItems(db, [id]);
  const text = set.file(ids, item, opts).text;
  mark('assemble');
  const bytes = Buffer.from(text, 'utf8');
  mark('encode');
  createHash('sha256').update(bytes).digest('hex');
  mark('sha256');
  const temp = `${values.out}.tmp`;
  const fh = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o644);
  await fh.writeFile(bytes);
  mark('write');
  await fh.sync();
  mark('fsync file');
  await fh.close();
  await rename(temp, values.out);
  mark('close+rename');
  const d = await open(dirname(values.out), constants.O_RDONLY);
  await d.sync();
  await d.close();
  mark('fsync dir');
  rows.push(
    Object.fromEntries(
      marks.map(([n, w, cp]) => [n, `${w.toFixed(1)} wall / ${cp.toFixed(1)} cpu`]),
    ),
  );
}
console.table(rows);
console.log(`${ids.length} entries`);
await rm(values.out, { force: true });
