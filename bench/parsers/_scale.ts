const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticBib } from './synthetic';
import { parseBibtex } from '../../electron/library/formats/bibtex/records';
import { Library } from '../../electron/library/library';
import { RecordInserter } from '../../electron/library/import/insert';
import { loadItems } from '../../electron/library/export/load';
import { writeBib } from '../../electron/library/formats/bibtex/write';
for (const n of [20000])
  for (const fts of [true, false]) {
    const t = syntheticBib(n, 7);
    let t0 = cpu();
    const r = parseBibtex(t, 'x');
    const parse = cpu() - t0;
    const lib = Library.open(mkdtempSync(join(tmpdir(), 'sc-')));
    lib.db.pragma('cache_size = -262144');
    if (!fts) lib.db.exec('DROP TRIGGER items_fts_insert');
    t0 = cpu();
    lib.write(() => {
      const ins = new RecordInserter(lib.db);
      for (const rec of r.records) ins.insert(rec);
    });
    const insert = cpu() - t0;
    t0 = cpu();
    const items = loadItems(lib.db, null);
    const load = cpu() - t0;
    t0 = cpu();
    writeBib(items, { profile: 'bibtex' });
    const write = cpu() - t0;
    console.log(n, fts, {
      parse: Math.round(parse),
      insert: Math.round(insert),
      load: Math.round(load),
      write: Math.round(write),
    });
    lib.close();
  }
