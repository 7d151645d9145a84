// The item table's first page, as early as the page allows. `boot-prefetch.ts` (the entry's
// first import) primes it: from the answer the web host put in the page when there is one,
// otherwise by asking. `useItemPages` shows it in the app's first render when it is already
// here, and otherwise takes the answer when its first fetch asks the same question.
import type { SortColumn } from '../../shared/domain/item';
import type { ItemView } from '../../shared/domain/library';
import type { CallInput, CallOutput } from '../../shared/api/contract';
import { FIRST_PAGE_ELEMENT_ID, FIRST_PAGE_INPUT } from '../../shared/api/first-page';
import type { CallResult } from '../../shared/api/result';
import { invoke } from './api/client';
import { oneShot } from './lib/one-shot';

export { DEFAULT_SORT, PAGE_SIZE } from '../../shared/api/first-page';

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

type ListOutput = CallOutput<'items.list'>;

/**
 * The answer the web host embedded in the page, when it is one for exactly the first page's
 * input and a success (a failure is asked again, so the table reports it the usual way).
 */
export function embeddedFirstPage(doc: Document): ListOutput | undefined {
  const text = doc.getElementById(FIRST_PAGE_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    const data = JSON.parse(text) as { input?: unknown; result?: CallResult<ListOutput> };
    if (JSON.stringify(data.input) !== JSON.stringify(FIRST_PAGE_INPUT)) return undefined;
    return data.result?.ok && Array.isArray(data.result.value.rows) ? data.result.value : undefined;
  } catch {
    return undefined;
  }
}

/** Primes the first page of the view the app opens on (the library, newest first). */
export function prefetchFirstPage(doc: Document = document): void {
  const embedded = embeddedFirstPage(doc);
  if (embedded) firstPage.primeWith(FIRST_PAGE_INPUT, embedded);
  else firstPage.prime(FIRST_PAGE_INPUT);
}
