// The item table's first page, asked for as early as the page allows. `boot-prefetch.ts` (the
// entry's first import) primes it; `useItemPages` shows it in the app's first render when it is
// already here, and otherwise takes the answer when its first fetch asks the same question.
import type { SortColumn } from '../../shared/domain/item';
import type { ItemView } from '../../shared/domain/library';
import type { CallInput } from '../../shared/api/contract';
import { invoke } from './api/client';
import { oneShot } from './lib/one-shot';

export const PAGE_SIZE = 100;

/** The table's sort when the app opens (newest first). */
export const DEFAULT_SORT = { column: 'dateAdded', direction: 'desc' } as const;

/** The `items.list` request for rows `offset ..` of a view, as the table and ranges ask. */
export function listInputOf(
  view: ItemView,
  sort: { column: SortColumn | 'relevance'; direction: 'asc' | 'desc' },
  search: string,
  tags: readonly string[],
  fullText: boolean,
  offset: number,
  limit: number,
): CallInput<'items.list'> {
  return { view, sort, search, tags: [...tags], fullText, offset, limit };
}

export const firstPage = oneShot((input: CallInput<'items.list'>) => invoke('items.list', input));

/** Asks for the first page of the view the app opens on (the library, newest first). */
export function prefetchFirstPage(): void {
  firstPage.prime(listInputOf({ kind: 'library' }, DEFAULT_SORT, '', [], true, 0, PAGE_SIZE));
}
