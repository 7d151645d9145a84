import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type LocalServer,
  fixture,
  serviceRoutes,
} from '../../library/online/testdata/local-server';
import { runCliLines } from '../../test-support/cli';
import { folderWithLocalServices } from '../../test-support/online';

let dir: string;
let server: LocalServer;

function cli(...args: string[]) {
  return runCliLines(['--library', dir, ...args]);
}

beforeEach(async () => {
  ({ dir, server } = await folderWithLocalServices('shelfmark-cli-feed-'));
});
afterEach(() => server.close());

describe('shelfmark feed', () => {
  it('subscribes, lists entries, marks them, and imports one into the library', async () => {
    // The entry's PDF link points at the local server, so the download stays on this machine.
    server.setRoute((req) =>
      req.path === '/feeds/daily.atom'
        ? {
            body: fixture('feed-html-titles.atom').replace(
              'https://papers.example.org/pdf/',
              `${server.url}/feeds/pdf/`,
            ),
          }
        : serviceRoutes(req),
    );
    const add = await cli('feed', 'add', `${server.url}/feeds/daily.atom`);
    expect(add.code).toBe(0);
    expect(add.out).toEqual(['1\t2/2 unread\tDaily Papers']);

    const entries = await cli('feed', 'entries', '1');
    expect(entries.out).toEqual([
      expect.stringMatching(
        /^\d+\tunread\t2024-05-29\tPreference-free Alignment Learning with Regularized Relevance Reward$/,
      ),
      expect.stringMatching(/^\d+\tunread\t2024-05-28\tR&D of Tiny Models: étude$/),
    ]);
    const [first, second] = entries.out.map((l) => l.split('\t')[0]!);

    expect((await cli('feed', 'hide', second!)).out).toEqual(['1 entry marked hide']);
    const imported = await cli('feed', 'import', first!, '--pdf', 'download');
    expect(imported.code).toBe(0);
    expect(imported.out[0]).toMatch(/^added \S+ \(id 1\): Preference-free Alignment/);
    expect(imported.err).toEqual([]);
    expect(server.requests.at(-1)!.path).toBe('/feeds/pdf/2402.03469.pdf');
    expect((await cli('feed', 'entries', '1')).out).toEqual([
      expect.stringMatching(/\tread,item 1\t2024-05-29\tPreference-free/),
    ]);
    expect((await cli('feed', 'list')).out).toEqual(['1\t0/1 unread\tDaily Papers']);
  });

  it('shows a failing refresh and keeps the entries', async () => {
    await cli('feed', 'add', `${server.url}/feeds/daily.atom`);
    server.setRoute(() => ({ status: 503, body: '' }));
    const r = await cli('feed', 'refresh');
    expect(r.code).toBe(1);
    expect(r.out).toEqual([
      '1\t2/2 unread\tDaily Papers\tLAST REFRESH FAILED: Daily Papers failed (HTTP 503)',
    ]);
  });

  it('explains bad arguments', async () => {
    const r = await cli('feed', 'read', 'abc');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('feed: give entry ids as positive numbers');
  });
});

describe('shelfmark refresh', () => {
  it('prints the comparison without changing anything, then takes only the named fields', async () => {
    const added = await cli(
      'add',
      '--title',
      'deep learning draft',
      '--doi',
      '10.1038/nature14539',
      '--key',
      'lecun-draft',
    );
    expect(added.code).toBe(0);
    const compare = await cli('refresh', 'lecun-draft');
    expect(compare.code).toBe(0);
    expect(compare.out[0]).toBe('From Crossref doi:10.1038/nature14539 (* differs, = same):');
    expect(compare.out).toContain(
      '* title\n    now:     deep learning draft\n    fetched: Deep learning',
    );
    expect((await cli('list')).out[0]).toContain('deep learning draft');

    const take = await cli('refresh', 'lecun-draft', '--take', 'title,fields.volume');
    expect(take.out).toEqual(['updated lecun-draft: title, fields.volume']);
    const listed = (await cli('list', '--json')).out.join('\n');
    expect(listed).toContain('"title": "Deep learning"');
    expect(listed).toContain('"year": null');
  });

  it('offers and takes the published version of an arXiv preprint', async () => {
    await cli('add', '--id', 'hep-th/9711200');
    const compare = await cli('refresh', '1');
    expect(compare.out.at(-1)).toBe(
      'A published version exists (Adv.Theor.Math.Phys.2:231-252,1998); see it with --published.',
    );
    const take = await cli('refresh', '1', '--published', '--take', 'venue,doi');
    expect(take.code).toBe(0);
    const json = JSON.parse((await cli('list', '--json')).out.join('\n')) as { venue: string }[];
    expect(json[0]!.venue).toBe('Advances in Theoretical and Mathematical Physics');
  });
});
