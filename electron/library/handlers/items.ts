import type { itemCalls } from '../../../shared/api/items';
import { getItem, insertItem, purgeItems, restoreItems, updateItem } from '../items/repo';
import { indexOfItem, itemCounts, listItems } from '../items/list';
import { BULK_DELETE_BACKUP_OVER, backupBeforeBulk } from '../safety/backups';
import { trashItemsUndoable } from '../organise/trash';
import { purgeWithFiles } from '../organise/purge-files';
import { clearUndo } from '../organise/undo';
import type { HandlerMap } from './types';

export const itemHandlers: HandlerMap<keyof typeof itemCalls> = {
  'items.create': (input, lib) => {
    const id = lib.write(() => insertItem(lib.db, input));
    lib.changed(['items'], [id]);
    return getItem(lib.db, id);
  },
  'items.get': ({ id }, lib) => getItem(lib.db, id),
  // An item in the Trash is read-only in the UI (as in Zotero), but the engine still accepts
  // edits to it: scripts, merges and undo work on trashed items by design (trash-undo.test.ts).
  'items.update': ({ id, patch }, lib) => {
    const changed = lib.write(() => updateItem(lib.db, id, patch));
    if (changed) lib.changed(['items'], [id]);
    return getItem(lib.db, id);
  },
  'items.list': ({ view, sort, offset, limit, search, fullText, tags }, lib) => ({
    offset,
    ...listItems(lib.db, { view, sort, search, fullText, tags }, offset, limit),
  }),
  'items.indexOf': ({ id, view, sort, search, fullText, tags }, lib) =>
    indexOfItem(lib.db, { view, sort, search, fullText, tags }, id),
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
  'items.purge': async ({ ids }, lib) => {
    // Deleting for good more than a few items: keep a verified backup first.
    if (ids.length > BULK_DELETE_BACKUP_OVER) await backupBeforeBulk(lib, 'empty-trash');
    // purged rows cannot come back, so an undo entry naming them must go
    // their stored files go too, once the delete has committed
    const { count: n } = purgeWithFiles(lib, ids, () => {
      clearUndo(lib.db);
      return purgeItems(lib.db, ids);
    });
    lib.changed(['items', 'trash', 'undo', 'attachments'], ids);
    return n;
  },
  'items.counts': (_input, lib) => itemCounts(lib.db),
};
