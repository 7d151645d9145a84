// The question the app asks first: the first page of the library, newest first. The web host
// answers it inside the page it serves (see `electron/web/server.ts`), so the first rows need no
// round trip of their own; the renderer asks it itself when the page carries no answer.
import type { CallInput } from './contract';

export const PAGE_SIZE = 100;

/** The table's sort when the app opens (newest first). */
export const DEFAULT_SORT = { column: 'dateAdded', direction: 'desc' } as const;

export const FIRST_PAGE_INPUT: CallInput<'items.list'> = {
  view: { kind: 'library' },
  sort: DEFAULT_SORT,
  search: '',
  tags: [],
  fullText: true,
  offset: 0,
  limit: PAGE_SIZE,
};

/** The id of the page's data block (`<script type="application/json">`, never executed). */
export const FIRST_PAGE_ELEMENT_ID = 'shelfmark-first-page';

/**
 * The data block's text: the input and the call's result, as JSON with `<` escaped so no string
 * in a row (a title such as `</script><script>…`) can end the block.
 */
export function firstPageBlock(result: unknown): string {
  const json = JSON.stringify({ input: FIRST_PAGE_INPUT, result }).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${FIRST_PAGE_ELEMENT_ID}">${json}</script>`;
}
