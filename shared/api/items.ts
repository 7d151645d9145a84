import { z } from 'zod';
import type { Item, ItemRow } from '../domain/item';
import { mutation, query } from './define';
import {
  CitationKey,
  CreatorInput,
  FieldName,
  Id,
  Ids,
  ItemType,
  ItemView,
  ReadStateSchema,
  Sort,
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
      sort: Sort.default({ column: 'dateAdded', direction: 'desc' }),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1_000).default(100),
      /** Plain words matched against the full-text index (prefix match on the last word). */
      search: Text(1_000).default(''),
      /** Tags that must all apply; a parent tag includes its children. */
      tags: z.array(Text(500)).max(50).default([]),
    }),
  ),
  /** Position of one item in a sorted view, so the table can scroll to it. */
  'items.indexOf': query<number | null>()(
    z.object({
      id: Id,
      view: ItemView.default({ kind: 'library' }),
      sort: Sort.default({ column: 'dateAdded', direction: 'desc' }),
      search: Text(1_000).default(''),
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
