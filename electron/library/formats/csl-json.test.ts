import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cslDate, cslJsonFormat, topLevelElements } from './csl-json';
import { toCslDate } from './csl-json-export';

const sample = readFileSync(join(__dirname, 'testdata', 'sample-csl.txt'), 'utf8');

describe('CSL-JSON reader', () => {
  const { records, problems } = cslJsonFormat.parse(sample, 'refs.json');

  it('skips only the broken entry and names its line', () => {
    expect(records.map((r) => r.title)).toEqual([
      'Attention is all you need',
      'A book with a broken entry after it',
      'A thesis',
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'refs.json', line: 29 });
    expect(problems[0]!.reason).toMatch(/not valid JSON/);
  });

  it('keeps no-break spaces in values, and still reads JSON indented with them', () => {
    const tie = '[{"id": "a", "type": "book", "title": "J.\u00a0Amer. Math."}]';
    expect(cslJsonFormat.parse(tie, 'a.json').records[0]!.title).toBe('J.\u00a0Amer. Math.');
    const pasted = '[{\u00a0"id": "b",\u00a0"type": "book",\u00a0"title": "Pasted"}]';
    expect(cslJsonFormat.parse(pasted, 'b.json').records[0]!.title).toBe('Pasted');
  });

  it('maps CSL variables to the item model and keeps the rest verbatim', () => {
    const [a, b, c] = records;
    expect(a).toMatchObject({
      type: 'inproceedings',
      citationKey: 'vaswani2017',
      venue: 'Advances in Neural Information Processing Systems',
      date: '2017-12-04',
      doi: '10.5555/3295222.3295349',
      tags: ['transformers', 'attention'],
      line: 2,
      fields: {
        publisher: 'Curran Associates',
        pages: '5998--6008',
        volume: '30',
        venue: 'Long Beach, CA',
        'csl-archive': 'arXiv',
      },
    });
    expect(a!.creators.map((x) => [x.prefix, x.family, x.literal])).toEqual([
      ['', 'Vaswani', ''],
      ['van der', 'Berg', ''],
      ['', '', 'Google Brain Team'],
    ]);
    expect(b).toMatchObject({
      type: 'book',
      venue: 'Addison-Wesley',
      date: '1999-05',
      fields: { isbn: '0-201-13447-0' },
    });
    expect(c).toMatchObject({
      type: 'thesis',
      venue: 'University of Somewhere',
      date: 'circa 1900',
      fields: { type: 'PhD thesis' },
    });
    expect(c!.citationKey).toBe('zotero-item-4');
  });

  it('accepts a single object and {items: [...]} and reports non-objects', () => {
    expect(cslJsonFormat.parse('{"type":"book","title":"One"}', 'f').records).toHaveLength(1);
    expect(
      cslJsonFormat.parse('{"items":[{"type":"book","title":"One"}]}', 'f').records,
    ).toHaveLength(1);
    const r = cslJsonFormat.parse('[1, {"type":"book","title":"Two"}, null]', 'f');
    expect(r.records.map((x) => x.title)).toEqual(['Two']);
    expect(r.problems.map((p) => p.reason)).toEqual([
      'entry 1: entry is not a JSON object',
      'entry 3: entry is not a JSON object',
    ]);
    expect(cslJsonFormat.parse('not json', 'f').problems[0]!.reason).toMatch(/not valid JSON/);
  });

  it('converts dates both ways', () => {
    expect(
      cslDate({
        'date-parts': [
          [2019, 5],
          [2019, 6],
        ],
      }),
    ).toBe('2019-05/2019-06');
    expect(cslDate({ 'date-parts': [['2019', '5', '14']] })).toBe('2019-05-14');
    expect(cslDate({ season: 1 })).toBe('');
    expect(toCslDate('2019-05/2019-06')).toEqual({
      'date-parts': [
        [2019, 5],
        [2019, 6],
      ],
    });
    expect(toCslDate('Spring 2019')).toEqual({ literal: 'Spring 2019' });
  });

  it('finds top-level elements without recursion, even 100k levels deep', () => {
    const deep = '[' + '['.repeat(100_000) + ']'.repeat(100_000) + ', {"a": "]"}]';
    expect(topLevelElements(deep)).toHaveLength(2);
    const r = cslJsonFormat.parse(deep, 'deep.json');
    expect(r.records).toEqual([]);
    expect(r.problems.length).toBeGreaterThan(0);
  });
});
