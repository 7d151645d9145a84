// Add by identifier through the contract, against a local server; offline and failure paths
// leave pending identifiers that a retry completes once the server is back.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../cli/command';
import { Library } from '../library';
import {
  ARXIV_VARIANTS,
  DOI_AS_WRITTEN_SQL,
  DOI_VARIANTS,
  EXISTING_SQL,
  findExisting,
} from './add-by-id';
import {
  type LocalServer,
  TINY_PDF,
  baseUrlsFor,
  serviceRoutes,
  startLocalServer,
} from './testdata/local-server';

let lib: Library;
let server: LocalServer;

async function pointAt(url: string, extra: Record<string, unknown> = {}) {
  await call(lib, 'online.settings.set', {
    baseUrls: baseUrlsFor(url),
    arxivIntervalMs: 0,
    retries: 0,
    timeoutMs: 30_000, // generous: a loaded CI machine can take seconds to answer
    contactEmail: 'lib@example.org',
    ...extra,
  });
}

beforeEach(async () => {
  lib = Library.open(mkdtempSync(join(tmpdir(), 'shelfmark-online-')));
  server = await startLocalServer(serviceRoutes);
  await pointAt(server.url);
});
afterEach(async () => {
  lib.close();
  await server.close();
});

describe('online.addByIds', () => {
  it('creates complete items from a DOI, an arXiv id, an ISBN and a PMID pasted together', async () => {
    const r = await call(lib, 'online.addByIds', {
      text: '10.1038/nature14539\narXiv:1706.03762v7\n978-0-262-03384-8\nPMID 31000001\nnonsense',
    });
    expect(r.added.map((a) => a.title)).toEqual([
      'Deep learning',
      'Attention Is All You Need',
      'Introduction to algorithms',
      'Effect of Escherichia coli on CO2 uptake: a randomized trial',
    ]);
    expect(r.pending).toEqual([]);
    expect(r.invalid).toEqual([
      { input: 'nonsense', reason: 'not a DOI, arXiv id, ISBN or PubMed id' },
    ]);
    const nature = await call(lib, 'items.get', { id: r.added[0]!.itemId });
    expect(nature).toMatchObject({
      type: 'article',
      venue: 'Nature',
      year: 2015,
      doi: '10.1038/nature14539',
    });
    expect(nature.creators).toHaveLength(3);
    expect(nature.citationKey).toMatch(/^LeCun/i);
    const list = await call(lib, 'items.list', {});
    expect(list.total).toBe(4);
  });

  it('does not add an identifier already in the library, even via another identifier', async () => {
    await call(lib, 'online.addByIds', { text: '10.1038/nature14539' });
    const again = await call(lib, 'online.addByIds', {
      text: 'https://doi.org/10.1038/NATURE14539',
    });
    expect(again.added).toEqual([]);
    expect(again.existing.map((e) => e.title)).toEqual(['Deep learning']);
    // The PubMed record names the same DOI: found, but not added twice.
    const viaPmid = await call(lib, 'online.addByIds', { text: 'PMID 26017442' });
    expect(viaPmid.added).toEqual([]);
    expect(viaPmid.existing).toHaveLength(1);
    expect((await call(lib, 'items.list', {})).total).toBe(1);
  });

  it('an arXiv DOI (10.48550) is looked up at arXiv and keeps its DOI', async () => {
    const r = await call(lib, 'online.addByIds', {
      text: 'https://doi.org/10.48550/arXiv.1706.03762',
    });
    expect(r.added.map((a) => a.title)).toEqual(['Attention Is All You Need']);
    const item = await call(lib, 'items.get', { id: r.added[0]!.itemId });
    expect(item.doi).toBe('10.48550/arXiv.1706.03762');
    expect(item.fields.eprint).toBe('1706.03762');
    expect(server.requests.some((q) => q.path.startsWith('/crossref/'))).toBe(false);
    const again = await call(lib, 'online.addByIds', { text: '10.48550/ARXIV.1706.03762' });
    expect(again.existing).toHaveLength(1);
  });

  it('offline: makes no request, keeps every identifier pending with the reason', async () => {
    await call(lib, 'online.settings.set', { enabled: false });
    const r = await call(lib, 'online.addByIds', { text: '10.1038/nature14539 1706.03762' });
    expect(server.requests).toHaveLength(0);
    expect(r.added).toEqual([]);
    expect(r.pending.map((p) => [p.input, p.reasonCode])).toEqual([
      ['10.1038/nature14539', 'offline'],
      ['1706.03762', 'offline'],
    ]);
    const pending = await call(lib, 'online.pending.list', {});
    expect(pending.map((p) => p.reason)).toEqual([
      'Network features are turned off in settings; no request was made.',
      'Network features are turned off in settings; no request was made.',
    ]);
    expect(pending.every((p) => p.attempts === 0)).toBe(true);
    expect((await call(lib, 'items.list', {})).total).toBe(0);

    await call(lib, 'online.settings.set', { enabled: true });
    const retried = await call(lib, 'online.pending.retry', {});
    expect(retried.added.map((a) => a.title).sort()).toEqual([
      'Attention Is All You Need',
      'Deep learning',
    ]);
    expect(await call(lib, 'online.pending.list', {})).toEqual([]);
  });

  it('server down: pending with the network reason, completed when the server comes back', async () => {
    const port = Number(new URL(server.url).port);
    await server.close();
    const r = await call(lib, 'online.addByIds', { text: '978-0-262-03384-8' });
    expect(r.pending).toHaveLength(1);
    expect(r.pending[0]).toMatchObject({ reasonCode: 'network', attempts: 1 });
    expect(r.pending[0]!.reason).toMatch(/^Open Library \(127\.0\.0\.1:\d+\): connection refused$/);

    // A second failed retry counts the attempt and keeps the row.
    const again = await call(lib, 'online.pending.retry', {});
    expect(again.pending[0]).toMatchObject({ attempts: 2 });

    server = await startLocalServer(serviceRoutes, port);
    const back = await call(lib, 'online.pending.retry', {});
    expect(back.added.map((a) => a.title)).toEqual(['Introduction to algorithms']);
    expect(await call(lib, 'online.pending.list', {})).toEqual([]);
  });

  it('a 429 with Retry-After is waited out, then the item is added', async () => {
    let limited = true;
    server.setRoute((req) => {
      if (limited && req.path.startsWith('/crossref/')) {
        limited = false;
        return { status: 429, headers: { 'retry-after': '1' }, body: '' };
      }
      return serviceRoutes(req);
    });
    await pointAt(server.url, { retries: 1 });
    const r = await call(lib, 'online.addByIds', { text: '10.1038/nature14539' });
    expect(r.added.map((a) => a.title)).toEqual(['Deep learning']);
    expect(server.requests.filter((q) => q.path.startsWith('/crossref/'))).toHaveLength(2);
  });

  it('a timeout, a 404 and malformed XML each leave a pending identifier with its own reason', async () => {
    server.setRoute((req) => {
      if (req.path.startsWith('/openlibrary/')) return { delayMs: 3_000, body: '{}' };
      if (req.path.startsWith('/pubmed/'))
        return {
          headers: { 'content-type': 'text/xml' },
          body: '<PubmedArticleSet><PubmedArticle>',
        };
      return serviceRoutes(req);
    });
    await pointAt(server.url, { timeoutMs: 200 });
    const r = await call(lib, 'online.addByIds', {
      text: '9780262033848\n10.9999/none\nPMID 26017442',
    });
    expect(r.added).toEqual([]);
    expect(Object.fromEntries(r.pending.map((p) => [p.kind, p.reasonCode]))).toEqual({
      isbn: 'timeout',
      doi: 'not_found',
      pmid: 'bad_response',
    });
    const byKind = Object.fromEntries(r.pending.map((p) => [p.kind, p.reason]));
    expect(byKind.doi).toBe('Neither Crossref nor DataCite knows doi:10.9999/none');
    expect(byKind.pmid).toMatch(/^PubMed sent malformed XML/);
    // Dismissing removes them for good.
    const n = await call(lib, 'online.pending.dismiss', { ids: r.pending.map((p) => p.id) });
    expect(n).toBe(3);
    expect(await call(lib, 'online.pending.list', {})).toEqual([]);
  });

  it('downloads the arXiv PDF into files/ with its sha256 recorded', async () => {
    const r = await call(lib, 'online.addByIds', { text: '1706.03762', downloadPdf: true });
    const added = r.added[0]!;
    expect(added.pdf).toMatchObject({ ok: true });
    const att = lib.db
      .prepare<[number], { path: string; sha256: string; kind: string; size: number }>(
        'SELECT path, sha256, kind, size FROM attachments WHERE item_id = ?',
      )
      .get(added.itemId)!;
    expect(att.kind).toBe('stored');
    expect(att.path).toMatch(/^files\/[^/].*\.pdf$/);
    const bytes = readFileSync(join(lib.folder, att.path));
    expect(bytes.equals(TINY_PDF)).toBe(true);
    expect(att.sha256).toBe(createHash('sha256').update(TINY_PDF).digest('hex'));
    expect(server.requests.some((q) => q.path === '/arxiv/pdf/1706.03762')).toBe(true);
  });

  it('a download that is not a PDF keeps the item and says why', async () => {
    server.setRoute((req) =>
      req.path.startsWith('/arxiv/pdf/') ? { body: '<html>captcha</html>' } : serviceRoutes(req),
    );
    const r = await call(lib, 'online.addByIds', { text: '1706.03762', downloadPdf: true });
    expect(r.added[0]!.pdf).toEqual({
      ok: false,
      reason: 'The download is not a PDF (no %PDF- header)',
    });
    expect((await call(lib, 'items.list', {})).total).toBe(1);
    expect(readdirSync(join(lib.folder, 'files'))).toEqual([]);
    expect(lib.db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
  });

  it('rejects empty or oversized input at the contract', async () => {
    await expect(call(lib, 'online.addByIds', { text: '   ' })).rejects.toThrow(
      /paste at least one identifier/,
    );
    await expect(call(lib, 'online.addByIds', { text: 'x'.repeat(100_001) })).rejects.toThrow(
      /Invalid input/,
    );
  });
});

describe('online.settings', () => {
  it('stores settings in the library and validates them', async () => {
    const s = await call(lib, 'online.settings.get', {});
    expect(s.baseUrls.crossref).toBe(`${server.url}/crossref`);
    expect(s.contactEmail).toBe('lib@example.org');
    await expect(
      call(lib, 'online.settings.set', { contactEmail: 'not-an-email' }),
    ).rejects.toThrow(/email/);
    await expect(
      call(lib, 'online.settings.set', { baseUrls: { arxiv: 'file:///etc' } }),
    ).rejects.toThrow(/http/);
    const next = await call(lib, 'online.settings.set', {
      baseUrls: { arxiv: 'https://export.arxiv.org/' },
    });
    expect(next.baseUrls.arxiv).toBe('https://export.arxiv.org');
    expect(next.baseUrls.crossref).toBe(`${server.url}/crossref`);
  });
});

describe('finding identifiers already in the library', () => {
  it('knows an arXiv paper entered with a version or only by its arXiv DOI', async () => {
    // as BibTeX from arXiv, Google Scholar or a DataCite export writes them
    await call(lib, 'items.create', {
      title: 'Attention Is All You Need',
      fields: { eprint: '1706.03762v5', eprinttype: 'arxiv' },
    });
    await call(lib, 'items.create', {
      title: 'An arXiv paper',
      doi: '10.48550/ARXIV.2306.02556',
    });
    const r = await call(lib, 'online.addByIds', { text: 'arXiv:1706.03762\n2306.02556v2' });
    expect(r.added).toEqual([]);
    expect(r.pending).toEqual([]);
    expect(r.existing.map((e) => e.title)).toEqual(['Attention Is All You Need', 'An arXiv paper']);
    expect(server.requests).toEqual([]);
    // an id that is only the start of the stored one is another paper
    expect(findExisting(lib.db, { kind: 'arxiv', value: '1706.0376' })).toBeNull();
  });

  it('knows an arXiv paper whose eprint keeps the arXiv: prefix', async () => {
    // as some exporters write it, with or without eprinttype, with or without a version
    await call(lib, 'items.create', { title: 'BERT', fields: { eprint: 'arXiv:1810.04805' } });
    await call(lib, 'items.create', {
      title: 'RAG',
      fields: { eprint: 'arxiv:2005.11401v4', eprinttype: 'arxiv' },
    });
    const r = await call(lib, 'online.addByIds', { text: '1810.04805\narXiv:2005.11401' });
    expect(r.added).toEqual([]);
    expect(r.existing.map((e) => e.title)).toEqual(['BERT', 'RAG']);
    expect(server.requests).toEqual([]);
    expect(findExisting(lib.db, { kind: 'arxiv', value: '1810.0480' })).toBeNull();
  });

  it('knows a paper stored only by its arXiv id when given its arXiv DOI', async () => {
    const bib = `@article{devlin2019bert, title={BERT}, author={Devlin, Jacob}, year=2019,
  eprint={arXiv:1810.04805}, eprinttype={arxiv}}
@misc{vaswani, title={Attention}, eprint={1706.03762v5}}\n`;
    await call(lib, 'import.text', { text: bib, fileName: 'x.bib' });
    const r = await call(lib, 'online.addByIds', {
      text: '10.48550/arXiv.1810.04805\nhttps://doi.org/10.48550/ARXIV.1706.03762',
    });
    expect(r.added).toEqual([]);
    expect(r.pending).toEqual([]);
    expect(r.existing.map((e) => e.title)).toEqual(['BERT', 'Attention']);
    expect(server.requests).toEqual([]);
    expect(findExisting(lib.db, { kind: 'doi', value: '10.48550/arXiv.1810.0480' })).toBeNull();
  });

  it('knows a DOI that a .bib file gave as a doi.org URL, and keeps that spelling', async () => {
    const bib = join(lib.folder, 'lecun.bib');
    writeFileSync(
      bib,
      `@article{lecun2015, title = {Deep learning}, doi = {https://doi.org/10.1038/NATURE14539}}
@misc{vaswani, title = {Attention}, doi = {http://dx.doi.org/10.48550/arXiv.1706.03762}}\n`,
    );
    await call(lib, 'import.text', { text: readFileSync(bib, 'utf8'), fileName: bib });
    const r = await call(lib, 'online.addByIds', { text: '10.1038/nature14539\n1706.03762' });
    expect(r.added).toEqual([]);
    expect(r.existing.map((e) => e.title)).toEqual(['Deep learning', 'Attention']);
    expect(server.requests).toEqual([]);
    const found = await call(lib, 'items.list', { search: 'doi:10.1038/nature1453' });
    expect(found.rows.map((row) => row.citationKey)).toEqual(['lecun2015']);
    // what the .bib said is what an export writes back
    const out = await call(lib, 'export.items', { format: 'bibtex' });
    expect(out).toContain('doi = {https://doi.org/10.1038/NATURE14539}');
  });

  it('uses an index for every kind (no scan of the items JSON)', () => {
    const variants = ARXIV_VARIANTS.map((v, i) => [`arxiv variant ${i}`, v.sql, v.params('x')]);
    const kinds = Object.entries(EXISTING_SQL).map(([kind, sql]) => [kind, sql, ['x']]);
    const asWritten = ['doi as written', DOI_AS_WRITTEN_SQL, ['x']];
    // an arXiv DOI is also looked up as the arXiv id inside it
    const doiVariants = DOI_VARIANTS.map((v, i) => [
      `doi variant ${i}`,
      v.sql,
      v.params('10.48550/arXiv.1810.04805'),
    ]);
    expect(doiVariants.length).toBeGreaterThan(ARXIV_VARIANTS.length);
    for (const [kind, sql, params] of [...kinds, ...variants, asWritten, ...doiVariants] as [
      string,
      string,
      string[],
    ][]) {
      const plan = lib.db
        .prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((r) => r.detail)
        .join('; ');
      expect(plan, kind).toMatch(
        /^SEARCH items USING INDEX items_(doi_nocase|doi_url|eprint|isbn|pmid) /,
      );
    }
  });
});

describe('concurrent adds', () => {
  it('two pastes of the same identifier at once make one item', async () => {
    const [a, b] = await Promise.all([
      call(lib, 'online.addByIds', { text: '1706.03762' }),
      call(lib, 'online.addByIds', { text: 'arXiv:1706.03762' }),
    ]);
    expect(a.added.length + b.added.length).toBe(1);
    expect(a.existing.length + b.existing.length).toBe(1);
    expect((await call(lib, 'items.list', {})).total).toBe(1);
  });
});
