import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanDoi } from './identifiers';
import { extractMetadata, nameLike, splitName } from './metadata';
import { probePdf } from './run-worker';
import { makePaper } from './testing/make-pdf';
import { fixturePath as fixture } from '../testing/fixtures';

const names = (m: ReturnType<typeof extractMetadata>) =>
  m.creators.map((c) => [c.given, c.prefix, c.family].filter(Boolean).join(' '));

async function fromFixture(file: string, strip = false) {
  const raw = await probePdf(file, readFileSync(fixture(file)));
  return extractMetadata(strip ? { ...raw, info: {}, xmp: {} } : raw, file);
}

describe('metadata of the fixtures', () => {
  it('revtex-apssamp: two-line title without its footnote mark, four authors, no collaborations, no DOI from the references', async () => {
    const m = await fromFixture('revtex-apssamp.pdf');
    expect(m.title).toBe('Manuscript Title: with Forced Linebreak');
    expect(names(m)).toEqual(['Ann Author', 'Second Author', 'Charlie Author', 'Delta Author']);
    expect(m.doi).toBe('');
    expect(m.arxivId).toBe('');
    expect(m.year).toBe('2018');
    expect(m.reviewNeeded).toBe(false);
    expect(m.sources.title).toBe('text');
  });

  it('acmart-sample-sigconf: title, nine authors with accents and no footnote marks, no cited DOI or arXiv id, no placeholder DOI', async () => {
    const m = await fromFixture('acmart-sample-sigconf.pdf');
    expect(m.title).toBe('The Name of the Title Is Hope');
    const expected = [
      'Ben Trovato',
      'G.K.M. Tobin',
      'Lars Thørväld',
      'Valerie Béranger',
      'Aparna Patel',
      'Huifen Chan',
      'Charles Palmer',
      'John Smith',
      'Julius P. Kumquat',
    ];
    expect(names(m)).toEqual(expected);
    expect(m.creators[8]).toMatchObject({ given: 'Julius P.', family: 'Kumquat' });
    expect(m.doi).toBe('');
    expect(m.arxivId).toBe('');
    expect(m.year).toBe('2018');
    // the same answer from the page layout alone, without Info/XMP
    const bare = await fromFixture('acmart-sample-sigconf.pdf', true);
    expect(bare.title).toBe('The Name of the Title Is Hope');
    expect(names(bare)).toEqual(expected);
  });
});

describe('metadata of generated papers', () => {
  it('takes the arXiv id from the sideways stamp, not from the reference list, and the DOI printed with a marker', async () => {
    const bytes = await makePaper({
      title: ['Sparse Attention for Long', 'Documents'],
      authors: 'Maria Gonzalez, Kenji Watanabe and Olúwáseun Adébáyò',
      affiliation: 'Department of Computing, Example University, Lagos',
      body: ['Abstract', 'We study attention. DOI: 10.1234/example.5678.', 'Our method is fast.'],
      references: ['[1] A. Other et al. Cited work. arXiv:1905.12410. doi:10.9999/cited.1'],
      stamp: 'arXiv:2101.01234v2 [cs.LG] 5 Jan 2021',
      info: { title: 'paper.dvi', author: 'admin' },
    });
    const m = extractMetadata(await probePdf('x.pdf', bytes), 'x.pdf');
    expect(m.title).toBe('Sparse Attention for Long Documents');
    expect(names(m)).toEqual(['Maria Gonzalez', 'Kenji Watanabe', 'Olúwáseun Adébáyò']);
    expect(m.arxivId).toBe('2101.01234');
    expect(m.year).toBe('2021');
    expect(m.doi).toBe('10.1234/example.5678');
  });

  it('falls back to the file name and asks for review when the PDF has no usable text', async () => {
    const bytes = await makePaper({ body: ['1', '2'], info: { title: 'Untitled' } });
    const m = extractMetadata(await probePdf('scan_0042.pdf', bytes), 'smith_2019_scan.pdf');
    expect(m.title).toBe('smith 2019 scan');
    expect(m.sources.title).toBe('filename');
    expect(m.reviewNeeded).toBe(true);
  });

  it('trusts the Info title only when the page agrees with it', async () => {
    const bytes = await makePaper({
      title: ['Graph Neural Networks in Practice'],
      authors: 'Ann Lee',
      body: ['Graphs are everywhere, and this paper says how to learn on them.', 'It has results.'],
      info: { title: 'Journal of Irrelevant Results', author: 'Ann Lee' },
    });
    const m = extractMetadata(await probePdf('g.pdf', bytes), 'g.pdf');
    expect(m.title).toBe('Graph Neural Networks in Practice');
    expect(names(m)).toEqual(['Ann Lee']);
  });
});

