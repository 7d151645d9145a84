// Feeds and their entries in SQLite: stored locally so they stay readable offline.
import type { Database } from 'better-sqlite3';
import type { Feed, FeedEntry } from '../../../../shared/domain/online';
import { notFound } from '../../errors';
import { now } from '../../items/repo';
import type { ParsedEntry } from './parse';

interface FeedDbRow {
  id: number;
  url: string;
  title: string;
  site_url: string;
  date_added: string;
  last_fetched: string | null;
  last_success: string | null;
  last_error: string | null;
  unread: number;
  total: number;
}

interface EntryDbRow {
  id: number;
  feed_id: number;
  title: string;
  authors: string;
  summary: string;
  link: string;
  pdf_url: string;
  doi: string;
  arxiv_id: string;
  published: string;
  read: number;
  hidden: number;
  item_id: number | null;
}

const FEED_SELECT = `
  SELECT f.*,
    (SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id AND e.hidden = 0 AND e.read = 0) AS unread,
    (SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id AND e.hidden = 0) AS total
  FROM feeds f`;

function toFeed(r: FeedDbRow): Feed {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    siteUrl: r.site_url,
    dateAdded: r.date_added,
    lastFetched: r.last_fetched,
    lastSuccess: r.last_success,
    lastError: r.last_error,
    unread: r.unread,
    total: r.total,
  };
}

export function toEntry(r: EntryDbRow): FeedEntry {
  return {
    id: r.id,
    feedId: r.feed_id,
    title: r.title,
    authors: JSON.parse(r.authors) as string[],
    summary: r.summary,
    link: r.link,
    pdfUrl: r.pdf_url,
    doi: r.doi,
    arxivId: r.arxiv_id,
    published: r.published,
    read: r.read === 1,
    hidden: r.hidden === 1,
    itemId: r.item_id,
  };
}

export function listFeeds(db: Database): Feed[] {
  return db
    .prepare<[], FeedDbRow>(`${FEED_SELECT} ORDER BY f.title COLLATE NOCASE, f.id`)
    .all()
    .map(toFeed);
}

export function getFeed(db: Database, id: number): Feed {
  const row = db.prepare<[number], FeedDbRow>(`${FEED_SELECT} WHERE f.id = ?`).get(id);
  if (!row) throw notFound('Feed', id);
  return toFeed(row);
}

/** Adds a subscription, or returns the existing one for the same URL. */
export function insertFeed(db: Database, url: string, title: string): number {
  const existing = db
    .prepare<[string], number>('SELECT id FROM feeds WHERE url = ?')
    .pluck()
    .get(url);
  if (existing) return existing;
  return db
    .prepare('INSERT INTO feeds (url, title, date_added) VALUES (?, ?, ?)')
    .run(url, title, now()).lastInsertRowid as number;
}

export function deleteFeed(db: Database, id: number): number {
  return db.prepare('DELETE FROM feeds WHERE id = ?').run(id).changes;
}

export function recordFeedError(db: Database, id: number, error: string): void {
  db.prepare('UPDATE feeds SET last_fetched = ?, last_error = ? WHERE id = ?').run(
    now(),
    error.slice(0, 1_000),
    id,
  );
}

/**
 * Stores a successful refresh: new entries are added, known ones updated in place (their
 * read/hidden state and library link kept). Returns how many entries were new.
 */
export function storeFeedEntries(
  db: Database,
  id: number,
  meta: { title: string; siteUrl: string },
  entries: readonly ParsedEntry[],
): number {
  const stamp = now();
  db.prepare(
    `UPDATE feeds SET title = CASE WHEN ? <> '' THEN ? ELSE title END, site_url = ?,
       last_fetched = ?, last_success = ?, last_error = NULL WHERE id = ?`,
  ).run(meta.title, meta.title, meta.siteUrl, stamp, stamp, id);
  const exists = db.prepare<[number, string], number>(
    'SELECT 1 FROM feed_entries WHERE feed_id = ? AND guid = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO feed_entries (feed_id, guid, title, authors, summary, link, pdf_url, doi, arxiv_id, published, date_added)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (feed_id, guid) DO UPDATE SET title = excluded.title, authors = excluded.authors,
       summary = excluded.summary, link = excluded.link, pdf_url = excluded.pdf_url, doi = excluded.doi,
       arxiv_id = excluded.arxiv_id, published = excluded.published`,
  );
  let fresh = 0;
  for (const e of entries) {
    if (!exists.get(id, e.guid)) fresh++;
    upsert.run(
      id,
      e.guid,
      e.title,
      JSON.stringify(e.authors),
      e.summary,
      e.link,
      e.pdfUrl,
      e.doi,
      e.arxivId,
      e.published || stamp,
      stamp,
    );
  }
  return fresh;
}

export interface EntryQuery {
  feedId?: number | undefined;
  unreadOnly: boolean;
  includeHidden: boolean;
  offset: number;
  limit: number;
}

export function listEntries(db: Database, q: EntryQuery): { total: number; entries: FeedEntry[] } {
  const where: string[] = [];
  const params: (number | string)[] = [];
  if (q.feedId !== undefined) {
    where.push('feed_id = ?');
    params.push(q.feedId);
  }
  if (!q.includeHidden) where.push('hidden = 0');
  if (q.unreadOnly) where.push('read = 0');
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db
    .prepare<unknown[], number>(`SELECT count(*) FROM feed_entries ${clause}`)
    .pluck()
    .get(...params)!;
  const entries = db
    .prepare<unknown[], EntryDbRow>(
      `SELECT * FROM feed_entries ${clause} ORDER BY published DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, q.limit, q.offset)
    .map(toEntry);
  return { total, entries };
}

export function getEntry(db: Database, id: number): FeedEntry {
  const row = db.prepare<[number], EntryDbRow>('SELECT * FROM feed_entries WHERE id = ?').get(id);
  if (!row) throw notFound('Feed entry', id);
  return toEntry(row);
}

export function markEntries(
  db: Database,
  ids: readonly number[],
  change: { read?: boolean | undefined; hidden?: boolean | undefined },
): number {
  let n = 0;
  const read = db.prepare('UPDATE feed_entries SET read = ? WHERE id = ?');
  const hidden = db.prepare('UPDATE feed_entries SET hidden = ? WHERE id = ?');
  for (const id of ids) {
    if (change.read !== undefined) n += read.run(change.read ? 1 : 0, id).changes;
    if (change.hidden !== undefined) n += hidden.run(change.hidden ? 1 : 0, id).changes;
  }
  return n;
}

export function linkEntryToItem(db: Database, entryId: number, itemId: number): void {
  db.prepare('UPDATE feed_entries SET item_id = ?, read = 1 WHERE id = ?').run(itemId, entryId);
}
