import { describe, expect, it } from 'vitest';
import {
  formatIdentifier,
  parseArxiv,
  parseDoi,
  parseIdentifiers,
  parseIsbn,
  parsePmid,
} from './identifiers';

describe('parseDoi', () => {
  it('accepts bare DOIs, doi: labels and doi.org URLs, and strips trailing punctuation', () => {
    expect(parseDoi('10.1038/nature14539')).toBe('10.1038/nature14539');
    expect(parseDoi('doi:10.1038/nature14539.')).toBe('10.1038/nature14539');
    expect(parseDoi('https://doi.org/10.1000%2Fxyz123')).toBe('10.1000/xyz123');
    expect(parseDoi('http://dx.doi.org/10.1145/3290605.3300233')).toBe('10.1145/3290605.3300233');
  });
  it('keeps brackets that belong to the DOI and drops one that closes a sentence', () => {
    const sici = '10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O';
    expect(parseDoi(sici)).toBe(sici);
    expect(parseDoi('10.1000/abc(1))')).toBe('10.1000/abc(1)');
  });
  it('rejects what is not a DOI', () => {
    expect(parseDoi('10.1038')).toBeNull();
    expect(parseDoi('11.1038/x')).toBeNull();
  });
});

describe('parseArxiv', () => {
  it('reads new-style ids with and without versions, and abs/pdf URLs', () => {
    expect(parseArxiv('1706.03762')).toEqual({ id: '1706.03762' });
    expect(parseArxiv('arXiv:1706.03762v7')).toEqual({ id: '1706.03762', version: 'v7' });
    expect(parseArxiv('https://arxiv.org/abs/2306.02556v1')).toEqual({
      id: '2306.02556',
      version: 'v1',
    });
    expect(parseArxiv('https://arxiv.org/pdf/2306.02556.pdf')).toEqual({ id: '2306.02556' });
    expect(parseArxiv('http://export.arxiv.org/pdf/0704.0001v2')).toEqual({
      id: '0704.0001',
      version: 'v2',
    });
  });
  it('reads old-style ids, with subject classes', () => {
    expect(parseArxiv('hep-th/9711200')).toEqual({ id: 'hep-th/9711200' });
    expect(parseArxiv('math.GT/0309136v2')).toEqual({ id: 'math.GT/0309136', version: 'v2' });
    expect(parseArxiv('https://arxiv.org/abs/cond-mat/0102536')).toEqual({
      id: 'cond-mat/0102536',
    });
  });
  it('rejects impossible months and digit counts of the wrong era', () => {
    expect(parseArxiv('1713.00001')).toBeNull();
    expect(parseArxiv('1412.12345')).toBeNull(); // five digits only from 2015
    expect(parseArxiv('1501.1234')).toBeNull(); // four digits only until 2014
  });
});

describe('parseIsbn', () => {
  it('validates ISBN-13 and ISBN-10 checksums and returns ISBN-13', () => {
    expect(parseIsbn('978-0-262-03384-8')).toBe('9780262033848');
    expect(parseIsbn('0262033844')).toBe('9780262033848');
    expect(parseIsbn('ISBN 0-8044-2957-X')).toBe('9780804429573');
    expect(parseIsbn('978-0-262-03384-7')).toBeNull();
    expect(parseIsbn('0262033845')).toBeNull();
  });
});

describe('parsePmid', () => {
  it('reads PMIDs from labels and PubMed URLs', () => {
    expect(parsePmid('PMID: 26017442')).toBe('26017442');
    expect(parsePmid('https://pubmed.ncbi.nlm.nih.gov/26017442/')).toBe('26017442');
    expect(parsePmid('0123')).toBeNull();
  });
});

describe('parseIdentifiers', () => {
  it('splits a pasted list of mixed identifiers and reports the bad ones', () => {
    const text = [
      '10.1038/nature14539',
      'arXiv:1706.03762v7, https://arxiv.org/abs/hep-th/9711200',
      'ISBN 978 0 262 03384 8',
      'PMID 26017442',
      'hello 978-0-262-03384-7',
    ].join('\n');
    const { ids, invalid } = parseIdentifiers(text);
    expect(ids.map(formatIdentifier)).toEqual([
      'doi:10.1038/nature14539',
      'arXiv:1706.03762v7',
      'arXiv:hep-th/9711200',
      'ISBN 9780262033848',
      'PMID 26017442',
    ]);
    expect(invalid).toEqual([
      { input: 'hello', reason: 'not a DOI, arXiv id, ISBN or PubMed id' },
      { input: '978-0-262-03384-7', reason: 'looks like an ISBN but its check digit is wrong' },
    ]);
  });
  it('does not read two PubMed ids on one line as an ISBN', () => {
    const { ids } = parseIdentifiers('26017442 12345678');
    expect(ids.map((i) => i.kind)).toEqual(['pmid', 'pmid']);
  });
  it('removes duplicates, DOIs compared without case', () => {
    const { ids } = parseIdentifiers(
      '10.1038/NATURE14539 10.1038/nature14539 doi:10.1038/nature14539',
    );
    expect(ids).toHaveLength(1);
  });
});
