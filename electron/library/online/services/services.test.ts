// Each service against a local server answering in its documented format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ONLINE_SETTINGS } from '../../../../shared/domain/online';
import { HttpClient, NetError } from '../../net/http';
import {
  type LocalServer,
  baseUrlsFor,
  serviceRoutes,
  startLocalServer,
} from '../testdata/local-server';
import { fetchArxiv } from './arxiv';
import { fetchDatacite } from './datacite';
import { fetchDoi } from './index';
import { fetchOpenLibrary } from './openlibrary';
import { fetchPubmed } from './pubmed';
import type { ServiceContext } from './types';

let server: LocalServer;
let ctx: ServiceContext;

beforeAll(async () => {
  server = await startLocalServer(serviceRoutes);
  const settings = {
    ...DEFAULT_ONLINE_SETTINGS,
    contactEmail: 'lib@example.org',
    baseUrls: baseUrlsFor(server.url),
    arxivIntervalMs: 0,
    retries: 0,
  };
  ctx = {
    settings,
    http: new HttpClient({ enabled: true, userAgent: 'test', timeoutMs: 30_000, retries: 0 }),
  };
});
afterAll(() => server.close());

async function failure(p: Promise<unknown>): Promise<NetError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NetError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('Crossref', () => {
  it('maps a works record to a complete article', async () => {
    const r = await fetchDoi(ctx, '10.1038/nature14539');
    expect(r.source).toBe('Crossref');
    expect(r.item).toMatchObject({
      type: 'article',
      title: 'Deep learning',
      date: '2015-05-27',
      venue: 'Nature',
      doi: '10.1038/nature14539',
      abstract:
        'Deep learning allows computational models that are composed of multiple processing layers to learn representations of data with multiple levels of abstraction.',
      fields: {
        volume: '521',
        number: '7553',
        pages: '436-444',
        publisher: 'Springer Science and Business Media LLC',
        issn: '0028-0836',
        language: 'en',
        shortjournal: 'Nature',
      },
    });
    expect(r.item.creators.map((c) => `${c.family}, ${c.given}`)).toEqual([
      'LeCun, Yann',
      'Bengio, Yoshua',
      'Hinton, Geoffrey',
    ]);
    const req = server.requests.find((q) => q.path.startsWith('/crossref/works/'))!;
    expect(req.query.get('mailto')).toBe('lib@example.org');
  });

  it('falls back to DataCite for a DOI Crossref does not know', async () => {
    const r = await fetchDoi(ctx, '10.5281/zenodo.1234567');
    expect(r.source).toBe('DataCite');
    expect(r.item).toMatchObject({
      type: 'dataset',
      title: 'Measurements of radioactive decay, 1910–1911',
      date: '2021-04-12',
      venue: 'Zenodo',
      abstract: 'Decay measurements of radium samples.',
      fields: { version: '1.0', language: 'en' },
    });
    expect(r.item.creators).toEqual([
      { role: 'author', family: 'Curie', given: 'Marie', prefix: '', suffix: '', literal: '' },
      {
        role: 'author',
        family: '',
        given: '',
        prefix: '',
        suffix: '',
        literal: 'The Radium Institute',
      },
    ]);
  });

  it('reports a DOI neither registry knows as not found', async () => {
    const e = await failure(fetchDoi(ctx, '10.9999/missing'));
    expect(e.failure).toBe('not_found');
    expect(e.message).toBe('Neither Crossref nor DataCite knows doi:10.9999/missing');
  });

  it('reports malformed DataCite JSON', async () => {
    const bad = await startLocalServer(() => ({ body: '{"data": ' }));
    const e = await failure(
      fetchDatacite(
        { ...ctx, settings: { ...ctx.settings, baseUrls: baseUrlsFor(bad.url) } },
        '10.1/x',
      ),
    );
    await bad.close();
    expect(e.failure).toBe('bad_response');
    expect(e.message).toMatch(/^DataCite sent malformed JSON/);
  });
});

