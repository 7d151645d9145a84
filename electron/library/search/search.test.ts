import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../library';
import { listItems, type ListQuery } from '../items/list';
import { ftsTerm } from './compile';
import { addItem, person, tempLibrary } from '../testing/fixture-library';

let lib: Library;
const id: Record<string, number> = {};

function keys(search: string, extra: Partial<ListQuery> = {}): string[] {
  const r = listItems(lib.db, { view: { kind: 'library' }, search, ...extra }, 0, 100);
  if (r.queryError) throw new Error(r.queryError.message);
  return r.rows.map((row) => row.citationKey);
}

function sorted(search: string, extra: Partial<ListQuery> = {}): string[] {
  return keys(search, extra).sort();
}

beforeEach(() => {
  lib = tempLibrary();
  id.vaswani = addItem(
    lib,
    {
      type: 'article',
      citationKey: 'vaswani2017',
      title: 'Attention Is All You Need',
      date: '2017',
      venue: 'NeurIPS',
      doi: '10.5555/3295222.3295349',
      abstract: 'The dominant sequence transduction models are based on recurrent networks.',
      creators: [
        person('Vaswani', 'Ashish'),
        person('Shazeer', 'Noam'),
        person('Parmar', 'Niki'),
        person('Uszkoreit', 'Jakob'),
      ],
      starred: true,
    },
    {
      tags: ['ml/transformers'],
      collections: ['Reading list'],
      notes: ['Read for the positional encoding trick.'],
    },
  );
  id.muller = addItem(
    lib,
    {
      type: 'inproceedings',
      citationKey: 'muller2019',
      title: 'Graph neural networks for retrieval',
      date: '2019-05',
      venue: 'SIGIR',
      abstract: 'We apply attention over graphs to dense retrieval.',
      creators: [person('Müller', 'Jürgen')],
      readState: 'read',
    },
    {
      tags: ['ml/retrieval'],
      pages: [
        'Introduction. Sparse retrieval with BM25 is strong.',
        'Results on the quokka benchmark.',
      ],
    },
  );
  id.smith = addItem(
    lib,
    {
      type: 'book',
      citationKey: 'smith2021',
      title: 'A history of libraries',
      date: '2021',
      venue: 'Oxford University Press',
      creators: [person('Smith', 'Jane')],
    },
    {
      tags: ['history'],
      annotations: [[4, 'the catalogue of Alexandria', 'compare with attention economy']],
    },
  );
  id.lee = addItem(lib, {
    type: 'article',
    citationKey: 'lee2020',
    title: 'Attention mechanisms in vision',
    date: '2020',
    venue: 'CVPR',
    abstract: 'Attention attention attention for images.',
    creators: [person('Lee', 'Min')],
  });
});

afterEach(() => lib.close());

