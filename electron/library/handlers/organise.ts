import type { organiseCalls } from '../../../shared/api/organise';
import { listIds } from '../items/list';
import { findDuplicates, mergeGroups } from '../organise/duplicates';
import { loadSample } from '../organise/sample';
import { getUiSetting, setUiSetting } from '../organise/settings';
import { emptyTrash, setItemFlags } from '../organise/trash';
import { applyUndo, peekUndo } from '../organise/undo';
import type { HandlerMap } from './types';

export const organiseHandlers: HandlerMap<keyof typeof organiseCalls> = {
  'items.setFlags': ({ ids, starred, readState, rating }, lib) => {
    const n = lib.write(() => setItemFlags(lib.db, ids, { starred, readState, rating }));
    lib.changed(['items'], ids);
    return n;
  },
  'items.ids': ({ view, sort, search, tags }, lib) =>
    listIds(lib.db, { view, sort, search, tags }).slice(0, 100_000),
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
  'duplicates.merge': ({ groups }, lib) => {
    lib.write(() => mergeGroups(lib.db, groups));
    lib.changed(['items', 'tags', 'collections', 'notes', 'undo']);
    return groups.map((g) => ({
      masterId: g.masterId,
      merged: new Set(g.otherIds.filter((id) => id !== g.masterId)).size,
    }));
  },
  'trash.empty': (_input, lib) => {
    const n = lib.write(() => emptyTrash(lib.db));
    lib.changed(['items', 'trash', 'undo']);
    return n;
  },
  'undo.peek': (_input, lib) => {
    const u = peekUndo(lib.db);
    return u && { label: u.label, dateAdded: u.dateAdded };
  },
  'undo.apply': (_input, lib) => {
    const u = peekUndo(lib.db);
    const label = lib.write(() => applyUndo(lib.db));
    lib.changed(['items', 'tags', 'collections', 'notes', 'trash', 'undo']);
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
