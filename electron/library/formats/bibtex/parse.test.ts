import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../testing/fixtures';
import { parseBib } from './parse';
import { displayOf, parseBibtex } from './records';
import { unicodeToLatex } from './unicode-to-latex';

describe('BibTeX parser', () => {
  it('expands @string macros, # concatenation and month macros', () => {
    const r = parseBibtex(
      `@string{jams = {J.~Amer. Math. Soc.}}
@STRING(pre = "Proc. " # jams)
@article{a, journal = pre # { 12}, year = 1996, month = jul, title = "A " # "B"}`,
      'f.bib',
    );
    expect(r.problems).toEqual([]);
    const a = r.records[0]!;
    expect(a.venue).toBe('Proc. J.\u00a0Amer. Math. Soc. 12');
    expect(a.date).toBe('1996-07');
    expect(a.title).toBe('A B');
    // the export writes `~` for the no-break space anyway: no source copy needed
    expect(a.fields['latex:venue']).toBeUndefined();
  });

  it('applies an @string defined or redefined after its use to every use (the last one counts)', () => {
    const r = parseBibtex(
      `@string{j = {First}}
@article{a, journal = j, month = jul, title = x # { y}}
@string{J = {Second}}
@string{x = {Late}}
@string{jul = {10 March}}
@article{b, journal = j}`,
      'late.bib',
    );
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => x.venue)).toEqual(['Second', 'Second']);
    expect(r.records[0]!.title).toBe('Late y');
    expect(r.records[0]!.fields.month).toBe('10 March');
    // the same file with the definitions first reads the same
    const early = parseBibtex(
      `@string{J = {Second}}
@string{x = {Late}}
@string{jul = {10 March}}
@article{a, journal = j, month = jul, title = x # { y}}
@article{b, journal = j}`,
      'early.bib',
    );
    expect(early.records).toEqual(
      r.records.map((x, i) => ({ ...x, line: early.records[i]!.line })),
    );
  });

  it('warns about an undefined @string macro and still imports the entry with its name', () => {
    // bibtex warns (string name "nojournal" is undefined); the import said nothing
    const r = parseBibtex(
      `@string{ok = {Fine}}
@article{a, title = {T}, journal = nojournal,
  note = ok # { and } # Missing2, month = jul}
@article{b, journal = ok}`,
      'u.bib',
    );
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => [x.citationKey, x.venue])).toEqual([
      ['a', 'nojournal'],
      ['b', 'Fine'],
    ]);
    expect(r.records[0]!.fields.note).toBe('Fine and Missing2');
    expect(r.warnings).toEqual([
      {
        file: 'u.bib',
        line: 2,
        reason:
          'a: journal uses the undefined @string macro "nojournal"; its name is kept as the value',
      },
      {
        file: 'u.bib',
        line: 2,
        reason:
          'a: note uses the undefined @string macro "Missing2"; its name is kept as the value',
      },
    ]);
    // a macro defined after its use is not undefined (the last definition counts)
    const late = parseBibtex('@article{a, journal = j}\n@string{j = {J}}', 'late.bib');
    expect(late.records[0]!.venue).toBe('J');
    expect(late.warnings).toEqual([]);
  });

  it('hands each entry to onEntry as it is read, with the @string definitions seen so far', () => {
    const seen: string[] = [];
    const defined: string[] = [];
    const bib = parseBib(
      '@string{a = {A}}\n@misc{one, title = a # {!}, year = 2001}\n@string{b = {B}}\n@misc{two, note = b}',
      {
        onEntry: (e, sofar) => seen.push(`${e.key}:${[...sofar.strings.keys()].join('+')}`),
        onString: (name) => defined.push(name),
      },
    );
    expect(seen).toEqual(['one:a', 'two:a+b']);
    expect(defined).toEqual(['a', 'b']);
    expect(bib.entries).toEqual([]);
    // one braced string or a number is kept as text; macros and # keep their pieces
    const [one] = parseBib('@misc{one, title = a # {!}, year = 2001, note = {n}}').entries;
    expect(one!.fields.map((f) => [f.name, f.text, f.num, f.pieces.length])).toEqual([
      ['title', null, false, 2],
      ['year', '2001', true, 0],
      ['note', 'n', false, 0],
    ]);
  });

  it('reads field names and types in any case as one lower-case name, keeping the first', () => {
    const r = parseBibtex(
      '@ARTICLE{a, TITLE = {One}, Title = {Two}, tItLe = {Three}, NOTE = {N}, Übung = {Ü}}\n@Article{b, note = {M}}',
      'case.bib',
    );
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => x.type)).toEqual(['article', 'article']);
    expect(r.records[0]!.title).toBe('One');
    expect(r.records[0]!.fields).toEqual({ note: 'N', übung: 'Ü' });
    expect(r.records[1]!.fields).toEqual({ note: 'M' });
  });

  it('keeps @preamble sources and @comment bodies', () => {
    const r = parseBibtex(
      '@preamble{ "\\newcommand{\\noopsort}[1]{}" }\n@comment{jabref-meta: databaseType:biblatex;}\n@misc{k, title={T}}',
      'f.bib',
    );
    expect(r.preambles).toEqual(['"\\newcommand{\\noopsort}[1]{}"']);
    expect(r.comments).toEqual(['jabref-meta: databaseType:biblatex;']);
    expect(r.records).toHaveLength(1);
  });

  it('skips only a malformed entry and names its line and reason', () => {
    const text = [
      '@article{good1, title = {One}}',
      '',
      '@article{bad, title = {Two},',
      '  author {Nobody}}',
      '',
      '@article{good2, title = {Three}}',
      '@book{open, title = {never closed',
      '@book{good3, title = "Four"}',
    ].join('\n');
    const r = parseBibtex(text, 'mixed.bib');
    expect(r.records.map((x) => x.citationKey)).toEqual(['good1', 'good2', 'good3']);
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toMatchObject({ file: 'mixed.bib', line: 3 });
    expect(r.problems[0]!.reason).toMatch(/field "author" has no "="/);
    expect(r.problems[1]).toMatchObject({ line: 7 });
    expect(r.problems[1]!.reason).toMatch(/unbalanced braces/);
  });

  it('allows % line comments between fields', () => {
    const r = parseBibtex(
      '@article{c,\n  % a note about the title\n  title = {T}, % trailing\n  year = 2020\n}',
      'c.bib',
    );
    expect(r.problems).toEqual([]);
    expect(r.records[0]).toMatchObject({ title: 'T', date: '2020' });
  });

  it('does not hang on an open quote at the end of the file', () => {
    const r = parseBibtex('@misc{a, title = "no end\n\n and more text {', 'q.bib');
    expect(r.records).toEqual([]);
    expect(r.problems[0]!.reason).toMatch(/unterminated quote/);
  });

  it('reads 10k-deep braces without overflowing the stack', () => {
    const deep = '{'.repeat(10_000) + 'x' + '}'.repeat(10_000);
    const r = parseBibtex(`@misc{a, title = ${deep}, note = {\\"${deep}}}`, 'deep.bib');
    expect(r.problems).toEqual([]);
    expect(r.records[0]!.title).toBe('x');
    const open = parseBibtex(`@misc{a, title = ${'{'.repeat(10_000)}x}`, 'open.bib');
    expect(open.records).toEqual([]);
    expect(open.problems).toHaveLength(1);
  });

  it('reads the fixtures without problems, every entry found', () => {
    const xampl = parseBibtex(readFixture('xampl.bib'), 'xampl.bib');
    expect(xampl.problems).toEqual([]);
    expect(xampl.records).toHaveLength(36);
    const examples = parseBibtex(readFixture('biblatex-examples.bib'), 'biblatex-examples.bib');
    expect(examples.problems).toEqual([]);
    expect(examples.records).toHaveLength(92);
  });

  it('resolves crossrefs for display, case-insensitively, keeping the raw entry', () => {
    const r = parseBibtex(readFixture('xampl.bib'), 'xampl.bib');
    const child = r.records.find((x) => x.citationKey === 'article-crossref')!;
    expect(child.venue).toBe("G-Animal's Journal");
    expect(child.date).toBe('1986-07');
    expect(child.fields.crossref).toBe('WHOLE-JOURNAL');
    expect(child.fields.journal).toBeUndefined();
    expect(JSON.parse(child.fields['shelfmark:inherited']!)).toEqual({
      date: '1986-07',
      venue: "G-Animal's Journal",
    });
  });

  it('turns keywords into tags, file fields into paths, keeps unknown fields', () => {
    const r = parseBibtex(
      '@article{k, keywords = {ml/retrieval, {a, b}; nlp}, file = {Full Text:papers/a b.pdf:PDF;C\\:\\\\x.pdf}, foo-bar = {Some \\emph{thing}}}',
      'k.bib',
    );
    const k = r.records[0]!;
    expect(k.tags).toEqual(['ml/retrieval', 'a, b', 'nlp']);
    expect(k.files).toEqual(['papers/a b.pdf', 'C:\\x.pdf']);
    const mendeley = parseBibtex(
      '@article{m, file = {:C$\\backslash$:/Users/me/a{\\_}b.pdf:pdf}}',
      'm.bib',
    );
    expect(mendeley.records[0]!.files).toEqual(['C:/Users/me/a_b.pdf']);
    expect(k.fields.file).toBe('Full Text:papers/a b.pdf:PDF;C\\:\\\\x.pdf');
    expect(k.fields['foo-bar']).toBe('Some thing');
    expect(k.fields['latex:foo-bar']).toBe('Some \\emph{thing}');
  });
});

