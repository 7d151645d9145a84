import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from '../../../cli/command';
import { Library } from '../../library';
import { startOnlineScheduler } from '../scheduler';
import {
  type LocalServer,
  localOnlineSettings,
  fixture,
  serviceRoutes,
  startLocalServer,
} from '../testdata/local-server';
import { parseFeed } from './parse';

let lib: Library;
let server: LocalServer;

beforeEach(async () => {
  lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-feeds-')));
  server = await startLocalServer(serviceRoutes);
  await call(lib, 'online.settings.set', localOnlineSettings(server.url));
});
afterEach(async () => {
  lib.close();
  await server.close();
});

describe('parseFeed', () => {
  it('reads an arXiv RSS 2.0 listing: ids, authors, PDF links', async () => {
    const f = await parseFeed(fixture('feed-arxiv-rss.xml'));
    expect(f.title).toBe('cs.LG updates on arXiv.org');
    expect(f.entries).toHaveLength(2);
    expect(f.entries[0]).toMatchObject({
      guid: 'oai:arXiv.org:2306.02556v1',
      title: 'Improved Active Multi-Task Representation Learning via Lasso',
      authors: ['Yiping Wang', 'Yifang Chen', 'Kevin Jamieson', 'Simon S. Du'],
      link: 'https://arxiv.org/abs/2306.02556',
      pdfUrl: 'https://arxiv.org/pdf/2306.02556',
      arxivId: '2306.02556',
      published: '2024-05-29T04:00:00.000Z',
    });
    expect(f.entries[0]!.summary).toMatch(
      /^arXiv:2306\.02556v1 Announce Type: new\nAbstract: To leverage/,
    );
  });

  it('reduces HTML in Atom titles and summaries to plain text, dropping scripts', async () => {
    const f = await parseFeed(fixture('feed-html-titles.atom'));
    expect(f.title).toBe('Daily Papers');
    expect(f.entries[0]!.title).toBe(
      'Preference-free Alignment Learning with Regularized Relevance Reward',
    );
    expect(f.entries[0]!.summary).toBe(
      'Learning from human preference has been considered key to aligning LLMs with human values.\nCode: here & more',
    );
    expect(f.entries[0]!.pdfUrl).toBe('https://papers.example.org/pdf/2402.03469.pdf');
    expect(f.entries[1]!.title).toBe('R&D of Tiny Models: étude');
    expect(f.entries[1]!.doi).toBe('10.1234/tiny.2024.7');
    expect(f.entries[1]!.summary).toBe('Small models, big results.');
    for (const e of f.entries) expect(`${e.title}${e.summary}`).not.toMatch(/[<>]|alert/);
  });

  it("reads a journal's RSS 1.0 (RDF) feed: CDATA titles with HTML, several creators, the DOI", async () => {
    const f = await parseFeed(fixture('feed-journal-rdf.xml'));
    expect(f.title).toBe('Journal of Examples');
    expect(f.entries).toEqual([
      {
        guid: 'https://www.journal.example.org/articles/s41586-024-0001',
        title: 'Fast in situ synthesis of H2O2 & more',
        authors: ['Jane Roe', 'Richard Miles'],
        summary: 'Journal of Examples, Published online: 29 May 2024; doi:10.1038/s41586-024-0001',
        link: 'https://www.journal.example.org/articles/s41586-024-0001',
        pdfUrl: '',
        doi: '10.1038/s41586-024-0001',
        arxivId: '',
        published: '2024-05-29T00:00:00.000Z',
      },
    ]);
  });

  it('rejects XML that is not a feed and malformed XML', async () => {
    await expect(parseFeed('<html><body>hi</body></html>')).rejects.toThrow(
      'This address is a web page, not an RSS or Atom feed',
    );
    await expect(
      parseFeed('<!DOCTYPE html>\n<html><head><meta charset=utf-8></head></html>'),
    ).rejects.toThrow('This address is a web page, not an RSS or Atom feed');
    await expect(parseFeed('<opml version="2.0"><body/></opml>')).rejects.toThrow(
      'This is XML but not an RSS or Atom feed',
    );
    await expect(parseFeed('<rss><channel><item><title>x</channel></rss>')).rejects.toThrow(
      /malformed XML/,
    );
  });
});

