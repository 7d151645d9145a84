import { z } from 'zod';
import type { Collection } from '../domain/library';
import { mutation, query } from './define';
import { Id, Ids, Text } from './schemas';

const CollectionName = Text(500).trim().min(1, 'a collection needs a name');

/** Nested collections: an item can be in many; deleting a collection keeps its items. */
export const collectionCalls = {
  'collections.list': query<Collection[]>()(z.object({})),
  'collections.create': mutation<Collection>()(
    z.object({ name: CollectionName, parentId: Id.nullable().default(null) }),
  ),
  'collections.rename': mutation<null>()(z.object({ id: Id, name: CollectionName })),
  /** `parentId: null` moves it to the top level; moving into its own subtree is refused. */
  'collections.move': mutation<null>()(z.object({ id: Id, parentId: Id.nullable() })),
  /** Deletes the collection and its sub-collections (not their items); undoable. */
  'collections.delete': mutation<number>()(z.object({ id: Id })),
  'collections.addItems': mutation<number>()(z.object({ id: Id, itemIds: Ids })),
  /** Removes items from the collection only; undoable. */
  'collections.removeItems': mutation<number>()(z.object({ id: Id, itemIds: Ids })),
};
