import type { searchCalls } from '../../../shared/api/search';
import { parseQuery } from '../search/parse';
import { relatedItems } from '../search/related';
import { createSaved, deleteSaved, getSaved, listSaved, updateSaved } from '../search/saved';
import type { HandlerMap } from './types';

export const searchHandlers: HandlerMap<keyof typeof searchCalls> = {
  'search.check': ({ query }) => {
    const p = parseQuery(query);
    return p.ok ? null : p.error;
  },
  'savedSearches.list': (_input, lib) => listSaved(lib.db),
  'savedSearches.create': ({ name, query }, lib) => {
    const id = lib.write(() => createSaved(lib.db, name, query));
    lib.changed(['savedSearches']);
    return getSaved(lib.db, id);
  },
  'savedSearches.update': ({ id, name, query }, lib) => {
    lib.write(() => updateSaved(lib.db, id, { name, query }));
    lib.changed(['savedSearches']);
    return getSaved(lib.db, id);
  },
  'savedSearches.delete': ({ id }, lib) => {
    lib.write(() => deleteSaved(lib.db, id));
    lib.changed(['savedSearches']);
    return null;
  },
  'items.related': ({ id, limit }, lib) => relatedItems(lib.db, id, limit),
};
