import { z } from 'zod';
import type { ItemRow } from '../domain/item';
import type { SavedSearch } from '../domain/library';
import type { QueryError } from '../domain/search';
import { mutation, query } from './define';
import { Id, Text } from './schemas';

const Name = Text(200).trim().min(1, 'a smart collection needs a name');
const Query = Text(1_000).trim().min(1, 'a smart collection needs a query');

export interface RelatedItem {
  item: ItemRow;
  /** Cosine similarity of the two items' text, 0–1. */
  score: number;
  /** The shared words that weigh most. */
  sharedTerms: string[];
}

/** Search: checking queries, smart collections (saved searches) and related items. */
export const searchCalls = {
  /** Checks a query without running it: null when valid, else what is wrong and where. */
  'search.check': query<QueryError | null>()(z.object({ query: Text(1_000) })),
  'savedSearches.list': query<SavedSearch[]>()(z.object({})),
  'savedSearches.create': mutation<SavedSearch>()(z.object({ name: Name, query: Query })),
  'savedSearches.update': mutation<SavedSearch>()(
    z
      .object({ id: Id, name: Name.optional(), query: Query.optional() })
      .refine((v) => v.name !== undefined || v.query !== undefined, 'give a new name or query'),
  ),
  'savedSearches.delete': mutation<null>()(z.object({ id: Id })),
  /** The items most similar to one item by their text, computed locally. */
  'items.related': query<RelatedItem[]>()(
    z.object({ id: Id, limit: z.number().int().min(1).max(50).default(10) }),
  ),
};
