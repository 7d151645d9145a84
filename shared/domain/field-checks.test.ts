import { describe, expect, it } from 'vitest';
import { dateProblem, doiProblem } from './field-checks';

describe('dateProblem', () => {
  it('accepts what the engine reads: empty, YYYY, YYYY-MM, YYYY-MM-DD and ranges', () => {
    for (const ok of [
      '',
      '  ',
      '2017',
      '2017-06',
      '2017-06-12',
      '2020-02-29',
      '-0044',
      '2017/2018',
      '2017-06/..',
    ])
      expect(dateProblem(ok), ok).toBeNull();
  });

  it('names the problem of a value with no year, the Year column would go blank', () => {
    expect(dateProblem('not a date')).toBe('not a date: use YYYY, YYYY-MM or YYYY-MM-DD');
    expect(dateProblem('June 2017')).toBe('not a date: use YYYY, YYYY-MM or YYYY-MM-DD');
    expect(dateProblem('12/06/2017')).toBe('not a date: use YYYY, YYYY-MM or YYYY-MM-DD');
  });

  it('says when only the year is understood, and catches impossible months and days', () => {
    expect(dateProblem('2017 June')).toBe(
      'read as the year 2017 only: use YYYY, YYYY-MM or YYYY-MM-DD',
    );
    expect(dateProblem('2017-13')).toBe('no month 13: months are 01 to 12');
    expect(dateProblem('2019-02-29')).toBe('no day 29 in 2019-02');
    expect(dateProblem('2017-04-31')).toBe('no day 31 in 2017-04');
  });
});

describe('doiProblem', () => {
  it('accepts DOIs, doi.org links and doi: prefixes; an empty field is fine', () => {
    for (const ok of [
      '',
      '10.1038/nature14539',
      'https://doi.org/10.1038/nature14539',
      'doi:10.48550/arXiv.1706.03762',
    ])
      expect(doiProblem(ok), ok).toBeNull();
  });

  it('names the problem of anything else', () => {
    expect(doiProblem('bogus')).toMatch(/^not a DOI: a DOI starts with 10\. and a slash/);
    expect(doiProblem('10.1038')).not.toBeNull();
  });
});
