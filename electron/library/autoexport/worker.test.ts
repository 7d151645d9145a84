import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bibtexImport } from '../formats/bibtex/index';
import type { Library } from '../library';
import { tempLibrary } from '../testing/fixture-library';
import { call } from '../testing/call';
import { crashExportWorkerForTest } from './run-export-worker';

let lib: Library;
let out: string;
beforeEach(() => {
  lib = tempLibrary();
  out = mkdtempSync(join(tmpdir(), 'shelfmark-worker-'));
});
afterEach(() => {
  lib.close();
  rmSync(out, { recursive: true, force: true });
});

/** `n` articles with long accented text and two authors each, so formatting takes real work. */
function generate(n: number): void {
  lib.write(() => {
    const item = lib.db.prepare(
      `INSERT INTO items (type, citation_key, title, abstract, date, date_added, date_modified)
       VALUES ('article', ?, ?, ?, '2020', 'x', 'x')`,
    );
    const creator = lib.db.prepare(
      `INSERT INTO creators (item_id, position, role, family, given) VALUES (?, ?, 'author', ?, ?)`,
    );
    for (let i = 0; i < n; i++) {
      const id = item.run(
        `key${String(i).padStart(5, '0')}`,
        `Über die Größe ${i}: α-β {Café} naïve`,
        'Résumé of Müller’s ångström-scale “results” — déjà vu. '.repeat(30),
      ).lastInsertRowid;
      creator.run(id, 0, `Müller${i}`, 'Jürgen');
      creator.run(id, 1, 'Ødegård', 'Åsa');
    }
  });
}

describe('auto-export worker thread', () => {
  it('keeps the engine thread responsive while a large export is formatted and written', async () => {
    const n = 5000;
    generate(n);
    const file = join(out, 'big.bib');
    let ticking = true;
    let longestGap = 0;
    let last = performance.now();
    const loop = () => {
      const t = performance.now();
      longestGap = Math.max(longestGap, t - last);
      last = t;
      if (ticking) setImmediate(loop);
    };
    const started = performance.now();
    last = started;
    setImmediate(loop);
    const b = await call(lib, 'autoExport.create', { path: file, format: 'bibtex' });
    const exportMs = performance.now() - started;
    ticking = false;
    if (process.env.SHELFMARK_PRINT_TIMINGS) console.log({ exportMs, longestGap });

    expect(b).toMatchObject({ lastError: null, itemCount: n });
    // the main thread only loads rows a page at a time; formatting, hashing and the write happen
    // elsewhere, so no pause on this thread comes near the export's own duration
    expect(longestGap).toBeLessThan(exportMs / 2);

    const parsed = bibtexImport.parse(readFileSync(file, 'utf8'), file);
    expect(parsed.problems).toEqual([]);
    const keys = parsed.records.map((r) => r.citationKey);
    expect(keys).toHaveLength(n);
    expect(keys).toEqual([...keys].sort());
    expect(parsed.records[0]!.title).toBe('Über die Größe 0: α-β {Café} naïve');
  }, 120_000);

  it('reports a crashed worker in the binding status and exports again with a fresh one', async () => {
    generate(20);
    const file = join(out, 'x.bib');
    const b = await call(lib, 'autoExport.create', { path: file, format: 'bibtex' });
    expect(b.lastError).toBeNull();
    const before = readFileSync(file, 'utf8');

    crashExportWorkerForTest();
    lib.write(() =>
      lib.db.prepare(`UPDATE items SET title = 'Changed' WHERE citation_key = 'key00000'`).run(),
    );
    const [failed] = await call(lib, 'autoExport.run', { ids: [b.id] });
    expect(failed!.lastError).toMatch(/export worker stopped/);
    // the old file is untouched
    expect(readFileSync(file, 'utf8')).toBe(before);

    const [ok] = await call(lib, 'autoExport.run', { ids: [b.id] });
    expect(ok!.lastError).toBeNull();
    expect(readFileSync(file, 'utf8')).toContain('title = {Changed}');
  });
});
