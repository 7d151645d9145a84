// Round-trip results per fixture and profile, for docs/parser-comparison.md:
// import → export → import (same keys, types, field values?) and export → parse → export bytes.
// Run: npx tsx bench/parsers/round-trip.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Item } from '../../shared/domain/item';
import { exportItems } from '../../electron/library/export/export';
import { loadItems } from '../../electron/library/export/load';
import { importText } from '../../electron/library/import/pipeline';
import { Library } from '../../electron/library/library';
import { fixturePath } from '../../electron/library/testing/fixtures';

const strip = (i: Item) => {
  const { id: _id, dateAdded: _a, dateModified: _m, year: _y, fields, ...rest } = i;
  // field order is not data: compare sorted
  const sorted = Object.fromEntries(Object.entries(fields).sort(([x], [y]) => (x < y ? -1 : 1)));
  return JSON.stringify({ ...rest, fields: sorted });
};

function load(text: string, name: string) {
  const lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-rt-')));
  const report = importText(lib, text, { fileName: name, onDuplicate: 'import' });
  return { lib, report };
}

console.log(
  '| fixture | profile | entries in | entries back | identical entries | problems | export → parse → export |',
);
console.log('|---|---|---:|---:|---:|---:|---|');
for (const f of ['xampl.bib', 'biblatex-examples.bib']) {
  for (const profile of ['bibtex', 'biblatex']) {
    const a = load(readFileSync(fixturePath(f), 'utf8'), f);
    const before = new Map(loadItems(a.lib.db, null).map((i) => [i.citationKey, strip(i)]));
    const out = exportItems(a.lib, profile, { kind: 'library' });
    const b = load(out, 'export.bib');
    const after = loadItems(b.lib.db, null);
    const same = after.filter((i) => before.get(i.citationKey) === strip(i)).length;
    const stable = exportItems(b.lib, profile, { kind: 'library' }) === out;
    console.log(
      `| ${f} | ${profile} | ${a.report.imported} | ${b.report.imported} | ${same} | ${a.report.problems.length + b.report.problems.length} | ${stable ? 'byte-identical' : 'DIFFERS'} |`,
    );
    for (const x of [a, b]) {
      x.lib.close();
      rmSync(x.lib.folder, { recursive: true, force: true });
    }
  }
}