describe('pieces', () => {
  it('cleans DOIs and refuses placeholders', () => {
    expect(cleanDoi('https://doi.org/10.1145/1188913.1188927.')).toBe('10.1145/1188913.1188927');
    expect(cleanDoi('doi:10.1000/(abc)def)')).toBe('10.1000/(abc)def');
    expect(cleanDoi('https://doi.org/XXXXXXX.XXXXXXX')).toBeNull();
    expect(cleanDoi('10.1145/XXXXXXX.XXXXXXX')).toBeNull();
    expect(cleanDoi('99.9999/woot07-S422')).toBeNull();
  });

  it('tells names from affiliations and collaborations', () => {
    expect(nameLike('Lars Thørväld')).toBe(true);
    expect(nameLike('Ludwig van Beethoven')).toBe(true);
    expect(nameLike('MUSO Collaboration')).toBe(false);
    expect(nameLike('Rajiv Gandhi University')).toBe(false);
    expect(nameLike('trovato@corporation.com')).toBe(false);
    expect(nameLike('Plato')).toBe(false);
    expect(splitName('Ludwig van Beethoven')).toMatchObject({
      given: 'Ludwig',
      prefix: 'van',
      family: 'Beethoven',
    });
    expect(splitName('JOHN SMITH')).toMatchObject({ given: 'John', family: 'Smith' });
  });
});

describe('more layouts', () => {
  it('a one-font page: the first short line is a flagged guess', async () => {
    const bytes = await makePaper({
      body: ['Hello World', '', 'Some words follow here in the same size.'],
    });
    const m = extractMetadata(await probePdf('minimal.pdf', bytes), 'minimal.pdf');
    expect(m.title).toBe('Hello World');
    expect(m.reviewNeeded).toBe(true);
  });

  it('IEEE-style author line with memberships, Springer-style dots between names', async () => {
    const ieee = await makePaper({
      title: ['Bare Demo of a Journal Paper'],
      authors:
        'Michael Shell, Member, IEEE, John Doe, Fellow, OSA, and Jane Doe, Life Fellow, IEEE',
      body: ['Abstract', 'The abstract goes here and is long enough to be body text for sure.'],
    });
    const a = extractMetadata(await probePdf('i.pdf', ieee), 'i.pdf');
    expect(names(a)).toEqual(['Michael Shell', 'John Doe', 'Jane Doe']);
    const springer = await makePaper({
      title: [
        'Do RESTful API design rules have an impact on the',
        'understandability of Web APIs?',
      ],
      authors: 'Justus Bogner · Sebastian Kotstein · Timo Pfaff',
      body: [
        'Received: 1 May 2022 / Accepted: 2 Jan 2023',
        'https://doi.org/10.1007/s10664-022-10288-5',
        'Abstract Context: Web APIs are everywhere.',
      ],
    });
    const b = extractMetadata(await probePdf('s.pdf', springer), 's.pdf');
    expect(b.title).toBe(
      'Do RESTful API design rules have an impact on the understandability of Web APIs?',
    );
    expect(names(b)).toEqual(['Justus Bogner', 'Sebastian Kotstein', 'Timo Pfaff']);
    expect(b.doi).toBe('10.1007/s10664-022-10288-5');
  });
});
