import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../cli/command';
import { Library } from '../library';
import {
  type LocalServer,
  localOnlineSettings,
  serviceRoutes,
  startLocalServer,
} from './testdata/local-server';

let lib: Library;
let server: LocalServer;

beforeEach(async () => {
  lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-refresh-')));
  server = await startLocalServer(serviceRoutes);
  await call(lib, 'online.settings.set', localOnlineSettings(server.url));
});
afterEach(async () => {
  lib.close();
  await server.close();
});

describe('metadata refresh', () => {
  it('compares field by field and changes nothing until fields are chosen', async () => {
    const item = await call(lib, 'items.create', {
      type: 'article',
      title: 'deep learning (draft)',
      doi: '10.1038/nature14539',
      date: '2015',
      creators: [{ family: 'LeCun', given: 'Y.' }],
      fields: { volume: '521', note: 'mine' },
    });
    const p = await call(lib, 'online.refresh.fetch', { itemId: item.id });
    expect(p.source).toBe('Crossref doi:10.1038/nature14539');
    const byField = Object.fromEntries(p.changes.map((c) => [c.field, c]));
    expect(byField.title).toMatchObject({
      current: 'deep learning (draft)',
      incoming: 'Deep learning',
      same: false,
    });
    expect(byField['fields.volume']).toMatchObject({ current: '521', incoming: '521', same: true });
    expect(byField.creators!.incoming).toBe('LeCun, Yann; Bengio, Yoshua; Hinton, Geoffrey');
    // Fetching alone changed nothing.
    expect(await call(lib, 'items.get', { id: item.id })).toEqual(item);

    const updated = await call(lib, 'online.refresh.apply', {
      proposalId: p.proposalId,
      fields: ['title', 'fields.pages'],
    });
    expect(updated.title).toBe('Deep learning');
    expect(updated.fields).toEqual({ volume: '521', note: 'mine', pages: '436-444' });
    // Not chosen: kept as they were.
    expect(updated.date).toBe('2015');
    expect(updated.creators).toEqual(item.creators);
    expect(updated.citationKey).toBe(item.citationKey);
  });

  it('offers an arXiv preprint the published version, from its DOI in arXiv', async () => {
    const added = await call(lib, 'online.addByIds', { text: 'hep-th/9711200' });
    const itemId = added.added[0]!.itemId;
    const p = await call(lib, 'online.refresh.fetch', { itemId });
    expect(p.source).toBe('arXiv hep-th/9711200');
    expect(p.published).toBeDefined();
    const pub = p.published!;
    expect(pub.journalRef).toBe('Adv.Theor.Math.Phys.2:231-252,1998');
    expect(pub.source).toBe('Crossref doi:10.4310/ATMP.1998.v2.n2.a1');
    const byField = Object.fromEntries(pub.changes.map((c) => [c.field, c]));
    expect(byField.type).toMatchObject({ current: 'misc', incoming: 'article' });
    expect(byField.venue).toMatchObject({
      current: '',
      incoming: 'Advances in Theoretical and Mathematical Physics',
    });
    expect(byField.doi).toMatchObject({ current: '', incoming: '10.4310/atmp.1998.v2.n2.a1' });

    const updated = await call(lib, 'online.refresh.apply', {
      proposalId: pub.proposalId,
      fields: ['type', 'venue', 'doi', 'date', 'fields.volume', 'fields.pages'],
    });
    expect(updated).toMatchObject({
      type: 'article',
      venue: 'Advances in Theoretical and Mathematical Physics',
      doi: '10.4310/atmp.1998.v2.n2.a1',
      date: '1998',
    });
    // The arXiv fields stay: the item is the same paper, now with its published version.
    expect(updated.fields).toMatchObject({
      eprint: 'hep-th/9711200',
      eprinttype: 'arxiv',
      volume: '2',
      pages: '231-252',
    });
  });

  it('refuses items without an identifier, unknown proposals and unknown fields', async () => {
    const plain = await call(lib, 'items.create', { title: 'No ids here' });
    await expect(call(lib, 'online.refresh.fetch', { itemId: plain.id })).rejects.toThrow(
      /no DOI or arXiv id/,
    );
    await expect(
      call(lib, 'online.refresh.apply', {
        proposalId: '00000000-0000-4000-8000-000000000000',
        fields: ['title'],
      }),
    ).rejects.toThrow(/expired/);
    const withDoi = await call(lib, 'items.create', { title: 'x', doi: '10.1038/nature14539' });
    const p = await call(lib, 'online.refresh.fetch', { itemId: withDoi.id });
    await expect(
      call(lib, 'online.refresh.apply', { proposalId: p.proposalId, fields: ['fields.nothere'] }),
    ).rejects.toThrow(/no field nothere/);
    expect((await call(lib, 'items.get', { id: withDoi.id })).title).toBe('x');
  });

  it('refuses a field the record only inherits (constructor, toString) and changes nothing', async () => {
    const item = await call(lib, 'items.create', { title: 'x', doi: '10.1038/nature14539' });
    const p = await call(lib, 'online.refresh.fetch', { itemId: item.id });
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      await expect(
        call(lib, 'online.refresh.apply', { proposalId: p.proposalId, fields: [`fields.${name}`] }),
      ).rejects.toThrow(new RegExp(`no field ${name}`));
    }
    expect(await call(lib, 'items.get', { id: item.id })).toEqual(item);
  });

  it('a refresh while offline fails clearly and changes nothing', async () => {
    const item = await call(lib, 'items.create', { title: 'x', doi: '10.1038/nature14539' });
    await call(lib, 'online.settings.set', { enabled: false });
    await expect(call(lib, 'online.refresh.fetch', { itemId: item.id })).rejects.toThrow(
      /turned off in settings/,
    );
    expect(server.requests).toHaveLength(0);
  });
});
