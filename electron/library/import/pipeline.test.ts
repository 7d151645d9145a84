import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../hosts/dispatch';
import { handlers } from '../handlers/index';
import { getItem } from '../items/repo';
import { Library } from '../library';
import { readFixture } from '../testing/fixtures';
import { tempLibraries } from '../testing/temp-libraries';
import { importText } from './pipeline';

const { fresh } = tempLibraries('shelfmark-imp-');

async function call(lib: Library, name: string, input: unknown) {
  const r = await dispatch(handlers, lib, name, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as never;
}

const count = (lib: Library) =>
  lib.db.prepare('SELECT count(*) FROM items').pluck().get() as number;

const ENTRY = `@article{vaswani2017attention,
  author = {Vaswani, Ashish and Shazeer, Noam},
  title = {Attention Is All You Need},
  journal = {NeurIPS},
  year = 2017,
  doi = {10.5555/3295222},
  keywords = {ml/transformers, nlp},
}`;

describe('import pipeline', () => {
  it('imports a file in one go and reports counts, lines and reasons', () => {
    const lib = fresh();
    const text = `${ENTRY}\n\n@article{broken, title = {x} author = {y}}\n\n@misc{nokey_ok, title = {Fine}}\n`;
    const r = importText(lib, text, { fileName: 'a.bib', onDuplicate: 'skip' });
    expect(r).toMatchObject({ file: 'a.bib', format: 'bibtex', imported: 2, skipped: 1 });
    expect(r.problems).toEqual([
      {
        file: 'a.bib',
        line: 10,
        reason: expect.stringMatching(/expected "," or the end of entry broken/),
      },
    ]);
    const item = getItem(lib.db, r.itemIds[0]!);
    expect(item.citationKey).toBe('vaswani2017attention');
    expect(item.tags).toEqual(['ml/transformers', 'nlp']);
    expect(item.creators.map((c) => c.family)).toEqual(['Vaswani', 'Shazeer']);
  });

  it('matches duplicates against the library as it was: none in an empty one, a trashed item neither', () => {
    const lib = fresh();
    const twice = ENTRY + '\n' + ENTRY.replace('vaswani2017attention', 'other');
    // same DOI twice in one file, empty library: both kept (entries of one file are distinct)
    const first = importText(lib, twice, { fileName: 'a.bib', onDuplicate: 'skip' });
    expect(first.imported).toBe(2);
    expect(first.duplicates).toEqual([]);
    // once the library holds them, the same file is all duplicates
    const second = importText(lib, twice, { fileName: 'a.bib', onDuplicate: 'skip' });
    expect(second.imported).toBe(0);
    expect(second.duplicates.map((d) => d.existingId)).toEqual([1, 1]);
    // with every item trashed the library has no live item to match again
    lib.db.prepare(`UPDATE items SET deleted_at = '2026-01-01T00:00:00Z'`).run();
    const third = importText(lib, ENTRY, { fileName: 'a.bib', onDuplicate: 'skip' });
    expect(third.imported).toBe(1);
    expect(third.duplicates).toEqual([]);
  });

  it('skips, imports anyway or merges duplicates (DOI, arXiv id, title+year+author)', () => {
    const lib = fresh();
    importText(lib, ENTRY, { fileName: 'a.bib', onDuplicate: 'skip' });
    const again = importText(lib, ENTRY.replace('vaswani2017attention', 'other'), {
      fileName: 'b.bib',
      onDuplicate: 'skip',
    });
    expect(again.imported).toBe(0);
    expect(again.duplicates).toEqual([
      {
        line: 1,
        title: 'Attention Is All You Need',
        existingId: 1,
        reason: 'same DOI 10.5555/3295222 (skipped)',
      },
    ]);
    // same paper by title, year and first author, written differently, with more data
    const richer = `@inproceedings{x, author = {Ashish Vaswani}, title = {Attention is all you need!},
      booktitle = {NIPS}, year = {2017}, abstract = {The dominant models...}, pages = {5998--6008},
      keywords = {attention}}`;
    const merged = importText(lib, richer, { fileName: 'c.bib', onDuplicate: 'merge' });
    expect(merged.duplicates[0]!.reason).toBe('same title, year and first author (merged)');
    const item = getItem(lib.db, 1);
    expect(item.abstract).toBe('The dominant models...');
    expect(item.venue).toBe('NeurIPS'); // never overwritten
    expect(item.fields.pages).toBe('5998–6008');
    expect(item.tags).toEqual(['attention', 'ml/transformers', 'nlp']);
    const arxiv = `@misc{y, title = {Something else}, eprint = {1706.03762v5}, archiveprefix = {arXiv}}`;
    importText(lib, arxiv, { fileName: 'd.bib', onDuplicate: 'skip' });
    const arxivAgain = importText(
      lib,
      `@article{z, title = {Other}, url = {https://arxiv.org/abs/1706.03762}}`,
      {
        fileName: 'e.bib',
        onDuplicate: 'skip',
      },
    );
    expect(arxivAgain.duplicates[0]!.reason).toBe('same arXiv id 1706.03762 (skipped)');
    const anyway = importText(lib, ENTRY, { fileName: 'f.bib', onDuplicate: 'import' });
    expect(anyway.imported).toBe(1);
    expect(getItem(lib.db, anyway.itemIds[0]!).citationKey).toBe('vaswani2017attentiona');
  });

  it('knows an arXiv eprint that keeps its arXiv: prefix, without eprinttype', () => {
    const lib = fresh();
    importText(lib, `@misc{bert, title = {BERT}, eprint = {arXiv:1810.04805}}`, {
      fileName: 'a.bib',
      onDuplicate: 'skip',
    });
    const again = importText(lib, `@misc{b2, title = {Preprint}, eprint = {1810.04805v2}}`, {
      fileName: 'b.bib',
      onDuplicate: 'skip',
    });
    expect(again.duplicates.map((d) => d.reason)).toEqual(['same arXiv id 1810.04805 (skipped)']);
  });

  it('keeps imported keys, generates missing ones from the pattern, turns ids into aliases', async () => {
    const lib = fresh();
    await call(lib, 'keys.setPattern', { pattern: '[auth:lower][year][veryshorttitle]' });
    const r = importText(
      lib,
      `@article{Keep:This/Key, title = {A}, ids = {oldkey, older}}\n@article{, title = {Deep Residual Learning}, author = {He, Kaiming}, year = 2016}`,
      { fileName: 'k.bib', onDuplicate: 'skip' },
    );
    expect(r.skipped).toBe(0);
    expect(getItem(lib.db, r.itemIds[1]!).citationKey).toBe('he2016Deep');
    const kept = getItem(lib.db, r.itemIds[0]!);
    expect(kept.citationKey).toBe('Keep:This/Key');
    expect(kept.keyAliases).toEqual(['older', 'oldkey']);
    expect(kept.fields.ids).toBeUndefined();
    const ris = importText(lib, `@article{x, title = {A}}`, {
      fileName: 'x.bib',
      onDuplicate: 'import',
    });
    expect(getItem(lib.db, ris.itemIds[0]!).citationKey).toBe('x');
  });

  it('reports every imported key it had to change, with the line of the entry', () => {
    // \cite{smith2020} in the user's .tex must not silently point at another paper
    const lib = fresh();
    importText(lib, '@article{smith2020, title = {Old paper}}', {
      fileName: 'a.bib',
      onDuplicate: 'skip',
    });
    const text = [
      '@article{smith2020, title = {New paper}}',
      '@misc{dup, title = {First}}',
      '@misc{dup, title = {Second}}',
      '@misc{fine, title = {Fine}}',
    ].join('\n');
    const r = importText(lib, text, { fileName: 'b.bib', onDuplicate: 'skip' });
    expect(r.imported).toBe(4);
    expect(r.renamedKeys).toEqual([
      { line: 1, from: 'smith2020', to: 'smith2020a' },
      { line: 3, from: 'dup', to: 'dupa' },
    ]);
  });

  it('imports an entry with an undefined @string macro and reports it as a warning', () => {
    const lib = fresh();
    const text = '@misc{fine, title = {Fine}}\n@article{a, title = {T}, journal = nojournal}\n';
    const r = importText(lib, text, { fileName: 'w.bib', onDuplicate: 'skip' });
    expect(r).toMatchObject({ imported: 2, skipped: 0, problems: [] });
    expect(r.warnings).toEqual([
      {
        file: 'w.bib',
        line: 2,
        reason:
          'a: journal uses the undefined @string macro "nojournal"; its name is kept as the value',
      },
    ]);
    expect(getItem(lib.db, r.itemIds[1]!).venue).toBe('nojournal');
    // the other formats have nothing to warn about: the list is there, empty
    const ris = importText(lib, 'TY  - JOUR\nTI  - R\nER  - \n', {
      fileName: 'r.ris',
      onDuplicate: 'skip',
    });
    expect(ris.warnings).toEqual([]);
  });

  it('rejects text in no known format without touching the library', () => {
    const lib = fresh();
    expect(() =>
      importText(lib, 'just some words', { fileName: 'n.txt', onDuplicate: 'skip' }),
    ).toThrow(/not a format Shelfmark can read/);
    expect(count(lib)).toBe(0);
  });

  it('says an empty or blank file is empty, whatever its format, without touching the library', () => {
    const lib = fresh();
    for (const text of ['', '  \n\t\r\n', '\uFEFF\n'])
      for (const format of [undefined, 'bibtex'])
        expect(() =>
          importText(lib, text, { fileName: 'refs.bib', format, onDuplicate: 'skip' }),
        ).toThrow(/^refs\.bib is empty: there is nothing to import\.$/);
    expect(count(lib)).toBe(0);
  });

  it('says a .bib with only @comment and @preamble has no entries, and keeps those blocks', () => {
    const lib = fresh();
    const r = importText(lib, '@comment{jabref-meta: x}\n@preamble{"\\newcommand{\\x}{y}"}\n', {
      fileName: 'macros.bib',
      onDuplicate: 'skip',
    });
    expect(r.imported).toBe(0);
    expect(r.notice).toBe(
      'macros.bib has no entries to import: it holds only 1 @preamble and 1 @comment, kept for BibTeX export.',
    );
    expect(count(lib)).toBe(0);
    // a file with entries has no such notice
    const ok = importText(lib, '@article{a, title = {A}}', {
      fileName: 'a.bib',
      onDuplicate: 'skip',
    });
    expect(ok.notice).toBeUndefined();
  });

  it('says a .bib with only % comments has no entries, as it does for @comment', () => {
    const lib = fresh();
    for (const text of ['% c\n', '\uFEFF%% JabRef\n\n  % encoding: UTF-8\r\n\t\n'])
      for (const fileName of ['x.bib', 'X.BibLaTeX']) {
        const r = importText(lib, text, { fileName, onDuplicate: 'skip' });
        expect(r).toMatchObject({ imported: 0, skipped: 0, format: 'bibtex' });
        expect(r.notice).toBe(`${fileName} has no entries to import.`);
      }
    expect(count(lib)).toBe(0);
    // the extension is what says BibTeX: elsewhere, or with words beside them, still unknown
    for (const [fileName, text] of [
      ['x.txt', '% c\n'],
      ['x.bib', '% c\nsome words\n'],
    ])
      expect(() => importText(lib, text!, { fileName: fileName!, onDuplicate: 'skip' })).toThrow(
        /not a format Shelfmark can read/,
      );
  });

  it('keeps @preamble for export and writes BibLaTeX ids for renamed keys', async () => {
    const lib = fresh();
    importText(lib, readFixture('xampl.bib'), { fileName: 'xampl.bib', onDuplicate: 'import' });
    const id = lib.db
      .prepare("SELECT id FROM items WHERE citation_key = 'book-full'")
      .pluck()
      .get() as number;
    const renamed = (await call(lib, 'items.renameKey', { id, key: 'knuth1981seminumerical' })) as {
      citationKey: string;
      keyAliases: string[];
    };
    expect(renamed.citationKey).toBe('knuth1981seminumerical');
    expect(renamed.keyAliases).toEqual(['book-full']);
    await expect(call(lib, 'items.renameKey', { id: 1, key: 'BOOK-FULL' })).rejects.toThrow(
      /already used/,
    );
    const text = (await call(lib, 'export.items', {
      format: 'biblatex',
      scope: { kind: 'selection', ids: [id] },
    })) as string;
    expect(text).toMatch(/^@preamble\{ "\\newcommand\{\\noopsort\}/);
    expect(text).toContain('@book{knuth1981seminumerical,');
    expect(text).toContain('  ids = {book-full},');
    // renaming back makes the alias the key again, with the other key as alias
    await call(lib, 'items.renameKey', { id, key: 'book-full' });
    expect(getItem(lib.db, id).keyAliases).toEqual(['knuth1981seminumerical']);
  });

  it('imports bytes through the contract, detecting the encoding', async () => {
    const lib = fresh();
    const latin1 = Buffer.from(
      '@article{m, author = {Müller, Jürgen}, title = {Über Straße}}',
      'latin1',
    );
    const r = (await call(lib, 'import.text', {
      base64: latin1.toString('base64'),
      fileName: 'l.bib',
    })) as {
      itemIds: number[];
    };
    const item = getItem(lib.db, r.itemIds[0]!);
    expect(item.title).toBe('Über Straße');
    expect(item.creators[0]!.family).toBe('Müller');
    await expect(call(lib, 'import.text', { fileName: 'x' })).rejects.toThrow(/invalid_input/);
    await expect(call(lib, 'import.text', { text: ENTRY, format: 'nope' })).rejects.toThrow(
      /Unknown import format/,
    );
  });

  it('exports a collection by name, including sub-collections, sorted by key', async () => {
    const lib = fresh();
    const r = importText(lib, readFixture('biblatex-examples.bib'), {
      fileName: 'e.bib',
      onDuplicate: 'import',
    });
    const top = (await call(lib, 'collections.create', { name: 'Physics' })) as { id: number };
    const sub = (await call(lib, 'collections.create', { name: 'Sub', parentId: top.id })) as {
      id: number;
    };
    const add = lib.db.prepare(
      'INSERT INTO collection_items (collection_id, item_id) VALUES (?, ?)',
    );
    add.run(top.id, r.itemIds[5]!);
    add.run(sub.id, r.itemIds[2]!);
    const text = (await call(lib, 'export.items', {
      format: 'bibtex',
      scope: { kind: 'collectionName', name: 'physics' },
    })) as string;
    const keys = [...text.matchAll(/^@\w+\{([^,]+),/gm)].map((m) => m[1]!);
    expect(keys).toHaveLength(2);
    expect(keys).toEqual([...keys].sort());
    await expect(
      call(lib, 'export.items', {
        format: 'bibtex',
        scope: { kind: 'collectionName', name: 'nope' },
      }),
    ).rejects.toThrow(/no collection named/);
  });

  it('links attachment files that exist inside the import folder, and nothing outside it', () => {
    const lib = fresh();
    const dir = mkdtempSync(join(tmpdir(), 'shelfmark-files-'));
    try {
      const folder = join(dir, 'bib');
      mkdirSync(join(folder, 'papers'), { recursive: true });
      writeFileSync(join(folder, 'papers', 'a.pdf'), '%PDF-1.4 a');
      writeFileSync(join(dir, 'secret.pdf'), '%PDF-1.4 secret');
      symlinkSync(join(dir, 'secret.pdf'), join(folder, 'papers', 'link.pdf'));
      const text = `@article{f, title = {With files},
        file = {Full text:papers/a.pdf:PDF;:../secret.pdf:PDF;:${join(dir, 'secret.pdf')}:PDF;:papers/link.pdf:PDF;:papers/missing.pdf:PDF}}`;
      const r = importText(lib, text, { fileName: 'f.bib', onDuplicate: 'skip', baseDir: folder });
      const rows = lib.db
        .prepare('SELECT kind, path, title, size FROM attachments WHERE item_id = ?')
        .all(r.itemIds[0]!);
      expect(rows).toEqual([
        { kind: 'linked', path: join(folder, 'papers', 'a.pdf'), title: 'a.pdf', size: 10 },
      ]);
      // the field itself is kept verbatim for export
      expect(getItem(lib.db, r.itemIds[0]!).fields.file).toContain('../secret.pdf');
      const noBase = importText(lib, text.replace('{f,', '{g,').replace('With files', 'Other'), {
        fileName: 'g.bib',
        onDuplicate: 'skip',
      });
      expect(
        lib.db
          .prepare('SELECT count(*) FROM attachments WHERE item_id = ?')
          .pluck()
          .get(noBase.itemIds[0]!),
      ).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
