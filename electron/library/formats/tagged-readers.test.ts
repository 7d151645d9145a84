import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { endnoteEnwFormat } from './endnote-enw';
import { endnoteXmlFormat } from './endnote-xml';
import { detectFormat } from './index';
import { expandPages, pubmedFormat } from './pubmed-nbib';
import { risFormat } from './ris';

const sample = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');

describe('RIS reader', () => {
  const { records, problems } = risFormat.parse(sample('sample.ris'), 'sample.ris');

  it('reads every record with types mapped to the item model', () => {
    expect(problems).toEqual([]);
    expect(records.map((r) => r.type)).toEqual([
      'article',
      'book',
      'incollection',
      'thesis',
      'inproceedings',
      'online',
      'report',
    ]);
  });

  it('maps a journal article field by field and keeps unknown tags verbatim', () => {
    const a = records[0]!;
    expect(a.title).toBe('Attention is all you need');
    expect(a.venue).toBe('Advances in Neural Information Processing Systems');
    expect(a.fields['ris-jo']).toBe('Adv. Neural Inf. Process. Syst.');
    expect(a.date).toBe('2017-12-04');
    expect(a.doi).toBe('10.5555/3295222.3295349');
    expect(a.fields.pages).toBe('5998--6008');
    expect(a.fields.volume).toBe('30');
    expect(a.fields.issn).toBe('1049-5258');
    expect(a.fields.note).toBe('Oral presentation');
    expect(a.fields['ris-c1']).toBe('custom value');
    expect(a.tags).toEqual(['transformers', 'attention']);
    expect(a.abstract).toBe(
      'The dominant sequence transduction models are based on complex recurrent\nor convolutional neural networks.',
    );
    expect(a.creators.map((c) => [c.prefix, c.family, c.given])).toEqual([
      ['', 'Vaswani', 'Ashish'],
      ['', 'Shazeer', 'Noam'],
      ['van der', 'Berg', 'Jan'],
    ]);
    expect(a.line).toBe(1);
  });

  it('puts the publisher in venue for books, reports and theses', () => {
    expect(records[1]!.venue).toBe('Addison-Wesley');
    expect(records[1]!.fields.isbn).toBe('0-201-13447-0');
    expect(records[1]!.fields.location).toBe('Reading, MA');
    expect(records[2]!.venue).toBe('The Big Book');
    expect(records[2]!.fields.publisher).toBe('Springer');
    expect(records[2]!.creators.map((c) => c.role)).toEqual(['author', 'editor']);
    expect(records[2]!.date).toBe('2020');
    expect(records[3]!.venue).toBe('University of Somewhere');
    expect(records[3]!.fields.type).toBe('PhD thesis');
    expect(records[6]!.creators[0]!.literal).toBe('World Health Organization');
    expect(records[5]!.fields.urldate).toBe('2024-01-05');
  });

  it('skips only the malformed record and names its line', () => {
    const text = [
      'TY  - JOUR',
      'TI  - Good one',
      'ER  - ',
      'stray text',
      'TY  - ',
      'TI  - no type',
      'ER  - ',
      'TY  - JOUR',
      'PY  - 2020',
      'ER  - ',
      'TY  - BOOK',
      'TI  - Last, unterminated',
    ].join('\n');
    const r = risFormat.parse(text, 'bad.ris');
    expect(r.records.map((x) => x.title)).toEqual(['Good one', 'Last, unterminated']);
    expect(r.problems).toEqual([
      { file: 'bad.ris', line: 5, reason: 'record has an empty TY (type) line' },
      { file: 'bad.ris', line: 8, reason: 'record has no title, author, DOI or URL' },
    ]);
  });

  it('ignores publisher headers, forgives a missing ER and a one-space tag, reports stray tags', () => {
    const text = [
      'Provider: American Chemical Society',
      'Database: ACS Publications',
      '',
      'TY - JOUR',
      'TI - One space',
      'TY  - BOOK',
      'TI  - After a missing ER',
      'ER  - ',
      'TI  - orphan title',
      'AU  - Orphan, Author',
      'ER  - ',
    ].join('\r\n');
    expect(detectFormat(text)?.id).toBe('ris');
    const r = risFormat.parse(text, 'x.ris');
    expect(r.records.map((x) => [x.type, x.title, x.line])).toEqual([
      ['article', 'One space', 4],
      ['book', 'After a missing ER', 6],
    ]);
    expect(r.problems).toEqual([
      {
        file: 'x.ris',
        line: 9,
        reason: 'tagged lines outside a record (no TY line before them) skipped',
      },
    ]);
  });

  it('is detected from content', () => {
    expect(detectFormat(sample('sample.ris'))?.id).toBe('ris');
  });
});

