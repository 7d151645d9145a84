import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../../shared/domain/import';
import type { Item } from '../../../shared/domain/item';
import { bibtexImport } from './bibtex/index';
import { cslJsonExport } from './csl-json-export';
import { cslJsonFormat } from './csl-json';
import { detectFormat } from './index';
import { risExport } from './ris-export';
import { risFormat } from './ris';
import { content, fixturePath, itemArb, makeItem, person } from './test-items';

const items = [
  makeItem(1, {
    type: 'article',
    citationKey: 'vaswani2017attention',
    title: 'Attention Is All You Need',
    date: '2017-12',
    venue: 'Advances in Neural Information Processing Systems',
    doi: '10.5555/3295222.3295349',
    url: 'https://papers.nips.cc/paper/7181',
    abstract: 'The dominant sequence transduction models…\nSecond paragraph.',
    creators: [person('author', 'Vaswani', 'Ashish'), person('author', 'Berg', 'Jan', 'van der')],
    fields: { volume: '30', pages: '5998--6008', langid: 'english', note: 'Oral' },
    tags: ['transformers', 'nlp/attention'],
  }),
  makeItem(2, {
    type: 'phdthesis',
    citationKey: 'student2021',
    title: 'Learning {BERT} things & $x_1$ stuff',
    date: '2021',
    venue: 'University of Somewhere',
    creators: [
      person('author', 'Student', 'Sam'),
      {
        role: 'author',
        family: '',
        given: '',
        prefix: '',
        suffix: '',
        literal: 'ACME Research Group',
      },
    ],
    fields: { type: 'PhD thesis', urldate: '2024-01-05', 'ris-c1': 'kept' },
  }),
  makeItem(3, {
    type: 'incollection',
    citationKey: 'doe2020chapter',
    title: 'A chapter',
    date: '2020/2021',
    venue: 'The Big Book',
    creators: [person('author', 'Doe', 'Jane'), person('editor', 'Editor', 'Eddie')],
    fields: { publisher: 'Springer', pages: 'e123', eprint: '2401.01234', eprinttype: 'arxiv' },
  }),
];

