import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latexToUnicode } from './latex-to-unicode';
import { formatBibName, parseBibName, parseBibNames } from './names';
import { bracesBalanced, unicodeToLatex } from './unicode-to-latex';

describe('LaTeX → Unicode', () => {
  it.each([
    ['{\\"u}', 'ü'],
    ['M{\\"u}ller', 'Müller'],
    ['\\"{u}', 'ü'],
    ['\\ss', 'ß'],
    ['Stra\\ss e', 'Straße'],
    ['{\\ss}', 'ß'],
    ['10--20', '10–20'],
    ['a---b', 'a—b'],
    ['{\\c{C}}etinkaya', 'Çetinkaya'],
    ['{\\c C}', 'Ç'],
    ['Aks{\\i}n', 'Aksın'],
    ["{\\'\\i}", 'í'],
    ['{\\"{\\i}}', 'ï'],
    ['{\\={\\"{u}}}', 'ǖ'],
    // an accent whose argument is another accent without braces (LaTeX rejects it, files have
    // it): the inner accent takes its own argument instead of both vanishing
    ['{\\=\\"u}ber', 'ǖber'],
    ["\\'\\^e", 'ế'],
    ['\\=\\"{u}', 'ǖ'],
    ['\\v\\.{z}x', 'z\u0307\u030cx'.normalize('NFC')],
    ['{\\= \\" u}', 'ǖ'],
    ['\\=\\"', ''],
    ['\\v{s}', 'š'],
    ['$\\alpha$-helix', 'α-helix'],
    ['$\\Omega$', 'Ω'],
    ['$\\acute{\\omega}$', 'ώ'],
    ['$^{13}$C NMR', '13C NMR'],
    ['{BERT}: Pre-training', 'BERT: Pre-training'],
    ["``quoted''", '“quoted”'],
    ['a~b', 'a\u00a0b'],
    ['\\&, \\%, \\$, \\#, \\_', '&, %, $, #, _'],
    ['{\\noopsort{1973b}}1973', '1973'],
    ["\\mbox{G-Animal's} Journal", "G-Animal's Journal"],
    ['two\n   lines', 'two lines'],
    ['\\textbraceleft x\\textbraceright', '{x}'],
    ['An {$O(n \\log n / \\! \\log\\log n)$} Sorting', 'An O(n log n / log log n) Sorting'],
    ['\\mkbibquote{Intention} und \\enquote{{\\"U}ber {X}}', '“Intention” und “Über X”'],
  ])('%s → %s', (src, out) => {
    expect(latexToUnicode(src)).toBe(out);
  });
});

describe('Unicode → LaTeX (pdflatex-safe)', () => {
  const ascii = (s: string) => unicodeToLatex(s, { ascii: true });
  it.each([
    ['ü', '{\\"{u}}'],
    ['ç', '{\\c{c}}'],
    ['ß', '{\\ss}'],
    ['ï', '{\\"{\\i}}'],
    ['ǖ', '{\\={\\"{u}}}'],
    ['α', '$\\alpha$'],
    ['ώ', '$\\acute{\\omega}$'],
    ['–', '--'],
    ['a & b % c $ d # e _ f', 'a \\& b \\% c \\$ d \\# e \\_ f'],
    ['{x}', '{\\textbraceleft}x{\\textbraceright}'],
    ['--', '-{}-'],
  ])('%s → %s', (src, out) => {
    expect(ascii(src)).toBe(out);
  });

  it('spells the minus sign and common math symbols so pdflatex can print them', () => {
    // raw, each stopped pdflatex: "Unicode character − (U+2212) not set up for use with LaTeX"
    const s =
      'Storage at −80 °C; A ≅ B, x ∉ S, a ≪ b ≫ c, p ∧ q ∨ ¬r, U ⊕ V ⊗ W ⊥ X ∥ Y, ⌊x⌋ ⌈y⌉, f ↦ g ⇔ h, 1, …, n ⋯';
    const out = ascii(s);
    expect(out).toMatch(/^[\x20-\x7e]*$/);
    expect(out).toContain('{\\textminus}80');
    expect(latexToUnicode(out)).toBe(s);
  });

  it('protects words with inner capitals in titles', () => {
    expect(
      unicodeToLatex('BERT and GPT-3 on iPhone: a study', { ascii: true, protectCase: true }),
    ).toBe('{BERT} and {GPT-3} on {iPhone}: a study');
  });

  it('output is ASCII, brace-balanced and reads back as the input', () => {
    const text = fc.string({
      unit: fc.constantFrom(...'aZ09 ,.;:-–—{}\\$&%#_~^`\'"@üéçßøłÆαβΩώ“”\u00a0'.split('')),
      maxLength: 60,
    });
    fc.assert(
      fc.property(text, (s) => {
        const out = unicodeToLatex(s, { ascii: true, protectCase: true });
        expect(out).toMatch(/^[\x20-\x7e]*$/);
        expect(bracesBalanced(out)).toBe(true);
        const norm = (x: string) => x.replace(/[\s\u00a0]+/g, ' ').trim();
        expect(norm(latexToUnicode(out))).toBe(norm(s.normalize('NFC')));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('BibTeX names', () => {
  it.each([
    ['Donald E. Knuth', { given: 'Donald E.', family: 'Knuth' }],
    ['Knuth, Donald E.', { given: 'Donald E.', family: 'Knuth' }],
    ['Ludwig van Beethoven', { given: 'Ludwig', prefix: 'van', family: 'Beethoven' }],
    ['van Beethoven, Ludwig', { given: 'Ludwig', prefix: 'van', family: 'Beethoven' }],
    ['Jean de la Fontaine', { given: 'Jean', prefix: 'de la', family: 'Fontaine' }],
    ['King, Jr, Martin Luther', { given: 'Martin Luther', family: 'King', suffix: 'Jr' }],
    ['{Barnes and Noble, Inc.}', { literal: 'Barnes and Noble, Inc.' }],
    ['{\\"O}fele, Karl', { given: 'Karl', family: 'Öfele' }],
    [
      "Charles Louis Xavier Joseph {de la Vall{\\'e}e Poussin}",
      { given: 'Charles Louis Xavier Joseph', family: 'de la Vallée Poussin' },
    ],
  ])('%s', (raw, parts) => {
    expect(parseBibName(raw, 'author')).toMatchObject(parts);
  });

  it('splits on "and" outside braces, keeps "others"', () => {
    const names = parseBibNames("A. One and {B and C} and d'Two, E. AND others", 'author');
    expect(names.map((n) => n.family || n.literal)).toEqual(['One', 'B and C', "d'Two", 'others']);
  });

  it('formats names so they parse back the same', () => {
    for (const raw of [
      'Ludwig van Beethoven',
      'King, Jr, Martin Luther',
      '{Acme, Inc.}',
      'bell hooks',
      'Aristotle',
    ]) {
      const c = parseBibName(raw, 'author');
      expect(parseBibName(formatBibName(c, true), 'author')).toEqual(c);
    }
  });
});
