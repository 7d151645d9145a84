// @vitest-environment jsdom
// The item table's pages: a scroll fetch scheduled before the sort changed must not load the old
// sort's rows into the new view.
import { act, createElement } from 'react';
import { type Root, createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemRow } from '../../../shared/domain/item';

type ListInput = {
  view: { kind: string; id?: number };
  sort: { column: string; direction: string };
  offset: number;
  limit: number;
};
const calls: ListInput[] = [];

// Answers like the engine would: each row names the sort it was listed under.
vi.mock('../api/client', () => ({
  invoke: vi.fn(async (name: string, input: ListInput) => {
    if (name !== 'items.list') throw new Error(`unexpected call ${name}`);
    calls.push(input);
    // the engine's answer for a collection deleted since the view was chosen
    if (input.view.kind === 'collection') {
      throw Object.assign(new Error(`Collection ${input.view.id} does not exist`), {
        code: 'not_found',
      });
    }
    const rows = Array.from({ length: input.limit }, (_, i) => ({
      id: input.offset + i + 1,
      title: `${input.sort.column}:${input.offset + i}`,
    }));
    // a relevance search over the engine's limit comes newest first, and says so
    const over = input.sort.column === 'relevance';
    return {
      rows,
      total: 10_000,
      ...(over ? { sortedBy: { column: 'dateAdded', direction: 'desc' } } : {}),
    };
  }),
  onEvent: () => () => {},
}));

const { useItemPages, SCROLL_FETCH_INTERVAL_MS } = await import('./use-item-pages');
const { DEFAULT_SORT, firstPage, prefetchFirstPage } = await import('../first-page');
type Pages = ReturnType<typeof useItemPages>;

let root: Root;
let latest: Pages;
// stable objects, as the app's state gives them (a new object per render refetches)
const VIEW = { kind: 'library' } as const;
const SORTS = {
  title: { column: 'title', direction: 'asc' },
  year: { column: 'year', direction: 'asc' },
  relevance: { column: 'relevance', direction: 'asc' },
} as const;
function Probe(props: { column: 'title' | 'year' | 'relevance' }) {
  latest = useItemPages(VIEW, SORTS[props.column], '');
  return null;
}
const render = (column: 'title' | 'year' | 'relevance') =>
  act(() => root.render(createElement(Probe, { column })));
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  calls.length = 0;
  root = createRoot(document.createElement('div'));
});
afterEach(() => act(() => root.unmount()));

describe('useItemPages', () => {
  it('tells the table the order the engine used when it is not the one asked for', async () => {
    await render('relevance');
    await settle();
    expect(latest.sortedBy).toEqual({ column: 'dateAdded', direction: 'desc' });
    await render('title');
    await settle();
    expect(latest.sortedBy).toBeNull();
  });

  it('drops a scroll fetch scheduled under the previous sort', async () => {
    await render('title');
    await settle();
    // the user scrolls deep, and sorts by another column before the throttled fetch fires
    act(() => latest.ensureSoon(5000, 5030));
    await render('year');
    await act(async () => new Promise((r) => setTimeout(r, SCROLL_FETCH_INTERVAL_MS * 2)));
    await settle();
    // nothing was asked for under the old sort after the change
    const afterChange = calls.slice(calls.findIndex((c) => c.sort.column === 'year'));
    expect(afterChange.every((c) => c.sort.column === 'year')).toBe(true);
    // the deep rows, once asked for, are the new sort's
    act(() => latest.ensure(5000, 5030));
    await settle();
    expect((latest.rowAt(5000) as ItemRow & { title: string }).title).toBe('year:5000');
  });

  it('gives every id of a range, also on pages never loaded, in view order', async () => {
    await render('title');
    await settle();
    calls.length = 0;
    let ids: number[] | null = null;
    await act(async () => {
      ids = await latest.idsBetween(50, 2549);
    });
    expect(ids).toEqual(Array.from({ length: 2500 }, (_, i) => 51 + i));
    // page 0 was loaded; the rest came in pages of at most 1,000 rows, under the view's sort
    expect(calls.every((c) => c.limit <= 1000 && c.sort.column === 'title')).toBe(true);
    expect(calls.map((c) => c.offset)).toEqual([50, 1050, 2050]);
  });

  it('shows a first page that arrived before the first render in that render, and does not ask again', async () => {
    prefetchFirstPage();
    await firstPage.settled();
    expect(calls).toHaveLength(1);
    const renders: { total: number; loaded: boolean; first?: string }[] = [];
    function OpensTheApp() {
      latest = useItemPages(VIEW, DEFAULT_SORT, '');
      const row = latest.rowAt(0) as (ItemRow & { title: string }) | undefined;
      renders.push({ total: latest.total, loaded: latest.loaded, first: row?.title });
      return null;
    }
    await act(() => root.render(createElement(OpensTheApp)));
    await settle();
    expect(renders[0]).toEqual({ total: 10_000, loaded: true, first: 'dateAdded:0' });
    // the prefetched page served the table: no second request for it
    expect(calls).toHaveLength(1);
    // the next page is fetched as usual, and the prefetched answer is not handed out again
    act(() => latest.ensure(150, 160));
    await settle();
    expect(calls.map((c) => c.offset)).toEqual([0, 100]);
    expect(firstPage.peek(calls[0] as never)).toBeUndefined();
  });

  it('starts empty and fetches when the first page has not arrived yet', async () => {
    prefetchFirstPage(); // not awaited
    const renders: boolean[] = [];
    function OpensTheApp() {
      latest = useItemPages(VIEW, DEFAULT_SORT, '');
      renders.push(latest.loaded);
      return null;
    }
    await act(() => root.render(createElement(OpensTheApp)));
    await settle();
    expect(renders[0]).toBe(false);
    expect(latest.loaded).toBe(true);
    // the table's first fetch took the prefetched answer rather than asking again
    expect(calls).toHaveLength(1);
  });

  it('says when the view itself is gone (a deleted collection), and forgets it for the next view', async () => {
    const GONE = { kind: 'collection', id: 7 } as const;
    function Shows(props: { gone: boolean }) {
      latest = useItemPages(props.gone ? GONE : VIEW, DEFAULT_SORT, '');
      return null;
    }
    await act(() => root.render(createElement(Shows, { gone: true })));
    await settle();
    expect(latest.viewGone).toBe(true);
    expect(latest.error).toBe('Collection 7 does not exist');
    await act(() => root.render(createElement(Shows, { gone: false })));
    await settle();
    expect(latest.viewGone).toBe(false);
    expect(latest.error).toBeNull();
  });
});
