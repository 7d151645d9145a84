import { parseArgs } from 'node:util';
import type { Feed } from '../../../shared/domain/online';
import { type CliIO, type Command, call } from '../command';

const USAGE = [
  'shelfmark feed list [--json]',
  'shelfmark feed add URL',
  'shelfmark feed refresh [FEED_ID…]',
  'shelfmark feed entries FEED_ID [--unread] [--all] [--json]',
  'shelfmark feed read|unread|hide|unhide ENTRY_ID…',
  'shelfmark feed import ENTRY_ID [--pdf link|download|none]',
  'shelfmark feed remove FEED_ID',
].join('\n       ');

function ids(args: string[], what: string): number[] {
  const out = args.map(Number);
  if (out.length === 0 || out.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw Object.assign(new Error(`feed: give ${what} as positive numbers`), { usage: true });
  }
  return out;
}

function oneId(args: string[], what: string): number {
  const [id, ...more] = ids(args, what);
  if (id === undefined || more.length) {
    throw Object.assign(new Error(`feed: give ${what}`), { usage: true });
  }
  return id;
}

function feedLine(f: Feed): string {
  const error = f.lastError ? `\tLAST REFRESH FAILED: ${f.lastError}` : '';
  return `${f.id}\t${f.unread}/${f.total} unread\t${f.title || f.url}${error}`;
}

function printFeeds(feeds: Feed[], io: CliIO, json?: boolean): void {
  if (json) io.out(JSON.stringify(feeds, null, 2));
  else for (const f of feeds) io.out(feedLine(f));
}

export const feed: Command = {
  name: 'feed',
  usage: USAGE,
  summary: 'subscribe to RSS/Atom feeds, read entries, add them to the library',
  async run(args, { library, io }) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean' },
        unread: { type: 'boolean' },
        all: { type: 'boolean' },
        pdf: { type: 'string', default: 'link' },
      },
      allowPositionals: true,
      strict: true,
    });
    try {
      const lib = library();
      switch (sub) {
        case 'list':
          printFeeds(await call(lib, 'feeds.list', {}), io, values.json);
          return 0;
        case 'add': {
          if (positionals.length !== 1) break;
          const f = await call(lib, 'feeds.subscribe', { url: positionals[0]! });
          io.out(feedLine(f));
          return f.lastError ? 1 : 0;
        }
        case 'refresh': {
          const feeds = await call(
            lib,
            'feeds.refresh',
            positionals.length ? { ids: ids(positionals, 'feed ids') } : {},
          );
          printFeeds(feeds, io, values.json);
          return feeds.some((f) => f.lastError) ? 1 : 0;
        }
        case 'entries': {
          const feedId = oneId(positionals, 'one feed id');
          const page = await call(lib, 'feeds.entries', {
            feedId,
            unreadOnly: values.unread ?? false,
            includeHidden: values.all ?? false,
            limit: 1_000,
          });
          if (values.json) io.out(JSON.stringify(page, null, 2));
          else {
            for (const e of page.entries) {
              const state = [
                e.read ? 'read' : 'unread',
                e.hidden ? 'hidden' : '',
                e.itemId ? `item ${e.itemId}` : '',
              ]
                .filter(Boolean)
                .join(',');
              io.out(`${e.id}\t${state}\t${e.published.slice(0, 10)}\t${e.title}`);
            }
          }
          return 0;
        }
        case 'read':
        case 'unread':
        case 'hide':
        case 'unhide': {
          const entryIds = ids(positionals, 'entry ids');
          const change =
            sub === 'read' || sub === 'unread'
              ? { read: sub === 'read' }
              : { hidden: sub === 'hide' };
          const n = await call(lib, 'feeds.mark', { entryIds, ...change });
          io.out(`${n} ${n === 1 ? 'entry' : 'entries'} marked ${sub}`);
          return 0;
        }
        case 'import': {
          const entryId = oneId(positionals, 'one entry id');
          if (!['link', 'download', 'none'].includes(values.pdf!)) break;
          const r = await call(lib, 'feeds.addToLibrary', {
            entryId,
            pdf: values.pdf as 'link' | 'download' | 'none',
          });
          const item = await call(lib, 'items.get', { id: r.itemId });
          io.out(
            `${r.created ? 'added' : 'already in the library'} ${item.citationKey} (id ${item.id}): ${item.title}`,
          );
          if (r.pdf && !r.pdf.ok) io.err(`PDF not downloaded: ${r.pdf.reason}`);
          return 0;
        }
        case 'remove': {
          const feedId = oneId(positionals, 'one feed id');
          const n = await call(lib, 'feeds.unsubscribe', { id: feedId });
          io.out(n ? `unsubscribed from feed ${feedId}` : `no feed ${feedId}`);
          return n ? 0 : 1;
        }
      }
    } catch (e) {
      if (!(e as { usage?: boolean }).usage) throw e;
      io.err((e as Error).message);
    }
    io.err(`Usage: ${USAGE}`);
    return 2;
  },
};
