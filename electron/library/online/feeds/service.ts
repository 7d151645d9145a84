// Subscribing, refreshing, and turning a feed entry into a library item.
import type { AddedFromEntry } from '../../../../shared/api/online';
import type { Identifier } from '../../../../shared/domain/identifiers';
import type { Feed } from '../../../../shared/domain/online';
import { AppError } from '../../errors';
import { type NewItem, getItem, insertItem } from '../../items/repo';
import type { Library } from '../../library';
import { NetError } from '../../net/http';
import { feedLinksIn, warmHtmlParser } from '../../net/xml';
import { downloadPdfFor, findExisting } from '../add-by-id';
import { arxivPdfUrl } from '../services/arxiv';
import { lookupIdentifiers } from '../services/index';
import { type ServiceContext, splitName } from '../services/types';
import { httpFor, readOnlineSettings } from '../settings';
import { WEB_PAGE, parseFeed } from './parse';
import {
  deleteFeed,
  getEntry,
  getFeed,
  insertFeed,
  linkEntryToItem,
  listFeeds,
  recordFeedError,
  storeFeedEntries,
} from './repo';

function context(lib: Library): ServiceContext {
  const settings = readOnlineSettings(lib.db);
  return { http: httpFor(lib, settings), settings };
}

/** Fetches one feed. A failure is recorded on the feed and its old entries are kept. */
export async function refreshFeed(lib: Library, id: number, ctx = context(lib)): Promise<Feed> {
  const feed = getFeed(lib.db, id);
  if (ctx.settings.enabled) await warmHtmlParser();
  try {
    const res = await ctx.http.get(feed.url, {
      accept: 'application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8',
      service: feed.title || new URL(feed.url).host,
      maxBytes: 10 * 1024 * 1024,
      ...(/(^|\.)arxiv\.org$/.test(new URL(feed.url).hostname)
        ? { minIntervalMs: ctx.settings.arxivIntervalMs }
        : {}),
    });
    const parsed = await parseFeed(res.text());
    lib.write(() => storeFeedEntries(lib.db, id, parsed, parsed.entries));
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    lib.write(() => recordFeedError(lib.db, id, e.message));
  }
  lib.changed(['feeds']);
  return getFeed(lib.db, id);
}

export async function refreshFeeds(lib: Library, ids?: readonly number[]): Promise<Feed[]> {
  const ctx = context(lib);
  const feeds = ids ?? listFeeds(lib.db).map((f) => f.id);
  const out: Feed[] = [];
  for (const id of feeds) out.push(await refreshFeed(lib, id, ctx));
  return out;
}

/** Subscribes (keeping an existing subscription to the same URL) and fetches once. */
export async function subscribeFeed(
  lib: Library,
  url: string,
  title = '',
  discover = true,
): Promise<Feed> {
  const existing = listFeeds(lib.db).find((f) => f.url === url);
  const id = lib.write(() => insertFeed(lib.db, url, title));
  lib.changed(['feeds']);
  const feed = await refreshFeed(lib, id);
  if (existing || !discover || feed.lastError !== WEB_PAGE) return feed;
  // The address is a web page: subscribe to the feed it announces instead, if it names one.
  const ctx = context(lib);
  try {
    const page = await ctx.http.get(url, { accept: 'text/html', service: new URL(url).host });
    const [found] = await feedLinksIn(page.text(), page.url);
    if (!found) return feed;
    lib.write(() => deleteFeed(lib.db, id));
    // One step only: a page announcing another page is not followed further.
    return await subscribeFeed(lib, found, title, false);
  } catch (e) {
    if (e instanceof AppError) return feed;
    throw e;
  }
}

export type EntryPdf = 'none' | 'link' | 'download';

function entryIdentifier(entry: {
  doi: string;
  arxivId: string;
  title: string;
}): Identifier | null {
  if (entry.arxivId) return { kind: 'arxiv', value: entry.arxivId, input: entry.arxivId };
  if (entry.doi) return { kind: 'doi', value: entry.doi, input: entry.doi };
  return null;
}

/**
 * Makes a library item from a feed entry: complete metadata from the identifier's service when
 * online, else the entry's own title, authors and summary (so it works offline too).
 */
export async function addEntryToLibrary(
  lib: Library,
  entryId: number,
  pdf: EntryPdf,
): Promise<AddedFromEntry> {
  const entry = getEntry(lib.db, entryId);
  if (entry.itemId) {
    const live = lib.db
      .prepare('SELECT 1 FROM items WHERE id = ? AND deleted_at IS NULL')
      .get(entry.itemId);
    if (live) return { itemId: entry.itemId, created: false };
  }
  const ident = entryIdentifier(entry);
  const existing = ident ? findExisting(lib.db, ident) : null;
  if (existing) {
    lib.write(() => linkEntryToItem(lib.db, entryId, existing));
    lib.changed(['feeds']);
    return { itemId: existing, created: false };
  }
  const ctx = context(lib);
  let item: NewItem = {
    type: entry.arxivId ? 'misc' : 'article',
    title: entry.title,
    creators: entry.authors.map((a) => splitName(a)),
    date: entry.published.slice(0, 10),
    doi: entry.doi,
    url: entry.link,
    abstract: entry.summary,
    fields: entry.arxivId ? { eprint: entry.arxivId, eprinttype: 'arxiv' } : {},
  };
  if (ident && ctx.settings.enabled) {
    const [found] = await lookupIdentifiers(ctx, [ident]);
    if (found && !(found instanceof NetError)) item = found.item;
  }
  if (pdf === 'link' && entry.pdfUrl)
    item = { ...item, fields: { ...item.fields, pdfurl: entry.pdfUrl } };
  const itemId = lib.write(() => {
    const id = insertItem(lib.db, item);
    linkEntryToItem(lib.db, entryId, id);
    return id;
  });
  lib.changed(['items', 'feeds'], [itemId]);
  const result: AddedFromEntry = { itemId, created: true };
  if (pdf === 'download') {
    const url = entry.arxivId ? arxivPdfUrl(ctx, entry.arxivId) : entry.pdfUrl;
    if (!url) {
      result.pdf = { ok: false, reason: 'This entry links no PDF' };
    } else {
      result.pdf = await downloadPdfFor(lib, ctx, itemId, url, {
        name: getItem(lib.db, itemId).citationKey,
        service: entry.arxivId ? 'arXiv' : new URL(url).host,
        ...(entry.arxivId ? { minIntervalMs: ctx.settings.arxivIntervalMs } : {}),
      });
      if (result.pdf.ok) lib.changed(['attachments', 'items'], [itemId]);
    }
  }
  return result;
}

export function assertFeedUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new AppError('invalid_input', `Not a feed URL: ${url.slice(0, 200)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new AppError('invalid_input', 'A feed URL must start with http:// or https://');
  }
  return u.href;
}
