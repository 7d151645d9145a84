import type { collectionCalls } from '../../../shared/api/collections';
import {
  addToCollection,
  createCollection,
  deleteCollection,
  listCollections,
  moveCollection,
  removeFromCollection,
  renameCollection,
} from '../organise/collections';
import type { HandlerMap } from './types';

export const collectionHandlers: HandlerMap<keyof typeof collectionCalls> = {
  'collections.list': (_input, lib) => listCollections(lib.db),
  'collections.create': ({ name, parentId }, lib) => {
    const c = lib.write(() => createCollection(lib.db, name, parentId));
    lib.changed(['collections']);
    return c;
  },
  'collections.rename': ({ id, name }, lib) => {
    lib.write(() => renameCollection(lib.db, id, name));
    lib.changed(['collections', 'savedSearches']);
    return null;
  },
  'collections.move': ({ id, parentId }, lib) => {
    lib.write(() => moveCollection(lib.db, id, parentId));
    lib.changed(['collections']);
    return null;
  },
  'collections.delete': ({ id }, lib) => {
    const n = lib.write(() => deleteCollection(lib.db, id));
    lib.changed(['collections', 'items', 'undo']);
    return n;
  },
  'collections.addItems': ({ id, itemIds }, lib) => {
    const n = lib.write(() => addToCollection(lib.db, id, itemIds));
    lib.changed(['collections', 'items'], itemIds);
    return n;
  },
  'collections.removeItems': ({ id, itemIds }, lib) => {
    const n = lib.write(() => removeFromCollection(lib.db, id, itemIds));
    lib.changed(['collections', 'items', 'undo'], itemIds);
    return n;
  },
};
