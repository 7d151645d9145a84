// The relevance page is picked by a bounded sort over the members (ranked-page.ts) instead of
// ranking every match: it must give exactly the rows and total the general ranked query gives
// (listIds keeps that query), for random queries over a library with ties, trash, tags,
// notes, annotations and PDF pages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemView } from '../../../shared/domain/library';
import type { Library } from '../library';
import { addItem, person, tempLibrary } from '../testing/fixture-library';
import {
  type ListQuery,
  countItems,
  indexOfItem,
  listIds,
  listItems,
  setRelevanceLimit,
} from './list';
import { trashItems } from './repo';
import { rng } from '../testing/rng';

let lib: Library;
beforeEach(() => {
  lib = tempLibrary();
});
afterEach(() => lib.close());

const WORDS = ['alpha', 'alpine', 'beta', 'betamax', 'graph', 'gradient', 'delta', 'ml', 'ai'];
const NAMES = ['Müller', 'Smith', 'Garcia', 'Alpert'];

function build(r: () => number): void {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  let prev: { title: string; abstract: string; name: string } | null = null;
  const trash: number[] = [];
  for (let i = 0; i < 260; i++) {
    // exact copies score the same: the id must break the tie
    const same: { title: string; abstract: string; name: string } =
      prev && r() < 0.15
        ? prev
        : {
            title: words(1 + Math.floor(r() * 4)),
            abstract: words(Math.floor(r() * 12)),
            name: pick(NAMES),
          };
    prev = same;
    const extra: Parameters<typeof addItem>[2] = {};
    if (r() < 0.2) extra.tags = [pick(['ml', 'ml/graph', 'alpha-tag', 'misc'])];
    if (r() < 0.12) extra.notes = [words(6)];
    if (r() < 0.1) extra.pages = [words(20), words(20)];
    if (r() < 0.05) extra.annotations = [[1, words(3), words(2)]];
    if (r() < 0.1) extra.collections = ['Reading'];
    const id = addItem(
      lib,
      {
        type: 'article',
        title: same.title,
        abstract: same.abstract,
        date: String(1995 + Math.floor(r() * 25)),
        creators: [person(same.name, 'A')],
      },
      extra,
    );
    if (r() < 0.08) trash.push(id);
  }
  lib.write(() => trashItems(lib.db, trash));
}

function randomQuery(r: () => number): string[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const word = () => {
    const w = pick(WORDS);
    return w.slice(0, 1 + Math.floor(r() * w.length));
  };
  const term = (): string => {
    const x = r();
    if (x < 0.45) return word();
    if (x < 0.55) return `-${pick(WORDS)}`;
    if (x < 0.62) return `title:${word()}`;
    if (x < 0.67) return `author:${pick(NAMES).slice(0, 3)}`;
    if (x < 0.75) return `${word()} OR ${word()}`;
    if (x < 0.8) return `"${pick(WORDS)} ${pick(WORDS)}"`;
    if (x < 0.85) return 'tag:ml';
    if (x < 0.9) return 'year:2000..2010';
    if (x < 0.95) return 'abstract:' + word();
    return 'is:unread';
  };
  return Array.from({ length: 1 + Math.floor(r() * 3) }, term);
}

describe('relevance pages by a bounded sort', () => {
  it('gives the general ranked query’s rows and total for random queries, views and pages', () => {
    const r = rng(20260);
    build(r);
    const views: ItemView[] = [{ kind: 'library' }, { kind: 'trash' }, { kind: 'tag', name: 'ml' }];
    const collection = lib.db.prepare<[], number>('SELECT id FROM collections').pluck().get()!;
    views.push({ kind: 'collection', id: collection });
    let compared = 0;
    let ranked = 0;
    let intersected = 0;
    for (let n = 0; n < 400; n++) {
      const terms = randomQuery(r);
      const search = terms.join(' ');
      const q: ListQuery = {
        view: n % 3 === 0 ? views[Math.floor(r() * views.length)]! : { kind: 'library' },
        search,
        ...(r() < 0.15 ? { fullText: false } : {}),
        ...(r() < 0.1 ? { tags: ['ml'] } : {}),
      };
      const label = JSON.stringify(q);
      const want = listIds(lib.db, q);
      if (want.length > 1) ranked++;
      // the same query with a term that excludes nothing is no longer words alone, so it takes
      // the general formulation (one UNION per word, intersected): the words' fast member
      // sets (compile.ts wordsMembers, list.ts ftsOnly) must match it, in order
      expect(listIds(lib.db, { ...q, search: `${search} -qqzzxx` }), label).toEqual(want);
      if (terms.length > 1 && !search.includes(' OR ')) {
        // terms side by side are ANDed: the matches are each term's own matches, intersected
        const sets = terms.map((t) => new Set(listIds(lib.db, { ...q, search: t })));
        const both = sets.reduce((a, b) => new Set([...a].filter((id) => b.has(id))));
        expect(new Set(want), label).toEqual(both);
        intersected++;
      }
      for (const [offset, limit] of [
        [0, 100],
        [0, 5],
        [3, 7],
        [20, 10],
      ] as const) {
        const page = listItems(lib.db, q, offset, limit);
        expect(page.queryError, label).toBeUndefined();
        expect(page.total, label).toBe(want.length);
        expect(
          page.rows.map((row) => row.id),
          `${label} ${offset}+${limit}`,
        ).toEqual(want.slice(offset, offset + limit));
        compared++;
      }
      expect(countItems(lib.db, q), label).toBe(want.length);
    }
    expect(compared).toBe(1600);
    // most queries rank several items, so the order (not just the set) is compared
    expect(ranked).toBeGreaterThan(200);
    expect(intersected).toBeGreaterThan(100);
    // 15–20 s alone with the cross-check against the general formulation; more on a busy machine
  }, 120_000);

  it('ranks items that match only in notes, annotations or PDF pages with the others', () => {
    const only = addItem(
      lib,
      { type: 'article', title: 'unrelated', creators: [person('Zed')] },
      {
        notes: ['zebrafish zebrafish'],
        pages: ['zebrafish swim'],
        annotations: [[1, 'zebrafish', '']],
      },
    );
    const both = addItem(
      lib,
      { type: 'article', title: 'zebrafish genetics', creators: [person('Yu')] },
      { notes: ['zebrafish'] },
    );
    const title = addItem(lib, { type: 'article', title: 'zebrafish', creators: [person('Xi')] });
    const q: ListQuery = { view: { kind: 'library' }, search: 'zebra' };
    const want = listIds(lib.db, q);
    expect(new Set(want)).toEqual(new Set([only, both, title]));
    expect(listItems(lib.db, q, 0, 100).rows.map((row) => row.id)).toEqual(want);
    expect(listItems(lib.db, q, 1, 1).rows.map((row) => row.id)).toEqual(want.slice(1, 2));
  });
});