describe('search', () => {
  it('prefix-matches words, folds diacritics and ignores case', () => {
    expect(sorted('retriev')).toEqual(['muller2019']);
    expect(sorted('MULLER')).toEqual(['muller2019']);
    expect(sorted('author:muller')).toEqual(['muller2019']);
    expect(sorted('author:jurgen')).toEqual(['muller2019']);
  });

  it('matches a word of one or two characters whole, and as a prefix from the third on', () => {
    // "ne" starts "neural" and "networks" but is no word of its own; "neu" is a prefix again
    expect(sorted('ne')).not.toContain('muller2019');
    expect(sorted('neu')).toContain('muller2019');
    expect(sorted('is')).toContain('vaswani2017'); // a two-letter word of its own
    expect(ftsTerm('re', false)).toBe('"re"');
    expect(ftsTerm('ret', false)).toBe('"ret"*');
    expect(ftsTerm('ai', true)).toBe('"ai"');
  });

  it('matches tag names by the same rule: short words whole, longer ones as prefixes', () => {
    // tags ml/transformers (vaswani), ml/retrieval (muller), history (smith)
    expect(sorted('ml')).toEqual(['muller2019', 'vaswani2017']);
    expect(sorted('hist')).toEqual(['smith2021']);
    // a one- or two-letter word is no prefix of a tag's word: `m` took in every ml item
    expect(sorted('m')).toEqual([]);
    expect(sorted('hi')).toEqual([]);
    // a phrase is exact in tags too, as in the full-text index
    expect(sorted('"hist"')).toEqual([]);
    expect(sorted('"ml"')).toEqual(['muller2019', 'vaswani2017']);
  });

  it('matches a fourth author that the short creator list leaves out', () => {
    expect(sorted('author:uszkoreit')).toEqual(['vaswani2017']);
  });

  it('matches exact phrases only in order', () => {
    expect(sorted('"attention is all"')).toEqual(['vaswani2017']);
    expect(sorted('"all is attention"')).toEqual([]);
  });

  it('excludes with - and combines with OR', () => {
    expect(sorted('attention -vision')).toEqual(['muller2019', 'smith2021', 'vaswani2017']);
    expect(sorted('attention -vision', { fullText: false })).toEqual(['muller2019', 'vaswani2017']);
    expect(sorted('quokka OR libraries')).toEqual(['muller2019', 'smith2021']);
    expect(sorted('(quokka OR libraries) year:2021')).toEqual(['smith2021']);
  });

  it('filters by title, abstract and venue fields', () => {
    expect(sorted('title:attention')).toEqual(['lee2020', 'vaswani2017']);
    expect(sorted('abstract:graphs')).toEqual(['muller2019']);
    expect(sorted('venue:sigir')).toEqual(['muller2019']);
    expect(sorted('venue:"university press"')).toEqual(['smith2021']);
  });

  it('filters by year, type, key and doi', () => {
    expect(sorted('year:2019')).toEqual(['muller2019']);
    expect(sorted('year:2019..2020')).toEqual(['lee2020', 'muller2019']);
    expect(sorted('year:..2018')).toEqual(['vaswani2017']);
    expect(sorted('type:book')).toEqual(['smith2021']);
    expect(sorted('key:vaswani')).toEqual(['vaswani2017']);
    expect(sorted('doi:https://doi.org/10.5555/3295222.3295349')).toEqual(['vaswani2017']);
    // a DOI stored as the doi.org URL a .bib file gave
    addItem(lib, {
      type: 'article',
      citationKey: 'lecun2015',
      title: 'Deep learning',
      doi: 'https://doi.org/10.1038/NATURE14539',
    });
    expect(sorted('doi:10.1038/nature14539')).toEqual(['lecun2015']);
    expect(sorted('doi:https://doi.org/10.1038/Nature')).toEqual(['lecun2015']);
  });

  it('includes child tags under a parent tag', () => {
    expect(sorted('tag:ml')).toEqual(['muller2019', 'vaswani2017']);
    expect(sorted('tag:ml/retrieval')).toEqual(['muller2019']);
    expect(sorted('-tag:ml')).toEqual(['lee2020', 'smith2021']);
    // tag:m is not a parent of ml
    expect(sorted('tag:m')).toEqual([]);
  });

  it('filters by attachments, notes, state and collection', () => {
    expect(sorted('has:pdf')).toEqual(['muller2019', 'smith2021']);
    expect(sorted('has:note')).toEqual(['vaswani2017']);
    expect(sorted('has:annotation')).toEqual(['smith2021']);
    expect(sorted('is:unread')).toEqual(['lee2020', 'smith2021', 'vaswani2017']);
    expect(sorted('is:starred')).toEqual(['vaswani2017']);
    expect(sorted('in:"reading list"')).toEqual(['vaswani2017']);
  });

  it('searches notes, annotations and PDF pages unless metadata only', () => {
    expect(sorted('positional')).toEqual(['vaswani2017']);
    expect(sorted('alexandria')).toEqual(['smith2021']);
    expect(sorted('quokka')).toEqual(['muller2019']);
    expect(sorted('quokka', { fullText: false })).toEqual([]);
    expect(sorted('positional', { fullText: false })).toEqual([]);
  });

  it('ranks title hits above abstract hits above body hits', () => {
    // vaswani and lee have attention in the title; muller only in the abstract; smith in an annotation
    const order = keys('attention');
    expect(order.slice(2)).toEqual(['muller2019', 'smith2021']);
    expect(order.slice(0, 2).sort()).toEqual(['lee2020', 'vaswani2017']);
  });

  it('sorts by any column instead of relevance when asked', () => {
    expect(keys('attention', { sort: { column: 'year', direction: 'asc' } })).toEqual([
      'vaswani2017',
      'muller2019',
      'lee2020',
      'smith2021',
    ]);
  });

  it('returns snippets showing where each hit is', () => {
    const r = listItems(
      lib.db,
      { view: { kind: 'library' }, search: 'quokka OR alexandria OR dense' },
      0,
      10,
    );
    const byKey = new Map(r.rows.map((row) => [row.citationKey, row.snippet]));
    expect(byKey.get('muller2019')).toMatchObject({ source: 'abstract' });
    expect(
      byKey
        .get('muller2019')!
        .parts.filter((p) => p.hit)
        .map((p) => p.text),
    ).toEqual(['dense']);
    const smith = byKey.get('smith2021')!;
    expect(smith).toMatchObject({ source: 'annotation', page: 4 });
    expect(smith.parts.find((p) => p.hit)?.text).toBe('Alexandria');
    const page = listItems(lib.db, { view: { kind: 'library' }, search: 'quokka' }, 0, 10).rows[0]!
      .snippet!;
    expect(page).toMatchObject({ source: 'page', page: 2 });
  });

  it('returns an error with a position instead of throwing', () => {
    const r = listItems(lib.db, { view: { kind: 'library' }, search: 'attention year:abc' }, 0, 10);
    expect(r.rows).toEqual([]);
    expect(r.queryError).toMatchObject({ position: 10, end: 18 });
  });

  it('does not show trashed items and treats FTS syntax as plain text', () => {
    lib.db.prepare('UPDATE items SET deleted_at = ? WHERE id = ?').run('2020-01-01', id.lee);
    expect(sorted('attention', { fullText: false })).toEqual(['muller2019', 'vaswani2017']);
    expect(sorted('NEAR(attention) AND *')).toEqual([]);
    expect(sorted('{title}')).toEqual([]);
    expect(sorted('title*')).toEqual([]);
  });
});
