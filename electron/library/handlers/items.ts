import type { itemCalls } from '../../../shared/api/items';
import { getItem, insertItem, purgeItems, restoreItems, updateItem } from '../items/repo';
import { indexOfItem, itemCounts, listItems } from '../items/list';
import { trashItemsUndoable } from '../organise/trash';
import { clearUndo } from '../organise/undo';
import type { HandlerMap } from './types';

export const itemHandlers: HandlerMap<keyof typeof itemCalls> = {
  'items.create': (input, lib) => {
    const id = lib.write(() => insertItem(lib.db, input));
    lib.changed(['items'], [id]);
    return getItem(lib.db, id);
  },
  'items.get': ({ id }, lib) => getItem(lib.db, id),
  'items.update': ({ id, patch }, lib) => {
    const changed = lib.write(() => updateItem(lib.db, id, patch));
    if (changed) lib.changed(['items'], [id]);
    return getItem(lib.db, id);
  },
  'items.list': ({ view, sort, offset, limit, search, tags }, lib) => ({
    offset,
    ...listItems(lib.db, { view, sort, search, tags }, offset, limit),
  }),
  'items.indexOf': ({ id, view, sort, search, tags }, lib) =>
    indexOfItem(lib.db, { view, sort, search, tags }, id),
  'items.trash': ({ ids }, lib) => {
    const n = lib.write(() => trashItemsUndoable(lib.db, ids));
    lib.changed(['items', 'trash', 'undo'], ids);
    return n;
  },
  'items.restore': ({ ids }, lib) => {
    const n = lib.write(() => restoreItems(lib.db, ids));
    lib.changed(['items', 'trash'], ids);
    return n;
  },
  'items.purge': ({ ids }, lib) => {
    // purged rows cannot come back, so an undo entry naming them must go
    const n = lib.write(() => {
      clearUndo(lib.db);
      return purgeItems(lib.db, ids);
    });
    lib.changed(['items', 'trash'], ids);
    return n;
  },
  'items.counts': (_input, lib) => itemCounts(lib.db),
};