describe('several words that match through tags', () => {
  it('rank text matches first, then partial ones, then tag-only members by id', () => {
    const add = (title: string, tags: string[] = []) =>
      addItem(lib, { type: 'article', title, creators: [person('Ng')] }, { tags });
    const tagsOnly2 = add('unrelated words', ['ml/graph']);
    const inText = add('graph learning for ml');
    const partial = add('a graph of things', ['ml']);
    const tagsOnly1 = add('nothing here', ['ml', 'graphs']);
    add('graph alone');
    add('ml alone');
    for (let n = 0; n < 5; n++) add(`filler ${n}`, ['misc']);
    const q: ListQuery = { view: { kind: 'library' }, search: 'ml graph' };
    const want = listIds(lib.db, q);
    expect(want[0]).toBe(inText);
    expect(want[1]).toBe(partial);
    expect(want.slice(2)).toEqual([tagsOnly2, tagsOnly1].sort((a, b) => a - b));
    expect(listItems(lib.db, q, 0, 100).rows.map((row) => row.id)).toEqual(want);
    expect(listItems(lib.db, q, 2, 1).rows.map((row) => row.id)).toEqual(want.slice(2, 3));
    expect(listItems(lib.db, q, 0, 100).total).toBe(4);
  });
});

describe('searches matching more than the relevance limit', () => {
  afterEach(() => setRelevanceLimit());

  it('come newest first, say so, and page, count and locate items in that order', () => {
    const r = rng(777);
    build(r);
    setRelevanceLimit(25);
    let over = 0;
    let under = 0;
    for (let n = 0; n < 120; n++) {
      const search = randomQuery(r).join(' ');
      const q: ListQuery = { view: { kind: 'library' }, search };
      const label = JSON.stringify(q);
      const total = countItems(lib.db, q);
      const newest = listIds(lib.db, { ...q, sort: { column: 'dateAdded', direction: 'desc' } });
      const page = listItems(lib.db, q, 0, 30);
      expect(page.total, label).toBe(newest.length);
      setRelevanceLimit();
      const unlimited = listItems(lib.db, q, 0, 30);
      const ranked = listIds(lib.db, q);
      setRelevanceLimit(25);
      if (page.sortedBy) {
        over++;
        expect(total, label).toBeGreaterThan(25);
        expect(page.sortedBy, label).toEqual({ column: 'dateAdded', direction: 'desc' });
        expect(
          page.rows.map((row) => row.id),
          label,
        ).toEqual(newest.slice(0, 30));
        expect(
          listItems(lib.db, q, 10, 5).rows.map((row) => row.id),
          label,
        ).toEqual(newest.slice(10, 15));
        // select-all ranges and scroll-to-item use the same order
        expect(listIds(lib.db, q), label).toEqual(newest);
        const id = newest[Math.floor(newest.length / 2)]!;
        expect(indexOfItem(lib.db, q, id), label).toBe(newest.indexOf(id));
      } else {
        if (total > 1 && total <= 25) under++;
        // at or below the limit (or not ranked at all): as before
        expect(page, label).toEqual(unlimited);
        // above it, only a query with nothing to rank by, which was newest first already
        if (total > 25) expect(ranked, label).toEqual(newest);
      }
    }
    expect(over).toBeGreaterThan(20);
    expect(under).toBeGreaterThan(10);
  });

  it('says nothing when a column sort was asked for or there is nothing to rank by', () => {
    build(rng(5));
    setRelevanceLimit(1);
    // no words to rank by: newest first, as it always was
    const page = listItems(lib.db, { view: { kind: 'library' }, search: 'year:2000..2010' }, 0, 5);
    expect(page.total).toBeGreaterThan(1);
    expect(page.sortedBy).toBeUndefined();
    const asked = listItems(
      lib.db,
      { view: { kind: 'library' }, search: 'alpha', sort: { column: 'title', direction: 'asc' } },
      0,
      5,
    );
    expect(asked.total).toBeGreaterThan(1);
    expect(asked.sortedBy).toBeUndefined();
  });
});
