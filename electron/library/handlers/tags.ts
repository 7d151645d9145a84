import type { tagCalls } from '../../../shared/api/tags';
import {
  addTags,
  deleteTags,
  listTags,
  mergeTags,
  removeTags,
  renameTag,
  setItemTags,
  tagTreeCounts,
  toggleTagByPosition,
  updateTag,
} from '../organise/tags';
import type { HandlerMap } from './types';

export const tagHandlers: HandlerMap<keyof typeof tagCalls> = {
  'tags.list': (_input, lib) => listTags(lib.db),
  'tags.treeCounts': (_input, lib) => tagTreeCounts(lib.db),
  'tags.setForItem': ({ itemId, tags }, lib) => {
    const names = lib.write(() => setItemTags(lib.db, itemId, tags));
    lib.changed(['tags', 'items'], [itemId]);
    return names;
  },
  'tags.add': ({ itemIds, names }, lib) => {
    const n = lib.write(() => addTags(lib.db, itemIds, names));
    lib.changed(['tags', 'items'], itemIds);
    return n;
  },
  'tags.remove': ({ itemIds, names }, lib) => {
    const n = lib.write(() => removeTags(lib.db, itemIds, names));
    lib.changed(['tags', 'items'], itemIds);
    return n;
  },
  'tags.toggle': ({ itemIds, position }, lib) => {
    const r = lib.write(() => toggleTagByPosition(lib.db, itemIds, position));
    lib.changed(['tags', 'items'], itemIds);
    return r;
  },
  'tags.update': ({ id, color, position }, lib) => {
    const t = lib.write(() => updateTag(lib.db, id, { color, position }));
    lib.changed(['tags', 'items']);
    return t;
  },
  'tags.rename': ({ id, name }, lib) => {
    const t = lib.write(() => renameTag(lib.db, id, name));
    lib.changed(['tags', 'items', 'savedSearches']);
    return t;
  },
  'tags.merge': ({ sourceIds, targetId }, lib) => {
    const t = lib.write(() => mergeTags(lib.db, sourceIds, targetId));
    lib.changed(['tags', 'items', 'undo', 'savedSearches']);
    return t;
  },
  'tags.delete': ({ ids }, lib) => {
    const n = lib.write(() => deleteTags(lib.db, ids));
    lib.changed(['tags', 'items', 'undo']);
    return n;
  },
};