describe('EndNote tagged (.enw) reader', () => {
  const { records, problems } = endnoteEnwFormat.parse(sample('sample.enw'), 'sample.enw');

  it('reads records and maps fields', () => {
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.type, r.line])).toEqual([
      ['article', 1],
      ['incollection', 16],
      ['thesis', 27],
    ]);
    const a = records[0]!;
    expect(a.venue).toBe('Journal of Feline Studies');
    expect(a.fields).toMatchObject({
      volume: '12',
      number: '3',
      pages: '45--67',
      issn: '1234-5678',
    });
    expect(a.doi).toBe('10.1234/jfs.2020.003');
    expect(a.tags).toEqual(['cats', 'deep learning']);
    expect(a.creators.map((c) => c.family)).toEqual(['Smith', 'Doe']);
    const b = records[1]!;
    expect(b.venue).toBe('Handbook of Pets');
    expect(b.fields).toMatchObject({ publisher: 'Pet Press', location: 'London', edition: '2nd' });
    expect(b.creators.map((c) => c.role)).toEqual(['author', 'editor']);
    expect(records[2]!.venue).toBe('University of Somewhere');
    expect(records[2]!.fields['enw-x24']).toBe('custom dollar');
  });

  it('is detected from content', () => {
    expect(detectFormat(sample('sample.enw'))?.id).toBe('enw');
  });
});

describe('PubMed .nbib reader', () => {
  const { records, problems } = pubmedFormat.parse(sample('sample.nbib'), 'sample.nbib');

  it('reads MEDLINE records with full author names, DOI and expanded pages', () => {
    expect(problems).toEqual([]);
    expect(records).toHaveLength(2);
    const a = records[0]!;
    expect(a.title).toBe('Single-cell transcriptomics of the developing mouse brain');
    expect(a.venue).toBe('Nature');
    expect(a.date).toBe('2019-08');
    expect(a.doi).toBe('10.1038/s41586-019-1506-7');
    expect(a.fields).toMatchObject({
      pmid: '31452104',
      volume: '572',
      number: '7768',
      pages: '199--204',
    });
    expect(a.fields.issn).toBe('1476-4687 (Electronic)\n0028-0836 (Linking)');
    expect(a.abstract).toBe(
      'The brain is the most complex organ. Here we profile single cells across development and identify many cell types.',
    );
    expect(a.creators.map((c) => [c.family, c.given])).toEqual([
      ['La Manno', 'Gioele'],
      ['Linnarsson', 'Sten'],
    ]);
    // A capitalised particle given in "Family, Given" form stays part of the family name.
    expect(a.creators[0]!.prefix).toBe('');
    expect(a.tags).toEqual(['single-cell', 'RNA-seq']);
    const b = records[1]!;
    expect(b.line).toBe(32);
    expect(b.title).toBe('A second article with a title that is wrapped over two lines');
    expect(b.date).toBe('2001-03-15');
    expect(b.fields.pages).toBe('1123--1128');
    expect(b.creators.map((c) => c.literal || c.family)).toEqual(['Kim', 'The Example Consortium']);
  });

  it('reads PubMed Bookshelf chapters and books', () => {
    const text = [
      'PMID- 20301295',
      'STAT- Publisher',
      'BTI - GeneReviews(R)',
      'PB  - University of Washington, Seattle',
      'CTI - GeneReviews',
      'DP  - 1993',
      'TI  - Alpha-Thalassemia.',
      'FAU - Tamary, Hannah',
      'FED - Adam, Margaret P',
      'ED  - Adam MP',
      '',
      'PMID- 21413318',
      'BTI - Health Literacy: A Prescription to End Confusion.',
      'PB  - National Academies Press (US)',
      'PL  - Washington (DC)',
      'DP  - 2004',
      'ISBN- 0309091179',
    ].join('\n');
    const { records, problems } = pubmedFormat.parse(text, 'books.nbib');
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.type, r.title, r.venue, r.date])).toEqual([
      ['incollection', 'Alpha-Thalassemia', 'GeneReviews(R)', '1993'],
      [
        'book',
        'Health Literacy: A Prescription to End Confusion',
        'National Academies Press (US)',
        '2004',
      ],
    ]);
    expect(records[0]!.fields).toMatchObject({
      publisher: 'University of Washington, Seattle',
      series: 'GeneReviews',
    });
    expect(records[0]!.creators.map((c) => [c.role, c.family])).toEqual([
      ['author', 'Tamary'],
      ['editor', 'Adam'],
    ]);
    expect(records[1]!.fields).toMatchObject({ isbn: '0309091179', location: 'Washington (DC)' });
  });

  it('expands MEDLINE page ranges', () => {
    expect(expandPages('199-204')).toBe('199--204');
    expect(expandPages('1123-8')).toBe('1123--1128');
    expect(expandPages('e123')).toBe('e123');
  });

  it('is detected from content', () => {
    expect(detectFormat(sample('sample.nbib'))?.id).toBe('nbib');
  });
});

