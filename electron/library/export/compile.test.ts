// The exported .bib files must work with the real tools: Debian's bibtex (BibTeX profile) and
// biber (BibLaTeX profile) on a document citing every entry, with no errors.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importText } from '../import/pipeline';
import { insertItem } from '../items/repo';
import { Library } from '../library';
import { readFixture } from '../testing/fixtures';
import { exportItems } from './export';
import { loadItems } from './load';

function has(bin: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const haveBibtex = has('bibtex') && has('pdflatex');
const haveBiber = has('biber') && has('pdflatex');
if (!haveBibtex || !haveBiber)
  console.warn(
    'compile tests skipped: install texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber',
  );

let dir = '';
let lib: Library;
let itemCount = 0;
let greekId = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shelfmark-tex-'));
  lib = Library.open(join(dir, 'library'));
  for (const f of ['xampl.bib', 'biblatex-examples.bib']) {
    const r = importText(lib, readFixture(f), { fileName: f, onDuplicate: 'import' });
    itemCount += r.imported;
  }
  // hand-made entries with everything that breaks naive exporters
  lib.write(() => {
    insertItem(lib.db, {
      type: 'article',
      citationKey: 'torture1',
      title:
        'Ünïcödé ß — BERT & GPT-3: 100% of $5 for #1 under_score {braces} back\\slash ~tilde^caret',
      date: '2021-05-14',
      venue: 'Journal of Çedillas & Ǖmlauts',
      url: 'https://example.org/a_b%20c#frag',
      doi: '10.1000/x_y%z',
      creators: [
        { role: 'author', family: 'Çelik', given: 'Ǖmit', prefix: '', suffix: '', literal: '' },
        {
          role: 'author',
          family: 'Berg',
          given: 'Jan',
          prefix: 'van den',
          suffix: 'Jr.',
          literal: '',
        },
        {
          role: 'author',
          family: '',
          given: '',
          prefix: '',
          suffix: '',
          literal: 'Acme, Inc. and Sons',
        },
      ],
      fields: { note: 'value with }@misc{x, inside', pages: '1--2 and 3–4' },
    });
    insertItem(lib.db, {
      type: 'book',
      citationKey: 'torture2',
      title: 'Žluťoučký kůň úpěl ďábelské ódy — Łódź, Øresund, Ærø, Þingvellir, İstanbul',
      date: '1999',
      venue: 'Presses de l’Université',
      creators: [
        { role: 'editor', family: 'Dvořák', given: 'Antonín', prefix: '', suffix: '', literal: '' },
      ],
    });
    // written @misc (no \url: the document below loads no url package): %, # and ~ in its url
    insertItem(lib.db, {
      type: 'online',
      citationKey: 'torture3',
      title: 'A web page',
      date: '2024-02-03',
      url: 'https://example.org/a_b%20c#frag~x&y=1',
    });
    // Greek has no pdflatex text glyphs: the BibTeX profile writes math, UTF-8 needs lua/xelatex
    greekId = insertItem(lib.db, {
      type: 'article',
      citationKey: 'greek',
      title: 'Ωmega αβγ: ε-δ bounds ≤ ∞ for μ-calculus',
      date: '2020',
      creators: [
        {
          role: 'author',
          family: 'Παπαδόπουλος',
          given: 'Γιώργος',
          prefix: '',
          suffix: '',
          literal: '',
        },
      ],
    });
  });
  itemCount += 4;
});
afterAll(() => {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(cmd: string, args: string[]) {
  return spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', timeout: 120_000 });
}

/** LaTeX errors are the log lines starting with `!`. */
function latexErrors(job: string): string[] {
  return readFileSync(join(dir, `${job}.log`), 'latin1')
    .split('\n')
    .filter((l) => l.startsWith('!'));
}

// pdflatex and biber take seconds each, more on a busy machine
const SLOW = 240_000;

describe('exported files compile', () => {
  it.skipIf(!haveBibtex)(
    'BibTeX profile: pdflatex + bibtex, every entry cited, no errors',
    () => {
      writeFileSync(join(dir, 'refs-bibtex.bib'), exportItems(lib, 'bibtex', { kind: 'library' }));
      // \mkbibquote and \hyphen are biblatex commands used inside biblatex-examples.bib itself
      writeFileSync(
        join(dir, 'bt.tex'),
        [
          '\\documentclass{article}',
          '\\usepackage[T1]{fontenc}',
          "\\providecommand{\\mkbibquote}[1]{``#1''}",
          '\\providecommand{\\hyphen}{-}',
          '\\begin{document}',
          '\\nocite{*}',
          '\\bibliographystyle{plain}',
          '\\bibliography{refs-bibtex}',
          '\\end{document}',
          '',
        ].join('\n'),
      );
      run('pdflatex', ['-interaction=nonstopmode', 'bt.tex']);
      const bib = run('bibtex', ['bt']);
      const blg = readFileSync(join(dir, 'bt.blg'), 'utf8');
      expect(bib.status, blg).toBe(0);
      expect(blg).not.toMatch(/error message/);
      // BibLaTeX-only types (@online, @mvbook, @thesis …) are written as types plain.bst knows
      expect(blg).not.toMatch(/isn't style-file defined/);
      run('pdflatex', ['-interaction=nonstopmode', 'bt.tex']);
      expect(latexErrors('bt')).toEqual([]);
      const bbl = readFileSync(join(dir, 'bt.bbl'), 'utf8');
      expect(bbl.match(/\\bibitem/g)?.length).toBe(itemCount);
    },
    SLOW,
  );

  it.skipIf(!haveBiber)(
    'BibLaTeX profile: pdflatex + biber, every entry cited, no errors',
    () => {
      const ids = loadItems(lib.db, null)
        .map((i) => i.id)
        .filter((id) => id !== greekId);
      writeFileSync(
        join(dir, 'refs-biblatex.bib'),
        exportItems(lib, 'biblatex', { kind: 'selection', ids }),
      );
      // safeinputenc: biber writes LaTeX for characters pdflatex has no glyph setup for
      // (xampl's {\={P}}ot fails without it, exported or not)
      writeFileSync(
        join(dir, 'bl.tex'),
        [
          '\\documentclass{article}',
          '\\usepackage[T1]{fontenc}',
          '\\usepackage[utf8]{inputenc}',
          '\\usepackage[backend=biber,safeinputenc]{biblatex}',
          '\\addbibresource{refs-biblatex.bib}',
          '\\begin{document}',
          '\\nocite{*}',
          '\\printbibliography',
          '\\end{document}',
          '',
        ].join('\n'),
      );
      run('pdflatex', ['-interaction=nonstopmode', 'bl.tex']);
      const biber = run('biber', ['bl']);
      expect(biber.status, biber.stdout).toBe(0);
      expect(biber.stdout).not.toMatch(/ERROR/);
      run('pdflatex', ['-interaction=nonstopmode', 'bl.tex']);
      expect(latexErrors('bl')).toEqual([]);
      const bbl = readFileSync(join(dir, 'bl.bbl'), 'utf8');
      // biber adds clones for related/set entries; every library entry must be among them
      const entries = new Set([...bbl.matchAll(/\\entry\{([^}]+)\}/g)].map((m) => m[1]!));
      const keys = loadItems(lib.db, ids).map((i) => i.citationKey);
      expect(keys).toHaveLength(itemCount - 1);
      expect(keys.filter((k) => !entries.has(k))).toEqual([]);
    },
    SLOW,
  );
});