describe('round trip: export → parse gives the same items', () => {
  it('RIS', () => {
    const text = risExport.write(items);
    expect(detectFormat(text)?.id).toBe('ris');
    const { records, problems } = risFormat.parse(text, 'out.ris');
    expect(problems).toEqual([]);
    expect(records.map(content)).toEqual(items.map(content));
  });

  it('CSL-JSON', () => {
    const text = cslJsonExport.write(items);
    expect(detectFormat(text)?.id).toBe('csljson');
    const { records, problems } = cslJsonFormat.parse(text, 'out.json');
    expect(problems).toEqual([]);
    expect(records.map(content)).toEqual(items.map(content));
  });

  it('CSL-JSON uses standard variables CSL processors read', () => {
    const [a] = JSON.parse(cslJsonExport.write(items)) as Record<string, unknown>[];
    expect(a).toMatchObject({
      type: 'article-journal',
      'container-title': 'Advances in Neural Information Processing Systems',
      page: '5998-6008',
      volume: '30',
      issued: { 'date-parts': [[2017, 12]] },
      author: [
        { family: 'Vaswani', given: 'Ashish' },
        { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
      ],
    });
  });

  it.each(['xampl.bib', 'biblatex-examples.bib'])(
    'RIS keeps what a BibTeX import stores (%s)',
    (f) => {
      // kept LaTeX sources are fields named `latex:<field>`, ties are no-break spaces, BibLaTeX
      // has name lists (holder, bookauthor, editora …) that RIS has no tag for, and an @xdata or
      // a minimal @misc has no title
      const bib = bibtexImport.parse(readFileSync(fixturePath(f), 'utf8'), f);
      const its = bib.records.map((r, i) => makeItem(i + 1, r));
      const { records, problems } = risFormat.parse(risExport.write(its), 'out.ris');
      expect(problems).toEqual([]);
      expect(records.map(content)).toEqual(its.map(content));
    },
  );

  it.each(['xampl.bib', 'biblatex-examples.bib'])(
    'CSL-JSON keeps what a BibTeX import stores (%s)',
    (f) => {
      const bib = bibtexImport.parse(readFileSync(fixturePath(f), 'utf8'), f);
      const its = bib.records.map((r, i) => makeItem(i + 1, r));
      const { records, problems } = cslJsonFormat.parse(cslJsonExport.write(its), 'out.json');
      expect(problems).toEqual([]);
      // CSL writes page ranges `1-2`, read back as `1--2` by design: compare them dash-blind
      const same = (x: Item | ImportRecord) => {
        const c = content(x);
        const pages = c.fields.pages?.replace(/-+|–/g, '-');
        return pages === undefined ? c : { ...c, fields: { ...c.fields, pages } };
      };
      expect(records.map(same)).toEqual(its.map(same));
    },
  );

  it('RIS gives other programs an end page for en-dash and single-hyphen ranges', () => {
    // a BibTeX import stores `pages = {10--119}` as `10–119`: written as `SP - 10–119` alone,
    // other programs got no end page
    const its = [
      '10–119',
      '10--119',
      '10-119',
      'iv–xii',
      'S12–S19',
      '1123-8',
      'e123',
      '5–9, 12–14',
    ].map((pages, i) => makeItem(i + 1, { citationKey: `p${i}`, title: 't', fields: { pages } }));
    const text = risExport.write(its);
    const spEp = text
      .split('\n\nTY')
      .map((r) => [/^SP {2}- (.*)$/m.exec(r)?.[1], /^EP {2}- (.*)$/m.exec(r)?.[1]]);
    expect(spEp).toEqual([
      ['10', '119'],
      ['10', '119'],
      ['10', '119'],
      ['iv', 'xii'],
      ['S12', 'S19'],
      ['1123-8', undefined], // abbreviated end page: not unambiguous
      ['e123', undefined],
      ['5–9, 12–14', undefined],
    ]);
    // and Shelfmark reads back exactly what it stored
    const { records, problems } = risFormat.parse(text, 'out.ris');
    expect(problems).toEqual([]);
    expect(records.map(content)).toEqual(its.map(content));
    expect(risExport.write(records.map((r, i) => makeItem(i + 1, r)))).toBe(text);
  });

  it('a field value cannot start a new RIS record', () => {
    const evil = makeItem(9, {
      title: 'Evil\nER  - x\nTY  - JOUR\nTI  - injected',
      fields: { note: 'x\nER  -\n\nTY  - BOOK' },
    });
    const text = risExport.write([evil]);
    const { records } = risFormat.parse(text, 'evil.ris');
    expect(records).toHaveLength(1);
    expect(content(records[0]!)).toEqual(content(evil));
  });

  it('RIS and CSL-JSON round-trip arbitrary items (property, 300 runs each)', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 4 }), (its) => {
        const ris = risFormat.parse(risExport.write(its), 'p.ris');
        expect(ris.records.map(content)).toEqual(its.map(content));
        const csl = cslJsonFormat.parse(cslJsonExport.write(its), 'p.json');
        expect(csl.records.map(content)).toEqual(its.map(content));
      }),
      { numRuns: 300 },
    );
  });

  it('output is stable: export → parse → export is byte-identical', () => {
    for (const [fmt, exp] of [
      [risFormat, risExport],
      [cslJsonFormat, cslJsonExport],
    ] as const) {
      const first = exp.write(items);
      const back = fmt
        .parse(first, 'x')
        .records.map((r, i) => makeItem(i + 1, { ...r, citationKey: r.citationKey ?? '' }));
      expect(exp.write(back)).toBe(first);
    }
  });
});

describe('large files', () => {
  it('10k items export and read back with each record on its own line', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      makeItem(i + 1, {
        title: `Paper ${i}`,
        citationKey: `k${i}`,
        date: '2020',
        creators: [person('author', 'Smith', 'John')],
      }),
    );
    for (const [fmt, exp] of [
      [risFormat, risExport],
      [cslJsonFormat, cslJsonExport],
    ] as const) {
      const { records, problems } = fmt.parse(exp.write(many), 'big');
      expect(problems).toEqual([]);
      expect(records).toHaveLength(10_000);
      expect(records[9_999]!.title).toBe('Paper 9999');
      const lines = records.map((r) => r.line);
      expect(lines.every((l, i) => i === 0 || l > lines[i - 1]!)).toBe(true);
    }
  });
});