describe('EndNote XML reader', () => {
  const { records, problems } = endnoteXmlFormat.parse(sample('sample-endnote.xml'), 'lib.xml');

  it('reads good records and skips the malformed one with its line', () => {
    expect(records.map((r) => r.type)).toEqual(['article', 'book', 'incollection']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'lib.xml', line: 4 });
    expect(problems[0]!.reason).toMatch(/malformed XML/);
  });

  it('maps styled text, dates, identifiers and keeps unknown elements', () => {
    const a = records[0]!;
    expect(a.title).toBe('Deep learning for cats');
    expect(a.venue).toBe('Journal of Feline Studies');
    expect(a.fields.shortjournal).toBe('J Feline Stud');
    expect(a.date).toBe('2020-05-04');
    expect(a.creators.map((c) => c.family)).toEqual(['Smith', 'Müller']);
    expect(a.abstract).toBe('We study cats & dogs.');
    expect(a.doi).toBe('10.1234/jfs.2020.003');
    expect(a.fields.pages).toBe('45--67');
    expect(a.fields['endnote-custom1']).toBe('c-one');
    expect(a.tags).toEqual(['cats', 'deep learning']);
    const b = records[1]!;
    expect(b.citationKey).toBe('knuth1984');
    expect(b.venue).toBe('Addison-Wesley');
    expect(b.fields).toMatchObject({ location: 'Reading, MA', isbn: '0-201-13447-0' });
    expect(records[2]!.venue).toBe('The Big Book');
    expect(records[2]!.creators.map((c) => c.role)).toEqual(['author', 'editor']);
  });

  it('keeps styled runs of text in order', () => {
    const x =
      '<xml><records><record><ref-type name="Journal Article">17</ref-type><titles><title>Deep <style face="italic">cats</style> and H<style face="subscript">2</style>O</title></titles></record></records></xml>';
    expect(endnoteXmlFormat.parse(x, 'x.xml').records[0]!.title).toBe('Deep cats and H2O');
  });

  it('decodes character references and expands no other entity', () => {
    // XML writers spell non-ASCII as &#252; or &#xE9;; an undeclared &ext; stays as text
    const x =
      '<xml><records><record><ref-type name="Journal Article">17</ref-type><contributors><authors><author>M&#252;ller, Ren&#xE9;</author></authors></contributors><titles><title>&#8722;80 &#176;C &amp; &ext;</title></titles></record></records></xml>';
    const [r] = endnoteXmlFormat.parse(x, 'x.xml').records;
    expect(r!.creators[0]).toMatchObject({ family: 'Müller', given: 'René' });
    expect(r!.title).toBe('−80 °C & &ext;');
  });

  it('is detected from content', () => {
    expect(detectFormat(sample('sample-endnote.xml'))?.id).toBe('endnote-xml');
  });
});
