// Crossref REST API, `GET /works/{doi}`: the works JSON ({status, message-type: work, message}).
import type { Creator } from '../../../../shared/domain/item';
import { NetError, parseJsonBody } from '../../net/http';
import { htmlToText } from '../../net/xml';
import {
  type FetchedRecord,
  type ServiceContext,
  compact,
  organisation,
  person,
  str,
} from './types';
import { own } from '../../formats/own';

const TYPE_OF: Record<string, string> = {
  'journal-article': 'article',
  'proceedings-article': 'inproceedings',
  'book-chapter': 'incollection',
  'book-section': 'incollection',
  'book-part': 'incollection',
  'reference-entry': 'inreference',
  book: 'book',
  monograph: 'book',
  'edited-book': 'collection',
  'reference-book': 'reference',
  'posted-content': 'online',
  dissertation: 'thesis',
  report: 'report',
  dataset: 'dataset',
  proceedings: 'proceedings',
};

interface CrossrefPerson {
  given?: unknown;
  family?: unknown;
  name?: unknown;
}

type Work = Record<string, unknown>;

function first(x: unknown): string {
  return Array.isArray(x) ? str(x[0]) : str(x);
}

function people(list: unknown, role: Creator['role']): Creator[] {
  if (!Array.isArray(list)) return [];
  return (list as CrossrefPerson[]).slice(0, 2_000).flatMap((p) => {
    if (!p || typeof p !== 'object') return [];
    if (str(p.family)) return [person(str(p.family), str(p.given), role)];
    if (str(p.name)) return [organisation(str(p.name), role)];
    return [];
  });
}

/** `{ date-parts: [[2015, 5, 28]] }` → `2015-05-28`. */
export function crossrefDate(work: Work): string {
  for (const key of ['issued', 'published-print', 'published-online', 'published', 'created']) {
    const parts = (work[key] as { 'date-parts'?: unknown } | undefined)?.['date-parts'];
    const p = Array.isArray(parts) && Array.isArray(parts[0]) ? (parts[0] as unknown[]) : [];
    const [y, m, d] = p.map((n) => (typeof n === 'number' ? n : Number(n)));
    if (y && Number.isInteger(y)) {
      return [
        String(y).padStart(4, '0'),
        m ? String(m).padStart(2, '0') : '',
        d ? String(d).padStart(2, '0') : '',
      ]
        .filter(Boolean)
        .join('-');
    }
  }
  return '';
}

export async function mapCrossrefWork(work: Work, doi: string): Promise<FetchedRecord> {
  const crType = str(work.type);
  const type = own(TYPE_OF, crType) ?? 'misc';
  const title = await htmlToText(first(work.title), { singleLine: true });
  if (!title) throw new NetError('bad_response', `Crossref's record for ${doi} has no title`);
  const container = await htmlToText(first(work['container-title']), { singleLine: true });
  const publisher = str(work.publisher);
  const abstract = str(work.abstract) ? await htmlToText(str(work.abstract)) : '';
  const venue =
    type === 'book' || type === 'collection' || type === 'report' ? publisher : container;
  return {
    source: 'Crossref',
    item: {
      type,
      title,
      creators: [...people(work.author, 'author'), ...people(work.editor, 'editor')],
      date: crossrefDate(work),
      venue,
      doi: str(work.DOI) || doi,
      url: str(work.URL),
      abstract,
      fields: compact({
        subtitle: await htmlToText(first(work.subtitle), { singleLine: true }),
        volume: str(work.volume),
        number: str(work.issue),
        pages: str(work.page),
        publisher: venue === publisher ? '' : publisher,
        issn: first(work.ISSN),
        isbn: first(work.ISBN),
        language: str(work.language),
        shortjournal: type === 'article' ? first(work['short-container-title']) : '',
      }),
    },
  };
}

export async function fetchCrossref(ctx: ServiceContext, doi: string): Promise<FetchedRecord> {
  const base = ctx.settings.baseUrls.crossref;
  const mailto = ctx.settings.contactEmail
    ? `?mailto=${encodeURIComponent(ctx.settings.contactEmail)}`
    : '';
  const res = await ctx.http.get(`${base}/works/${encodeURIComponent(doi)}${mailto}`, {
    accept: 'application/json',
    service: 'Crossref',
    maxBytes: 5 * 1024 * 1024,
  });
  const json = parseJsonBody(res, 'Crossref') as { status?: unknown; message?: unknown };
  if (!json || typeof json !== 'object' || !json.message || typeof json.message !== 'object') {
    throw new NetError('bad_response', 'Crossref answered without a work record');
  }
  return mapCrossrefWork(json.message as Work, doi);
}