describe('arXiv', () => {
  it('maps Atom entries, batches ids, and reports unknown ids as not found', async () => {
    const before = server.requests.length;
    const found = await fetchArxiv(ctx, [{ id: '1706.03762' }, { id: '2399.99999' }]);
    expect(server.requests.length - before).toBe(1);
    const r = found.get('1706.03762');
    expect(r).not.toBeInstanceOf(NetError);
    if (!r || r instanceof NetError) return;
    expect(r.item).toMatchObject({
      type: 'misc',
      title: 'Attention Is All You Need',
      date: '2017-06-12',
      url: 'https://arxiv.org/abs/1706.03762',
      fields: { eprint: '1706.03762', eprinttype: 'arxiv', eprintclass: 'cs.CL', version: '7' },
    });
    expect(r.item.abstract).toMatch(
      /^The dominant sequence transduction models are based on complex recurrent or convolutional/,
    );
    expect(r.item.creators.map((c) => c.family)).toEqual(['Vaswani', 'Shazeer', 'Parmar']);
    const missing = found.get('2399.99999');
    expect(missing).toBeInstanceOf(NetError);
    expect((missing as NetError).failure).toBe('not_found');
  });

  it('reads old-style ids with journal_ref and the published DOI', async () => {
    const r = (await fetchArxiv(ctx, [{ id: 'hep-th/9711200' }])).get('hep-th/9711200');
    if (!r || r instanceof NetError) throw new Error('expected a record');
    expect(r.journalRef).toBe('Adv.Theor.Math.Phys.2:231-252,1998');
    expect(r.publishedDoi).toBe('10.4310/ATMP.1998.v2.n2.a1');
    expect(r.item.fields.note).toBe('Adv.Theor.Math.Phys.2:231-252,1998');
    expect(r.item.creators[0]).toMatchObject({ family: 'Maldacena', given: 'Juan M.' });
  });

  it('treats arXiv\'s "Error" entry as not found', async () => {
    const r = (await fetchArxiv(ctx, [{ id: '1234.5678' }])).get('1234.5678');
    expect(r).toBeInstanceOf(NetError);
    expect((r as NetError).message).toBe('arXiv has no paper 1234.5678');
  });

  it('reports malformed XML with its line', async () => {
    const bad = await startLocalServer(() => ({
      body: '<?xml version="1.0"?>\n<feed>\n<entry><title>x</entry>\n</feed>',
    }));
    const r = (
      await fetchArxiv({ ...ctx, settings: { ...ctx.settings, baseUrls: baseUrlsFor(bad.url) } }, [
        { id: '1706.03762' },
      ])
    ).get('1706.03762');
    await bad.close();
    expect(r).toBeInstanceOf(NetError);
    expect((r as NetError).failure).toBe('bad_response');
    expect((r as NetError).message).toMatch(/^arXiv sent malformed XML \(line 3: /);
  });

  it('never expands entities without bound (nested or many)', async () => {
    const nested = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><feed><entry><id>http://arxiv.org/abs/1706.03762v1</id><title>&c;&c;&c;&c;&c;&c;&c;&c;</title></entry></feed>`;
    const wide = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "${'a'.repeat(900)}">]><feed><entry><id>http://arxiv.org/abs/1706.03762v1</id><title>${'&a;'.repeat(5_000)}</title></entry></feed>`;
    let body = nested;
    const bad = await startLocalServer(() => ({ body }));
    const badCtx = { ...ctx, settings: { ...ctx.settings, baseUrls: baseUrlsFor(bad.url) } };
    const r1 = (await fetchArxiv(badCtx, [{ id: '1706.03762' }])).get('1706.03762');
    body = wide;
    const r2 = (await fetchArxiv(badCtx, [{ id: '1706.03762' }])).get('1706.03762');
    await bad.close();
    // Nested references are left as text, not multiplied out.
    if (!r1 || r1 instanceof NetError) throw new Error('expected a record');
    expect(r1.item.title.length).toBeLessThan(100);
    // Many expansions hit the parser's cap and fail as a bad answer.
    expect(r2).toBeInstanceOf(NetError);
    expect((r2 as NetError).failure).toBe('bad_response');
    expect((r2 as NetError).message).toMatch(/limit exceeded/);
  });
});

describe('Open Library', () => {
  it('maps a Books API record to a book', async () => {
    const r = await fetchOpenLibrary(ctx, '9780262033848');
    expect(r.item).toMatchObject({
      type: 'book',
      title: 'Introduction to algorithms',
      date: '2009',
      venue: 'MIT Press',
      fields: { isbn: '9780262033848', pagetotal: '1292', location: 'Cambridge, Mass' },
    });
    expect(r.item.creators.map((c) => `${c.family}, ${c.given}`)).toEqual([
      'Cormen, Thomas H.',
      'Leiserson, Charles E.',
      'Rivest, Ronald L.',
      'Stein, Clifford',
    ]);
  });

  it('reports an unknown ISBN ({} from the API) as not found', async () => {
    const e = await failure(fetchOpenLibrary(ctx, '9780000000002'));
    expect(e.failure).toBe('not_found');
  });
});

describe('PubMed', () => {
  it('maps efetch XML to an article and sends tool and email', async () => {
    const r = await fetchPubmed(ctx, '26017442');
    expect(r.item).toMatchObject({
      type: 'article',
      title: 'Deep learning',
      date: '2015-05-28',
      venue: 'Nature',
      doi: '10.1038/nature14539',
      fields: {
        volume: '521',
        number: '7553',
        pages: '436-44',
        pmid: '26017442',
        issn: '1476-4687',
      },
    });
    expect(r.item.creators.map((c) => c.family)).toEqual(['LeCun', 'Bengio', 'Hinton']);
    const req = server.requests.find((q) => q.query.get('id') === '26017442')!;
    expect(req.query.get('tool')).toBe('shelfmark');
    expect(req.query.get('email')).toBe('lib@example.org');
  });

  it('keeps text inside inline markup, labelled abstracts, collective authors and MedlineDate', async () => {
    const r = await fetchPubmed(ctx, '31000001');
    expect(r.item.title).toBe('Effect of Escherichia coli on CO2 uptake: a randomized trial');
    expect(r.item.abstract).toBe('BACKGROUND: Little is known.\n\nRESULTS: Uptake rose by 5%.');
    expect(r.item.date).toBe('2019');
    expect(r.item.creators[1]).toMatchObject({ literal: 'Trial Study Group' });
    expect(r.item.fields.pmcid).toBe('PMC6000001');
  });

  it('reports an empty PubmedArticleSet as not found', async () => {
    const e = await failure(fetchPubmed(ctx, '99999999'));
    expect(e.failure).toBe('not_found');
    expect(e.message).toBe('PubMed has no article with PMID 99999999');
  });
});
