import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery, type QueryNode } from './parse';

function node(q: string): QueryNode | null {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return r.node;
}

function error(q: string) {
  const r = parseQuery(q);
  if (r.ok) throw new Error(`expected an error for ${q}`);
  return r.error;
}

describe('parseQuery', () => {
  it('reads words as prefix terms and quoted text as phrases', () => {
    expect(node('attention')).toEqual({
      kind: 'text',
      field: null,
      value: 'attention',
      phrase: false,
    });
    expect(node('"attention is all"')).toEqual({
      kind: 'text',
      field: null,
      value: 'attention is all',
      phrase: true,
    });
  });

  it('joins terms with AND, OR binds looser, - excludes', () => {
    expect(node('a b OR c -d')).toEqual({
      kind: 'or',
      children: [
        {
          kind: 'and',
          children: [
            { kind: 'text', field: null, value: 'a', phrase: false },
            { kind: 'text', field: null, value: 'b', phrase: false },
          ],
        },
        {
          kind: 'and',
          children: [
            { kind: 'text', field: null, value: 'c', phrase: false },
            { kind: 'not', child: { kind: 'text', field: null, value: 'd', phrase: false } },
          ],
        },
      ],
    });
    // lower-case "or" is a word; a dash inside a word is not an exclusion
    expect(node('or')).toEqual({ kind: 'text', field: null, value: 'or', phrase: false });
    expect(node('state-of-the-art')).toEqual({
      kind: 'text',
      field: null,
      value: 'state-of-the-art',
      phrase: false,
    });
  });

  it('groups with parentheses', () => {
    expect(node('(a OR b) c')).toEqual({
      kind: 'and',
      children: [
        {
          kind: 'or',
          children: [
            { kind: 'text', field: null, value: 'a', phrase: false },
            { kind: 'text', field: null, value: 'b', phrase: false },
          ],
        },
        { kind: 'text', field: null, value: 'c', phrase: false },
      ],
    });
  });

  it('reads every field', () => {
    expect(node('author:müller')).toEqual({
      kind: 'text',
      field: 'author',
      value: 'müller',
      phrase: false,
    });
    expect(node('title:"deep learning"')).toEqual({
      kind: 'text',
      field: 'title',
      value: 'deep learning',
      phrase: true,
    });
    expect(node('abstract:graph')).toMatchObject({ kind: 'text', field: 'abstract' });
    expect(node('venue:nature')).toMatchObject({ kind: 'text', field: 'venue' });
    expect(node('year:2019')).toEqual({ kind: 'year', from: 2019, to: 2019 });
    expect(node('year:2019..2021')).toEqual({ kind: 'year', from: 2019, to: 2021 });
    expect(node('year:..2010')).toEqual({ kind: 'year', from: null, to: 2010 });
    expect(node('year:2015..')).toEqual({ kind: 'year', from: 2015, to: null });
    expect(node('tag:ml/retrieval')).toEqual({ kind: 'tag', name: 'ml/retrieval' });
    expect(node('type:Article')).toEqual({ kind: 'type', value: 'article' });
    expect(node('key:vaswani2017')).toEqual({ kind: 'key', value: 'vaswani2017' });
    expect(node('doi:10.1000/xyz')).toEqual({ kind: 'doi', value: '10.1000/xyz' });
    expect(node('has:pdf')).toEqual({ kind: 'has', what: 'pdf' });
    expect(node('has:note')).toEqual({ kind: 'has', what: 'note' });
    expect(node('is:unread')).toEqual({ kind: 'is', what: 'unread' });
    expect(node('is:starred')).toEqual({ kind: 'is', what: 'starred' });
    expect(node('in:"Reading list"')).toEqual({ kind: 'in', name: 'Reading list' });
    expect(node('-tag:done')).toEqual({ kind: 'not', child: { kind: 'tag', name: 'done' } });
  });

  it('treats an empty or punctuation-only query as no filter', () => {
    expect(node('')).toBeNull();
    expect(node('   ')).toBeNull();
    expect(node('& —')).toBeNull();
  });

  it('reports errors with the position of the wrong part', () => {
    expect(error('deep "learning')).toMatchObject({ position: 5, end: 14 });
    expect(error('autor:smith')).toMatchObject({ position: 0, end: 6 });
    expect(error('autor:smith').message).toContain('unknown field');
    expect(error('a year:20x9')).toMatchObject({ position: 2, end: 11 });
    expect(error('year:2021..2019').message).toContain('backwards');
    expect(error('has:cake')).toMatchObject({ position: 0 });
    expect(error('is:sleepy').message).toContain('unread');
    expect(error('OR a')).toMatchObject({ position: 0, end: 2 });
    expect(error('a OR')).toMatchObject({ position: 2, end: 4 });
    expect(error('a -')).toMatchObject({ position: 2, end: 3 });
    expect(error('(a b')).toMatchObject({ position: 0 });
    expect(error('a b)')).toMatchObject({ position: 3, end: 4 });
    expect(error('()')).toMatchObject({ position: 0 });
    expect(error('title:')).toMatchObject({ position: 0, end: 6 });
    expect(error('x'.repeat(1001)).position).toBe(1000);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            ' ',
            '"',
            '-',
            '(',
            ')',
            'O',
            'R',
            ':',
            'year',
            'tag',
            '.',
            '1',
            'é',
          ),
          maxLength: 60,
        }),
        (q) => {
          const r = parseQuery(q);
          if (!r.ok) {
            expect(r.error.position).toBeGreaterThanOrEqual(0);
            expect(r.error.position).toBeLessThanOrEqual(q.length);
            expect(r.error.end).toBeGreaterThanOrEqual(r.error.position);
          }
        },
      ),
      { numRuns: 3000 },
    );
    expect(parseQuery('('.repeat(450) + 'a' + ')'.repeat(450)).ok).toBe(true);
  });
});