describe('feeds', () => {
  it('subscribes, stores entries, marks read/unread and hides', async () => {
    const feed = await call(lib, 'feeds.subscribe', { url: `${server.url}/feeds/arxiv-cs-lg.rss` });
    expect(feed).toMatchObject({
      title: 'cs.LG updates on arXiv.org',
      total: 2,
      unread: 2,
      lastError: null,
    });
    const { entries } = await call(lib, 'feeds.entries', { feedId: feed.id });
    expect(entries.map((e) => e.arxivId).sort()).toEqual(['2306.02556', '2307.15049']);

    await call(lib, 'feeds.mark', { entryIds: [entries[0]!.id], read: true });
    await call(lib, 'feeds.mark', { entryIds: [entries[1]!.id], hidden: true });
    expect(await call(lib, 'feeds.list', {})).toMatchObject([{ total: 1, unread: 0 }]);
    expect(
      (await call(lib, 'feeds.entries', { feedId: feed.id })).entries.map((e) => e.id),
    ).toEqual([entries[0]!.id]);
    expect((await call(lib, 'feeds.entries', { feedId: feed.id, includeHidden: true })).total).toBe(
      2,
    );
    await call(lib, 'feeds.mark', { entryIds: [entries[0]!.id], read: false });
    expect((await call(lib, 'feeds.entries', { feedId: feed.id, unreadOnly: true })).total).toBe(1);

    // Subscribing again to the same URL keeps one subscription; a refresh keeps read state.
    await call(lib, 'feeds.subscribe', { url: `${server.url}/feeds/arxiv-cs-lg.rss` });
    expect(await call(lib, 'feeds.list', {})).toHaveLength(1);
    const after = await call(lib, 'feeds.entries', { feedId: feed.id, includeHidden: true });
    expect(after.entries.find((e) => e.id === entries[1]!.id)!.hidden).toBe(true);
  });

  it('a failing feed keeps its entries, records the error, and recovers', async () => {
    const feed = await call(lib, 'feeds.subscribe', { url: `${server.url}/feeds/daily.atom` });
    expect(feed.total).toBe(2);
    server.setRoute((req) =>
      req.path === '/feeds/daily.atom' ? { status: 500, body: 'down' } : serviceRoutes(req),
    );
    const [failed] = await call(lib, 'feeds.refresh', {});
    expect(failed).toMatchObject({ total: 2, lastError: 'Daily Papers failed (HTTP 500)' });
    expect((await call(lib, 'feeds.entries', { feedId: feed.id })).entries).toHaveLength(2);

    server.setRoute((req) =>
      req.path === '/feeds/daily.atom'
        ? { body: '<feed><entry><title>broken' }
        : serviceRoutes(req),
    );
    const [malformed] = await call(lib, 'feeds.refresh', { ids: [feed.id] });
    expect(malformed!.lastError).toMatch(/^The feed sent malformed XML/);
    expect(malformed!.total).toBe(2);

    server.setRoute(serviceRoutes);
    const [ok] = await call(lib, 'feeds.refresh', {});
    expect(ok).toMatchObject({ lastError: null, total: 2 });
  });

  it('offline: subscribing records why nothing was fetched; stored entries stay readable', async () => {
    const feed = await call(lib, 'feeds.subscribe', { url: `${server.url}/feeds/daily.atom` });
    await call(lib, 'online.settings.set', { enabled: false });
    const before = server.requests.length;
    const [f] = await call(lib, 'feeds.refresh', {});
    expect(server.requests.length).toBe(before);
    expect(f!.lastError).toMatch(/turned off in settings/);
    expect((await call(lib, 'feeds.entries', { feedId: feed.id })).total).toBe(2);
  });

  it('adds an arXiv entry to the library with complete metadata and its PDF downloaded', async () => {
    server.setRoute((req) => {
      if (req.path === '/arxiv/api/query' && req.query.get('id_list') === '2306.02556') {
        return {
          headers: { 'content-type': 'application/atom+xml' },
          body: fixture('arxiv-query.xml').replaceAll('1706.03762', '2306.02556'),
        };
      }
      return serviceRoutes(req);
    });
    const feed = await call(lib, 'feeds.subscribe', { url: `${server.url}/feeds/arxiv-cs-lg.rss` });
    const { entries } = await call(lib, 'feeds.entries', { feedId: feed.id });
    const entry = entries.find((e) => e.arxivId === '2306.02556')!;
    const r = await call(lib, 'feeds.addToLibrary', { entryId: entry.id, pdf: 'download' });
    expect(r.created).toBe(true);
    expect(r.pdf).toMatchObject({ ok: true });
    const item = await call(lib, 'items.get', { id: r.itemId });
    expect(item.fields).toMatchObject({ eprint: '2306.02556', eprinttype: 'arxiv' });
    const path = lib.db
      .prepare<[number], string>('SELECT path FROM attachments WHERE item_id = ?')
      .pluck()
      .get(r.itemId)!;
    expect(existsSync(join(lib.folder, path))).toBe(true);
    const again = await call(lib, 'feeds.addToLibrary', { entryId: entry.id });
    expect(again).toEqual({ itemId: r.itemId, created: false });
    const stored = (await call(lib, 'feeds.entries', { feedId: feed.id })).entries.find(
      (e) => e.id === entry.id,
    )!;
    expect(stored).toMatchObject({ itemId: r.itemId, read: true });
  });

  it('offline, an entry becomes an item from its own data, keeping the PDF link', async () => {
    const feed = await call(lib, 'feeds.subscribe', { url: `${server.url}/feeds/daily.atom` });
    await call(lib, 'online.settings.set', { enabled: false });
    const { entries } = await call(lib, 'feeds.entries', { feedId: feed.id });
    const entry = entries.find((e) => e.title.startsWith('Preference-free'))!;
    const r = await call(lib, 'feeds.addToLibrary', { entryId: entry.id, pdf: 'link' });
    const item = await call(lib, 'items.get', { id: r.itemId });
    expect(item).toMatchObject({
      title: 'Preference-free Alignment Learning with Regularized Relevance Reward',
      date: '2024-05-29',
      url: 'https://papers.example.org/papers/2402.03469',
      fields: { pdfurl: 'https://papers.example.org/pdf/2402.03469.pdf' },
    });
    expect(item.creators.map((c) => c.family)).toEqual(['Kim', 'Seo']);
  });

  it('subscribing to a web page follows the feed it announces', async () => {
    const page = `<!DOCTYPE html><html><head><title>Journal</title>
      <link rel="alternate" type="application/atom+xml" title="Latest" href="/feeds/daily.atom">
      <script>window.bad = 1</script></head><body>Home</body></html>`;
    server.setRoute((req) =>
      req.path === '/journal'
        ? { headers: { 'content-type': 'text/html' }, body: page }
        : serviceRoutes(req),
    );
    const feed = await call(lib, 'feeds.subscribe', { url: `${server.url}/journal` });
    expect(feed).toMatchObject({
      url: `${server.url}/feeds/daily.atom`,
      title: 'Daily Papers',
      total: 2,
      lastError: null,
    });
    expect((await call(lib, 'feeds.list', {})).map((f) => f.url)).toEqual([
      `${server.url}/feeds/daily.atom`,
    ]);
  });

  it('a web page that announces no feed stays subscribed with a plain error', async () => {
    server.setRoute((req) =>
      req.path === '/plain'
        ? { body: '<html><body>No feeds here</body></html>' }
        : serviceRoutes(req),
    );
    const feed = await call(lib, 'feeds.subscribe', { url: `${server.url}/plain` });
    expect(feed.lastError).toBe('This address is a web page, not an RSS or Atom feed');
  });

  it('refuses non-http feed URLs at the contract', async () => {
    await expect(call(lib, 'feeds.subscribe', { url: 'file:///etc/passwd' })).rejects.toThrow(
      /http/,
    );
    await expect(call(lib, 'feeds.mark', { entryIds: [1] })).rejects.toThrow(/read or hidden/);
  });

  it('the scheduler refreshes feeds and retries pending identifiers', async () => {
    const feed = await call(lib, 'feeds.subscribe', { url: `${server.url}/feeds/daily.atom` });
    await call(lib, 'online.settings.set', { enabled: false });
    await call(lib, 'online.addByIds', { text: '10.1038/nature14539' });
    await call(lib, 'online.settings.set', { enabled: true });
    const before = server.requests.length;
    const scheduler = startOnlineScheduler(lib, { runAtStart: false, intervalMs: 3_600_000 });
    await scheduler.runNow();
    scheduler.stop();
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([
      '/feeds/daily.atom',
      '/crossref/works/10.1038%2Fnature14539',
    ]);
    expect(await call(lib, 'online.pending.list', {})).toEqual([]);
    expect((await call(lib, 'feeds.list', {}))[0]!.id).toBe(feed.id);
  });

  it('the scheduler runs on its interval, and makes no request while network features are off', async () => {
    await call(lib, 'feeds.subscribe', { url: `${server.url}/feeds/daily.atom` });
    await call(lib, 'online.settings.set', { enabled: false });
    const before = server.requests.length;
    const off = startOnlineScheduler(lib, { runAtStart: true, intervalMs: 3_600_000 });
    await off.runNow();
    off.stop();
    expect(server.requests.length).toBe(before);

    await call(lib, 'online.settings.set', { enabled: true });
    const on = startOnlineScheduler(lib, { runAtStart: false, intervalMs: 20 });
    await vi.waitFor(() => expect(server.requests.length).toBeGreaterThan(before), {
      timeout: 5_000,
    });
    on.stop();
    await on.runNow(); // waits for a round still in flight
    expect(server.requests.at(-1)!.path).toBe('/feeds/daily.atom');
  });
});
