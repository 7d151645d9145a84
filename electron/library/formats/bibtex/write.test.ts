import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../../../shared/domain/import';
import type { Creator, Item } from '../../../../shared/domain/item';
import { parseBib } from './parse';
import { parseBibtex } from './records';
import { type BibProfile, writeBib } from './write';

function item(over: Partial<Item>): Item {
  return {
    id: 1,
    type: 'article',
    citationKey: 'k',
    keyAliases: [],
    title: '',
    date: '',
    year: null,
    venue: '',
    doi: '',
    url: '',
    abstract: '',
    creators: [],
    fields: {},
    tags: [],
    collectionIds: [],
    readState: 'unread',
    starred: false,
    rating: 0,
    reviewNeeded: false,
    dateAdded: '',
    dateModified: '',
    deletedAt: null,
    ...over,
  };
}

/** What the library would hold after importing a record (aliases from `ids`, as the pipeline does). */
function asItem(r: ImportRecord, id: number): Item {
  const fields = { ...r.fields };
  const aliases = (fields.ids ?? '').split(',').filter(Boolean);
  delete fields.ids;
  return item({ ...r, id, citationKey: r.citationKey ?? '', fields, keyAliases: aliases });
}

const hostile = fc.string({
  unit: fc.constantFrom(
    ...'ab Z9,.-{}\\"@#%$&_~^\'`\n=()'.split(''),
    '}@misc{x,',
    '\n@article{y,',
    'ü',
    'α',
    '“',
    '\u00a0',
    ' and ',
  ),
  maxLength: 40,
});

const person = fc.record({
  role: fc.constant('author' as const),
  family: hostile,
  given: hostile,
  prefix: fc.constant(''),
  suffix: fc.constant(''),
  literal: fc.constant(''),
}) as fc.Arbitrary<Creator>;

describe('BibTeX writer', () => {
  it('writes pdflatex-safe BibTeX with month macros and BibLaTeX with ISO dates', () => {
    const it1 = item({
      citationKey: 'mueller2019',
      title: 'Über BERT & co',
      date: '2019-05',
      venue: 'Zeitschrift für Öl',
      doi: '10.1000/a_b%c',
      url: 'https://x.org/a_b#c',
      fields: { file: 'C:\\papers\\a_b.pdf', note: '50% off' },
      tags: ['ml/nlp'],
      keyAliases: ['old'],
    });
    const bibtex = writeBib([it1], { profile: 'bibtex' });
    expect(bibtex).toBe(
      [
        '@article{mueller2019,',
        '  title = {{\\"{U}}ber {BERT} \\& co},',
        '  journal = {Zeitschrift f{\\"{u}}r {\\"{O}}l},',
        '  year = {2019},',
        '  month = may,',
        '  doi = {10.1000/a_b%c},',
        '  url = {https://x.org/a_b#c},',
        '  keywords = {ml/nlp},',
        '  ids = {old},',
        '  file = {C:\\papers\\a_b.pdf},',
        '  note = {50\\% off},',
        '}',
        '',
      ].join('\n'),
    );
    const biblatex = writeBib([it1], { profile: 'biblatex' });
    expect(biblatex).toContain('  title = {Über {BERT} \\& co},');
    expect(biblatex).toContain('  journaltitle = {Zeitschrift für Öl},');
    expect(biblatex).toContain('  date = {2019-05},');
    expect(biblatex).not.toContain('month');
  });

  it('writes page ranges from RIS, PubMed and CSL-JSON imports as ranges, not two hyphens', () => {
    // those readers store `123--145`; escaped to `123-{}-145` it printed two hyphens and biber
    // no longer saw a range
    const it = item({ fields: { pages: '123--145, 150--152' } });
    expect(writeBib([it], { profile: 'bibtex' })).toContain('  pages = {123--145, 150--152},');
    expect(writeBib([it], { profile: 'biblatex' })).toContain('  pages = {123–145, 150–152},');
    // a BibTeX import stores the en dash itself: both give the same entry
    const bib = item({ fields: { pages: '123–145, 150–152' } });
    expect(writeBib([bib], { profile: 'bibtex' })).toBe(writeBib([it], { profile: 'bibtex' }));
  });

  it('sorts by key and puts crossref targets last for BibTeX', () => {
    const items = [
      item({ id: 1, citationKey: 'b', fields: { crossref: 'A' } }),
      item({ id: 2, citationKey: 'A' }),
      item({ id: 3, citationKey: 'c' }),
    ];
    const keys = (p: BibProfile) =>
      parseBib(writeBib(items, { profile: p })).entries.map((e) => e.key);
    expect(keys('bibtex')).toEqual(['b', 'c', 'A']);
    expect(keys('biblatex')).toEqual(['A', 'b', 'c']);
  });

  it.each(['bibtex', 'biblatex'] as const)(
    '%s: hostile values never add records; export → parse → export is byte-stable',
    (profile) => {
      fc.assert(
        fc.property(
          hostile,
          hostile,
          hostile,
          fc.array(person, { maxLength: 3 }),
          fc.array(hostile, { maxLength: 3 }),
          (title, note, url, creators, tags) => {
            const items = [
              item({ id: 1, citationKey: 'one', title, url, creators, tags, fields: { note } }),
              item({ id: 2, citationKey: 'two', type: 'book', venue: note, abstract: title }),
            ];
            const first = writeBib(items, { profile });
            const parsed = parseBibtex(first, 'x.bib');
            expect(parsed.problems).toEqual([]);
            expect(parsed.records.map((r) => r.citationKey)).toEqual(['one', 'two']);
            const again = writeBib(
              parsed.records.map((r, i) => ({ ...asItem(r, i + 1), tags: r.tags })),
              { profile },
            );
            const third = writeBib(
              parseBibtex(again, 'y.bib').records.map((r, i) => ({
                ...asItem(r, i + 1),
                tags: r.tags,
              })),
              { profile },
            );
            expect(third).toBe(again);
          },
        ),
        { numRuns: 1_000 },
      );
    },
  );
});
