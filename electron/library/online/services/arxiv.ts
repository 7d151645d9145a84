// arXiv API, `GET /api/query?id_list=…`: an Atom feed, one <entry> per paper, with arxiv:
// extensions (doi, journal_ref, primary_category). arXiv asks for one request every three
// seconds, so many ids go in one request.
import { parseArxiv } from '../../../../shared/domain/identifiers';
import { NetError } from '../../net/http';
import { arr, attr, child, parseXml, txt } from '../../net/xml';
import { type FetchedRecord, type ServiceContext, compact, splitName } from './types';

const BATCH = 50;

export interface ArxivRequest {
  id: string;
  version?: string;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function mapEntry(entry: unknown): { key: string; record: FetchedRecord } | null {
  const idUrl = txt(child(entry, 'id'));
  const parsed = parseArxiv(idUrl);
  if (!parsed) return null;
  const links = arr(child(entry, 'link'));
  const primary = attr(child(entry, 'primary_category'), 'term');
  const journalRef = oneLine(txt(child(entry, 'journal_ref')));
  const publishedDoi = oneLine(txt(child(entry, 'doi')));
  const published = txt(child(entry, 'published')).slice(0, 10);
  const title = oneLine(txt(child(entry, 'title')));
  if (!title) return null;
  const record: FetchedRecord = {
    source: 'arXiv',
    item: {
      type: 'misc',
      title,
      creators: arr(child(entry, 'author'))
        .map((a) => oneLine(txt(child(a, 'name'))))
        .filter(Boolean)
        .slice(0, 2_000)
        .map((n) => splitName(n)),
      date: /^\d{4}-\d{2}-\d{2}$/.test(published) ? published : '',
      venue: '',
      doi: '',
      url: `https://arxiv.org/abs/${parsed.id}`,
      abstract: oneLine(txt(child(entry, 'summary'))),
      fields: compact({
        eprint: parsed.id,
        eprinttype: 'arxiv',
        eprintclass: primary,
        version: parsed.version?.slice(1),
        note: journalRef,
      }),
    },
    pdfUrl: links.map((l) => (attr(l, 'title') === 'pdf' ? attr(l, 'href') : '')).find(Boolean),
    ...(journalRef ? { journalRef } : {}),
    ...(publishedDoi ? { publishedDoi } : {}),
  };
  return { key: parsed.id, record };
}

/**
 * Fetches many arXiv ids; returns a record or the error per id. An id arXiv does not know is
 * `not_found`; arXiv reports a malformed id as an entry titled "Error".
 */
export async function fetchArxiv(
  ctx: ServiceContext,
  ids: readonly ArxivRequest[],
): Promise<Map<string, FetchedRecord | NetError>> {
  const out = new Map<string, FetchedRecord | NetError>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const list = batch.map((r) => `${r.id}${r.version ?? ''}`).join(',');
    let entries: unknown[];
    try {
      const res = await ctx.http.get(
        `${ctx.settings.baseUrls.arxiv}/api/query?id_list=${encodeURIComponent(list)}&max_results=${batch.length}`,
        {
          accept: 'application/atom+xml',
          service: 'arXiv',
          minIntervalMs: ctx.settings.arxivIntervalMs,
        },
      );
      const doc = parseXml(res.text(), 'arXiv');
      const feed = child(doc, 'feed');
      if (!feed) throw new NetError('bad_response', 'arXiv answered without an Atom feed');
      entries = arr(child(feed, 'entry'));
    } catch (e) {
      if (!(e instanceof NetError)) throw e;
      for (const r of batch) out.set(r.id, e);
      continue;
    }
    const found = new Map<string, FetchedRecord>();
    for (const e of entries) {
      const m = mapEntry(e);
      if (m) found.set(m.key, m.record);
    }
    for (const r of batch) {
      out.set(
        r.id,
        found.get(r.id) ??
          new NetError('not_found', `arXiv has no paper ${r.id}${r.version ?? ''}`, 404),
      );
    }
  }
  return out;
}

/** Where arXiv serves a paper's PDF: from the configured arXiv host, not a URL in the answer. */
export function arxivPdfUrl(ctx: ServiceContext, id: string, version?: string): string {
  return `${ctx.settings.baseUrls.arxiv}/pdf/${id}${version ?? ''}`;
}
