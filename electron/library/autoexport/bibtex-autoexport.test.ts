import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bibtexImport } from '../formats/bibtex/index';
import type { Library } from '../library';
import { addItem, person, tempLibrary } from '../testing/fixture-library';
import { call } from '../testing/call';
import { type AutoExporter, startAutoExport } from './service';

let lib: Library;
let out: string;
let exporter: AutoExporter | undefined;
beforeEach(() => {
  lib = tempLibrary();
  out = mkdtempSync(join(tmpdir(), 'shelfmark-bib-'));
});
afterEach(async () => {
  await exporter?.stop();
  lib.close();
  rmSync(out, { recursive: true, force: true });
});

describe('auto-export with the real BibTeX and BibLaTeX writers', () => {
  it('writes a .bib that parses back entry for entry, and follows edits', async () => {
    const a = addItem(lib, {
      type: 'article',
      citationKey: 'muller2019',
      title: 'Über {BERT}',
      date: '2019',
      creators: [person('Müller', 'Jürgen')],
      venue: 'Journal',
    });
    addItem(lib, { type: 'book', citationKey: 'Adams2001', title: 'Old book', date: '2001' });
    exporter = startAutoExport(lib, { debounceMs: 20 });
    const bib = join(out, 'refs.bib');
    const blx = join(out, 'refs.biblatex');
    await call(lib, 'autoExport.create', { path: bib, format: 'bibtex' });
    await call(lib, 'autoExport.create', { path: blx, format: 'biblatex' });
    await exporter.idle();
    for (const file of [bib, blx]) {
      const parsed = bibtexImport.parse(readFileSync(file, 'utf8'), file);
      expect(parsed.problems).toEqual([]);
      expect(parsed.records.map((r) => r.citationKey)).toEqual(['Adams2001', 'muller2019']);
    }
    expect(readFileSync(blx, 'utf8')).toContain('Müller');

    await call(lib, 'items.update', { id: a, patch: { title: 'Über {BERT}, revised' } });
    await exporter.idle();
    expect(readFileSync(bib, 'utf8')).toContain('revised');
    expect(readFileSync(blx, 'utf8')).toContain('revised');
    const status = await call(lib, 'autoExport.list', {});
    expect(status.map((s) => [s.format, s.itemCount, s.lastError])).toEqual([
      ['bibtex', 2, null],
      ['biblatex', 2, null],
    ]);
  });
});
