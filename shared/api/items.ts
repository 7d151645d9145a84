import { z } from 'zod';
import type { Item, ItemRow, SortColumn } from '../domain/item';
import type { QueryError } from '../domain/search';
import { mutation, query } from './define';
import {
  CitationKey,
  CreatorInput,
  FieldName,
  Id,
  Ids,
  ItemType,
  ItemView,
  ListSort,
  ReadStateSchema,
  Text,
} from './schemas';

/** The editable parts of an item; every key optional so a patch names only what changed. */
export const ItemFields = z.object({
  type: ItemType,
  title: Text(5_000),
  date: Text(100),
  venue: Text(2_000),
  doi: Text(500),
  url: Text(5_000),
  abstract: Text(200_000),
  creators: z.array(CreatorInput).max(5_000),
  fields: z.record(FieldName, Text(200_000)),
  readState: ReadStateSchema,
  starred: z.boolean(),
  rating: z.number().int().min(0).max(5),
});

export interface ItemPage {
  total: number;
  offset: number;
  rows: ItemRow[];
  /** Set when `search` is not a valid query; the page is then empty. */
  queryError?: QueryError;
  /**
   * Set when relevance was asked for (or no sort given) but the search matches more than
   * RELEVANCE_LIMIT items: the rows come in this order instead (newest first).
   */
  sortedBy?: { column: SortColumn; direction: 'asc' | 'desc' };
}

export const itemCalls = {
  'items.create': mutation<Item>()(
    ItemFields.partial().extend({
      type: ItemType.default('article'),
      citationKey: CitationKey.optional(),
    }),
  ),
  'items.get': query<Item>()(z.object({ id: Id })),
  'items.update': mutation<Item>()(z.object({ id: Id, patch: ItemFields.partial() })),
  'items.list': query<ItemPage>()(
    z.object({
      view: ItemView.default({ kind: 'library' }),
      /** Omitted: by relevance when `search` has words to rank by, else newest first. */
      sort: ListSort.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1_000).default(100),
      /** A query in Shelfmark's query language (see electron/library/search/parse.ts). */
      search: Text(1_000).default(''),
      /** Also search notes, annotations and PDF text; false = metadata only. */
      fullText: z.boolean().default(true),
      /** Tags that must all apply; a parent tag includes its children. */
      tags: z.array(Text(500)).max(50).default([]),
    }),
  ),
  /** Position of one item in a sorted view, so the table can scroll to it. */
  'items.indexOf': query<number | null>()(
    z.object({
      id: Id,
      view: ItemView.default({ kind: 'library' }),
      sort: ListSort.optional(),
      search: Text(1_000).default(''),
      fullText: z.boolean().default(true),
      /** Tags that must all apply; a parent tag includes its children. */
      tags: z.array(Text(500)).max(50).default([]),
    }),
  ),
  'items.trash': mutation<number>()(z.object({ ids: Ids })),
  'items.restore': mutation<number>()(z.object({ ids: Ids })),
  /** Deletes items that are in the trash for good. */
  'items.purge': mutation<number>()(z.object({ ids: Ids })),
  'items.counts': query<{ library: number; unfiled: number; trash: number }>()(z.object({})),
};