/** Characters that matter to the grammar, plus some text. */
const bibChar = fc.constantFrom(
  ...'@{}()"#,=%\\ \n\tabcXYZ019-_~$\'`^.;:/'.split(''),
  '@article{',
  '@string{',
  '@comment{',
  '@preamble{',
  'title = ',
  ' and ',
  'ü',
  'Ω',
);

function checkResult(r: ReturnType<typeof parseBibtex>): void {
  expect(Array.isArray(r.records)).toBe(true);
  for (const p of r.problems) {
    expect(typeof p.reason).toBe('string');
    expect(p.line).toBeGreaterThanOrEqual(1);
  }
}

describe('BibTeX parser properties', () => {
  it('random input gives records and typed problems, never a throw (10k cases)', () => {
    fc.assert(
      fc.property(fc.array(bibChar, { maxLength: 80 }), (chars) => {
        checkResult(parseBibtex(chars.join(''), 'random.bib'));
      }),
      { numRuns: 10_000 },
    );
  });

  it('mutated real entries never throw and lose at most the entries they touch (2k cases)', () => {
    const base = readFixture('xampl.bib').slice(0, 2_500);
    const clean = parseBib(base).entries.length;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length), fc.nat(2), bibChar), { minLength: 1, maxLength: 4 }),
        (edits) => {
          let t = base;
          for (const [at, op, ch] of edits) {
            const i = at % (t.length + 1);
            t =
              op === 0
                ? t.slice(0, i) + t.slice(i + 1)
                : op === 1
                  ? t.slice(0, i) + ch + t.slice(i)
                  : t.slice(0, i) + ch + t.slice(i + 1);
          }
          const r = parseBibtex(t, 'mutated.bib');
          checkResult(r);
          // each edit damages at most a couple of entries; the rest still come through
          expect(r.records.length).toBeGreaterThanOrEqual(clean - 3 * edits.length);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('page ranges', () => {
  // keep() reads `123--145` straight to `123–145` without the general conversion both ways;
  // this checks the shortcut against that conversion: the display is latexToUnicode's, and no
  // LaTeX source is kept exactly when the pdflatex-safe export spells the source again
  it('read the same as the general conversion, with or without a kept source (1k cases)', () => {
    fc.assert(
      fc.property(
        fc.nat(99_999),
        fc.nat(99_999),
        fc.constantFrom('pages', 'number', 'volume', 'note', 'title', 'eprint', 'url'),
        (a, b, field) => {
          const raw = `${a}--${b}`;
          const rec = parseBibtex(`@misc{k, ${field} = {${raw}}}`, 'r.bib').records[0]!;
          const shown =
            field === 'title' ? rec.title : field === 'url' ? rec.url : rec.fields[field];
          const display = displayOf(field, raw);
          expect(shown).toBe(display);
          const spelled =
            unicodeToLatex(display, { ascii: true, protectCase: field === 'title' }) === raw ||
            unicodeToLatex(display, { ascii: false, protectCase: field === 'title' }) === raw;
          const kept = rec.fields[`latex:${field}`];
          if (field !== 'url') expect(kept).toBe(display === raw || spelled ? undefined : raw);
        },
      ),
      { numRuns: 1_000 },
    );
    expect(parseBibtex('@misc{k, pages = {123--145}}', 'r.bib').records[0]!.fields).toEqual({
      pages: '123–145',
    });
  });
});
