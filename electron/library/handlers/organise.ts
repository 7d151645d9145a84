import type { organiseCalls } from '../../../shared/api/organise';
import { listIds } from '../items/list';
import { findDuplicates, mergeGroups } from '../organise/duplicates';
import { loadSample } from '../organise/sample';
import { getUiSetting, setUiSetting } from '../organise/settings';
import { purgeWithFiles } from '../organise/purge-files';
import { emptyTrash, setItemFlags } from '../organise/trash';
import { applyUndo, peekUndo } from '../organise/undo';
import { BULK_DELETE_BACKUP_OVER, backupBeforeBulk } from '../safety/backups';
import type { HandlerMap } from './types';

export const organiseHandlers: HandlerMap<keyof typeof organiseCalls> = {
  'items.setFlags': ({ ids, starred, readState, rating }, lib) => {
    const n = lib.write(() => setItemFlags(lib.db, ids, { starred, readState, rating }));
    lib.changed(['items'], ids);
    return n;
  },
  'items.ids': ({ view, sort, search, tags, fullText }, lib) =>
    listIds(lib.db, { view, sort, search, tags, fullText }).slice(0, 100_000),
  'items.idsByKey': ({ keys }, lib) =>
    lib.db
      .prepare<[string], { key: string; id: number }>(
        `SELECT k.value AS key, coalesce(i.id, a.item_id) AS id FROM json_each(?) k
         LEFT JOIN items i ON i.citation_key = k.value
         LEFT JOIN citation_key_aliases a ON a.alias = k.value
         WHERE coalesce(i.id, a.item_id) IS NOT NULL`,
      )
      .all(JSON.stringify(keys)),
  'duplicates.find': (_input, lib) => findDuplicates(lib.db),
  'duplicates.merge': async ({ groups }, lib) => {
    // Merging deletes the other records: a verified backup first when it is more than a few.
    const removed = new Set(groups.flatMap((g) => g.otherIds.filter((id) => id !== g.masterId)));
    if (removed.size > BULK_DELETE_BACKUP_OVER) await backupBeforeBulk(lib, 'merge');
    lib.write(() => mergeGroups(lib.db, groups));
    lib.changed(['items', 'tags', 'collections', 'notes', 'undo']);
    return groups.map((g) => ({
      masterId: g.masterId,
      merged: new Set(g.otherIds.filter((id) => id !== g.masterId)).size,
    }));
  },
  'trash.empty': async (_input, lib) => {
    const trashed = lib.db
      .prepare<[], number>('SELECT count(*) FROM items WHERE deleted_at IS NOT NULL')
      .pluck()
      .get()!;
    if (trashed > BULK_DELETE_BACKUP_OVER) await backupBeforeBulk(lib, 'empty-trash');
    const { count: n } = purgeWithFiles(lib, null, () => emptyTrash(lib.db));
    lib.changed(['items', 'trash', 'undo', 'attachments']);
    return n;
  },
  'undo.peek': (_input, lib) => {
    const u = peekUndo(lib.db);
    return u && { label: u.label, dateAdded: u.dateAdded };
  },
  'undo.apply': (_input, lib) => {
    const u = peekUndo(lib.db);
    const label = lib.write(() => applyUndo(lib.db));
    lib.changed(['items', 'tags', 'collections', 'notes', 'trash', 'undo', 'savedSearches']);
    return { label, dateAdded: u?.dateAdded ?? '' };
  },
  'settings.getUi': ({ key }, lib) => getUiSetting(lib.db, key),
  'settings.setUi': ({ key, value }, lib) => {
    lib.write(() => setUiSetting(lib.db, key, value));
    return null;
  },
  'library.loadSample': (_input, lib) => {
    const items = lib.write(() => loadSample(lib.db));
    lib.changed(['items', 'tags', 'collections', 'notes']);
    return { items };
  },
};
