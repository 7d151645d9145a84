import type { onlineCalls } from '../../../shared/api/online';
import { parseIdentifiers } from '../../../shared/domain/identifiers';
import { addByIdentifiers, retryPending } from '../online/add-by-id';
import { deleteFeed, listEntries, listFeeds, markEntries } from '../online/feeds/repo';
import {
  addEntryToLibrary,
  assertFeedUrl,
  refreshFeeds,
  subscribeFeed,
} from '../online/feeds/service';
import { dismissPending, listPending } from '../online/pending';
import { applyRefresh, fetchRefresh } from '../online/refresh';
import { readOnlineSettings, writeOnlineSettings } from '../online/settings';
import type { HandlerMap } from './types';

export const onlineHandlers: HandlerMap<keyof typeof onlineCalls> = {
  'online.settings.get': (_input, lib) => readOnlineSettings(lib.db),
  'online.settings.set': (patch, lib) => {
    const s = lib.write(() => writeOnlineSettings(lib.db, patch));
    lib.changed(['settings']);
    return s;
  },
  'online.addByIds': async ({ text, downloadPdf }, lib) => {
    const { ids, invalid } = parseIdentifiers(text);
    const result = await addByIdentifiers(lib, ids, { downloadPdf });
    return { ...result, invalid };
  },
  'online.pending.list': (_input, lib) => listPending(lib.db),
  'online.pending.retry': ({ ids }, lib) => retryPending(lib, ids),
  'online.pending.dismiss': ({ ids }, lib) => {
    const n = lib.write(() => dismissPending(lib.db, ids));
    lib.changed(['pending']);
    return n;
  },
  'online.refresh.fetch': ({ itemId }, lib) => fetchRefresh(lib, itemId),
  'online.refresh.apply': ({ proposalId, fields }, lib) => applyRefresh(lib, proposalId, fields),
  'feeds.list': (_input, lib) => listFeeds(lib.db),
  'feeds.subscribe': ({ url, title }, lib) => subscribeFeed(lib, assertFeedUrl(url), title),
  'feeds.unsubscribe': ({ id }, lib) => {
    const n = lib.write(() => deleteFeed(lib.db, id));
    lib.changed(['feeds']);
    return n;
  },
  'feeds.refresh': ({ ids }, lib) => refreshFeeds(lib, ids),
  'feeds.entries': (q, lib) => listEntries(lib.db, q),
  'feeds.mark': ({ entryIds, read, hidden }, lib) => {
    const n = lib.write(() => markEntries(lib.db, entryIds, { read, hidden }));
    lib.changed(['feeds']);
    return n;
  },
  'feeds.addToLibrary': ({ entryId, pdf }, lib) => addEntryToLibrary(lib, entryId, pdf),
};
