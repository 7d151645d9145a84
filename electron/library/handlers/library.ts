import type { libraryCalls } from '../../../shared/api/library';
import { APP_VERSION } from '../../../shared/version';
import { createCollection, listCollections } from '../organise/collections';
import { listTags, setItemTags } from '../organise/tags';
import type { HandlerMap } from './types';

export const libraryHandlers: HandlerMap<keyof typeof libraryCalls> = {
  'library.info': (_input, lib) => ({
    folder: lib.folder,
    schemaVersion: lib.db.pragma('user_version', { simple: true }) as number,
    appVersion: APP_VERSION,
  }),
  'collections.list': (_input, lib) => listCollections(lib.db),
  'collections.create': ({ name, parentId }, lib) => {
    const c = lib.write(() => createCollection(lib.db, name, parentId));
    lib.changed(['collections']);
    return c;
  },
  'tags.list': (_input, lib) => listTags(lib.db),
  'tags.setForItem': ({ itemId, tags }, lib) => {
    const names = lib.write(() => setItemTags(lib.db, itemId, tags));
    lib.changed(['tags', 'items'], [itemId]);
    return names;
  },
};
