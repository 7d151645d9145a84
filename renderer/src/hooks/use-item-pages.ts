import { useCallback, useEffect, useRef, useState } from 'react';
import type { ItemRow, SortColumn } from '../../../shared/domain/item';
import type { ItemView } from '../../../shared/domain/library';
import type { QueryError } from '../../../shared/domain/search';
import type { CallInput } from '../../../shared/api/contract';
import { invoke } from '../api/client';
import { PAGE_SIZE, firstPage, listInputOf } from '../first-page';

export { DEFAULT_SORT, PAGE_SIZE } from '../first-page';
/**
 * While the table scrolls, pages are asked for at most this often (the rows under the viewport
 * when the timer fires): a fast scroll crosses hundreds of pages, and fetching and rendering each
 * one it passes kept the main thread busy for the whole scroll. Rows not loaded yet show
 * placeholders.
 */
export const SCROLL_FETCH_INTERVAL_MS = 80;
/** A range's ids are fetched in pages of the contract's largest size. */
const RANGE_CHUNK = 1_000;

export interface ItemPages {
  total: number;
  /** The row at `index`, or undefined while its page loads. */
  rowAt(index: number): ItemRow | undefined;
  /** Asks for the pages covering rows `from`..`to` (inclusive), now. */
  ensure(from: number, to: number): void;
  /** The same for the rows a scroller shows: throttled (see SCROLL_FETCH_INTERVAL_MS). */
  ensureSoon(from: number, to: number): void;
  /**
   * Page arrivals, as an external store: only the table subscribes, so a page that arrives
   * re-renders the table and not the whole app (sidebar, panes, toolbar).
   */
  subscribe(onChange: () => void): () => void;
  /** Grows by one whenever a page arrives or the cache is dropped. */
  version(): number;
  /** Drops every cached page and refetches the visible ones. */
  refresh(): void;
  /**
   * The ids of rows `from`..`to` (inclusive), loaded or not (a shift-click range may span pages
   * the scroller flew past); null when the query changed before they arrived.
   */
  idsBetween(from: number, to: number): Promise<number[] | null>;
  loaded: boolean;
  error: string | null;
  /**
   * The view itself does not exist (the engine's not_found): a collection or smart collection
   * deleted in another window, by the CLI or here while it was shown.
   */
  viewGone: boolean;
  /** What is wrong with the search query, when it does not parse. */
  queryError: QueryError | null;
  /**
   * The order the rows come in when it is not the one asked for: a search by relevance that
   * matches more than RELEVANCE_LIMIT items comes newest first.
   */
  sortedBy: { column: SortColumn; direction: 'asc' | 'desc' } | null;
}

/**
 * Pages of a sorted, filtered view, fetched on demand: the renderer never holds the whole
 * library, so 100k items cost what the visible rows cost.
 */
