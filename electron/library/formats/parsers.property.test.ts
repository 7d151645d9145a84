// Property tests: random and mutated inputs give each reader only typed problems (file, line,
// reason), never an exception or a hang. 10k cases per reader per run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../../shared/domain/import';
import { IMPORT_FORMATS } from './index';
import { fixturePath } from './test-items';

const RUNS = 10_000;
const sample = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');
const hfHead = readFileSync(fixturePath('hf-papers-listing.txt'), 'utf8').slice(0, 4000);

const SEEDS: Record<string, string[]> = {
  bibtex: [readFileSync(fixturePath('xampl.bib'), 'utf8').slice(0, 6000)],
  ris: [sample('sample.ris')],
  csljson: [sample('sample-csl.txt')],
  'endnote-xml': [sample('sample-endnote.xml')],
  enw: [sample('sample.enw')],
  nbib: [sample('sample.nbib')],
  listing: [
    hfHead,
    sample('hf-paper-page.txt'),
    sample('arxiv-new.txt'),
    sample('arxiv-abs.txt'),
    sample('arxiv-search.txt'),
  ],
};

// Pieces of syntax that matter to some reader, so mutations hit their edge cases.
const TOKENS = [
  '\n',
  '\r\n',
  '\n\n',
  '  - ',
  'TY  - JOUR\n',
  'ER  - \n',
  '%0 Book\n',
  '%A ',
  'PMID- 1\n',
  '      ',
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '\\',
  '<record>',
  '</record>',
  '<title>',
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
  '&a;',
  '&amp;',
  'Title:',
  'Authors:',
  'Abstract:',
  'arXiv:2401.00001 [pdf]',
  '▽ More',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '𝔘',
  'é',
];

const mutation = fc.record({
  at: fc.nat(),
  drop: fc.nat({ max: 40 }),
  insert: fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), {
    maxLength: 4,
  }),
});

function mutate(seed: string, ms: { at: number; drop: number; insert: string[] }[]): string {
  let s = seed;
  for (const m of ms) {
    const at = s.length ? m.at % (s.length + 1) : 0;
    s = s.slice(0, at) + m.insert.join('') + s.slice(at + m.drop);
  }
  return s;
}

const input = (seeds: string[]) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 6 }))
        .map(([s, ms]) => mutate(s, ms)),
    },
    {
      weight: 1,
      arbitrary: fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join('')),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  );

/** Throws (plain checks: `expect` per field would dominate the run time) unless well typed. */
function wellTyped(r: ParseResult, lines: number): void {
  const fail = (what: string) => {
    throw new Error(`${what}: ${JSON.stringify(r).slice(0, 500)}`);
  };
  if (!Array.isArray(r.records) || !Array.isArray(r.problems)) fail('result shape');
  for (const p of r.problems) {
    if (p.file !== 'fuzz.txt') fail('problem file');
    if (!Number.isInteger(p.line) || p.line < 1 || p.line > lines + 1) fail('problem line');
    if (typeof p.reason !== 'string' || !p.reason) fail('problem reason');
  }
  for (const rec of r.records) {
    if (typeof rec.title !== 'string' || typeof rec.type !== 'string' || !rec.type)
      fail('record type/title');
    if (!Number.isInteger(rec.line) || rec.line < 1) fail('record line');
    for (const v of Object.values(rec.fields)) if (typeof v !== 'string') fail('field value');
    for (const c of rec.creators)
      if (typeof c.family !== 'string' || typeof c.literal !== 'string') fail('creator');
  }
}

describe('readers never throw or hang on random and mutated input', () => {
  for (const format of IMPORT_FORMATS) {
    it(`${format.id}: ${RUNS} cases`, () => {
      const seeds = SEEDS[format.id] ?? [''];
      fc.assert(
        fc.property(input(seeds), (text) => {
          const score = format.detect(text);
          if (!(score >= 0 && score <= 1)) throw new Error(`detect score ${score}`);
          wellTyped(format.parse(text, 'fuzz.txt'), text.split(/\r\n|\r|\n/).length);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('deep nesting and huge lines do not overflow the stack', () => {
    const deep = [
      '['.repeat(10_000) + ']'.repeat(10_000),
      '{'.repeat(10_000),
      '<record>' + '<a>'.repeat(10_000) + '</a>'.repeat(10_000) + '</record>',
      'TY  - JOUR\n' + 'TI  - ' + 'x'.repeat(1_000_000) + '\nER  - ',
      'Title\n\n' + 'word '.repeat(200_000),
    ];
    let parsed = 0;
    for (const format of IMPORT_FORMATS)
      for (const text of deep) {
        wellTyped(format.parse(text, 'fuzz.txt'), text.split('\n').length);
        parsed++;
      }
    expect(parsed).toBe(IMPORT_FORMATS.length * deep.length);
  });
});