export function useItemPages(
  view: ItemView,
  sort: { column: SortColumn | 'relevance'; direction: 'asc' | 'desc' },
  search: string,
  tags: readonly string[] = [],
  fullText = true,
): ItemPages {
  // a stable key, so a re-created array with the same tags does not refetch
  const tagKey = JSON.stringify(tags);
  // The prefetched first page, when it is already here: the first render shows its rows, with
  // no empty table drawn before them and no second render when they arrive.
  const [first] = useState(() =>
    firstPage.peek(listInputOf(view, sort, search, tags, fullText, 0, PAGE_SIZE)),
  );
  const [total, setTotal] = useState(first?.total ?? 0);
  const [loaded, setLoaded] = useState(first !== undefined);
  const [error, setError] = useState<string | null>(null);
  const [viewGone, setViewGone] = useState(false);
  const [queryError, setQueryError] = useState<QueryError | null>(first?.queryError ?? null);
  const [sortedBy, setSortedBy] = useState<ItemPages['sortedBy']>(first?.sortedBy ?? null);
  const keepFirst = useRef(first !== undefined);
  const version = useRef(0);
  const listeners = useRef(new Set<() => void>());
  const bump = useCallback(() => {
    version.current += 1;
    for (const l of listeners.current) l();
  }, []);
  const subscribe = useCallback((onChange: () => void) => {
    listeners.current.add(onChange);
    return () => listeners.current.delete(onChange);
  }, []);
  const getVersion = useCallback(() => version.current, []);
  const soon = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pages = useRef(new Map<number, ItemRow[]>(first ? [[0, first.rows]] : []));
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const visible = useRef<[number, number]>([0, PAGE_SIZE - 1]);
  const stale = useRef(new Map<number, ItemRow[]>());

  /** The `items.list` request for rows `offset ..` of this view, as the table and ranges ask. */
  const listInput = useCallback(
    (offset: number, limit: number): CallInput<'items.list'> =>
      listInputOf(view, sort, search, JSON.parse(tagKey) as string[], fullText, offset, limit),
    [view, sort, search, tagKey, fullText],
  );

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || pending.current.has(page)) return;
      const inFlight = pending.current;
      inFlight.add(page);
      const gen = generation.current;
      firstPage
        .take(listInput(page * PAGE_SIZE, PAGE_SIZE))
        .then((result) => {
          if (gen !== generation.current) return;
          setQueryError(result.queryError ?? null);
          setSortedBy((was) =>
            JSON.stringify(was) === JSON.stringify(result.sortedBy ?? null)
              ? was
              : (result.sortedBy ?? null),
          );
          pages.current.set(page, result.rows);
          setTotal(result.total);
          setLoaded(true);
          setError(null);
          setViewGone(false);
          bump();
        })
        .catch((e: unknown) => {
          if (gen !== generation.current) return;
          setError((e as Error).message);
          setViewGone((e as { code?: string }).code === 'not_found');
        })
        // the set of this generation: a late answer must not clear a newer query's entry
        .finally(() => inFlight.delete(page));
    },
    [listInput, bump],
  );

  const ensure = useCallback(
    (from: number, to: number) => {
      visible.current = [from, to];
      for (
        let p = Math.floor(from / PAGE_SIZE);
        p <= Math.floor(Math.max(from, to) / PAGE_SIZE);
        p++
      ) {
        fetchPage(p);
      }
    },
    [fetchPage],
  );

  const ensureSoon = useCallback(
    (from: number, to: number) => {
      visible.current = [from, to];
      if (soon.current !== undefined) return;
      soon.current = setTimeout(() => {
        soon.current = undefined;
        ensure(...visible.current);
      }, SCROLL_FETCH_INTERVAL_MS);
    },
    [ensure],
  );
  useEffect(() => () => clearTimeout(soon.current), []);

  const refresh = useCallback(() => {
    generation.current += 1;
    pending.current = new Set();
    const old = pages.current;
    pages.current = new Map();
    const [from, to] = visible.current;
    // Keep showing the old rows until the new ones arrive, so the table does not flash.
    for (const [k, v] of old)
      if (k * PAGE_SIZE <= to && (k + 1) * PAGE_SIZE > from) stale.current.set(k, v);
    ensure(from, to);
  }, [ensure]);

  useEffect(() => {
    // mounted with the prefetched page: it is this query's page 0 already
    if (keepFirst.current) {
      keepFirst.current = false;
      firstPage.drop();
      return;
    }
    generation.current += 1;
    pages.current = new Map();
    stale.current = new Map();
    pending.current = new Set();
    // A scroll fetch scheduled for the previous query would fetch with its view, sort and
    // search under the new generation, and its rows would pass as the new query's.
    clearTimeout(soon.current);
    soon.current = undefined;
    setLoaded(false);
    bump();
    fetchPage(0);
  }, [fetchPage, bump]);

  const idsBetween = useCallback(
    async (from: number, to: number): Promise<number[] | null> => {
      const gen = generation.current;
      const ids: number[] = [];
      // in the largest pages the contract allows; loaded pages need no call
      for (let offset = from; offset <= to; offset += RANGE_CHUNK) {
        const limit = Math.min(RANGE_CHUNK, to - offset + 1);
        const known: number[] = [];
        for (let i = offset; i < offset + limit; i++) {
          const p = Math.floor(i / PAGE_SIZE);
          const row = pages.current.get(p)?.[i - p * PAGE_SIZE];
          if (!row) break;
          known.push(row.id);
        }
        if (known.length === limit) {
          ids.push(...known);
          continue;
        }
        const page = await invoke('items.list', listInput(offset, limit));
        if (gen !== generation.current) return null;
        for (const r of page.rows) ids.push(r.id);
      }
      return ids;
    },
    [listInput],
  );

  const rowAt = (index: number) => {
    const p = Math.floor(index / PAGE_SIZE);
    const page = pages.current.get(p) ?? stale.current.get(p);
    return page?.[index - p * PAGE_SIZE];
  };

  return {
    total,
    rowAt,
    ensure,
    ensureSoon,
    subscribe,
    version: getVersion,
    refresh,
    idsBetween,
    loaded,
    error,
    viewGone,
    queryError,
    sortedBy,
  };
}
