// DataCite REST API, `GET /dois/{doi}`: JSON:API ({ data: { attributes: {...} } }). DataCite
// registers the DOIs of datasets, software, theses and arXiv (10.48550) among others.
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

const TYPE_OF: Record<string, string> = {
  Dataset: 'dataset',
  Software: 'software',
  JournalArticle: 'article',
  ConferencePaper: 'inproceedings',
  Book: 'book',
  BookChapter: 'incollection',
  Dissertation: 'thesis',
  Report: 'report',
  Preprint: 'online',
  Text: 'misc',
};

type Attrs = Record<string, unknown>;

function creators(list: unknown): Creator[] {
  if (!Array.isArray(list)) return [];
  return (list as Attrs[]).slice(0, 2_000).flatMap((c) => {
    if (!c || typeof c !== 'object') return [];
    if (str(c.familyName)) return [person(str(c.familyName), str(c.givenName))];
    const name = str(c.name);
    if (!name) return [];
    if (c.nameType === 'Personal' && name.includes(',')) {
      const [family, given] = name.split(',');
      return [person(family ?? '', given ?? '')];
    }
    return [organisation(name)];
  });
}

export async function fetchDatacite(ctx: ServiceContext, doi: string): Promise<FetchedRecord> {
  const res = await ctx.http.get(
    `${ctx.settings.baseUrls.datacite}/dois/${encodeURIComponent(doi)}`,
    {
      accept: 'application/vnd.api+json, application/json',
      service: 'DataCite',
    },
  );
  const json = parseJsonBody(res, 'DataCite') as { data?: { attributes?: Attrs } };
  const a = json?.data?.attributes;
  if (!a || typeof a !== 'object')
    throw new NetError('bad_response', 'DataCite answered without a DOI record');
  const titles = Array.isArray(a.titles) ? (a.titles as Attrs[]) : [];
  const main = titles.find((t) => !t.titleType) ?? titles[0];
  const title = await htmlToText(str(main?.title), { singleLine: true });
  if (!title) throw new NetError('bad_response', `DataCite's record for ${doi} has no title`);
  const descriptions = Array.isArray(a.descriptions) ? (a.descriptions as Attrs[]) : [];
  const abstract = descriptions.find((d) => d.descriptionType === 'Abstract');
  const types = (a.types ?? {}) as Attrs;
  const type = TYPE_OF[str(types.resourceTypeGeneral)] ?? 'misc';
  const publisher =
    typeof a.publisher === 'object' && a.publisher
      ? str((a.publisher as Attrs).name)
      : str(a.publisher);
  const dates = Array.isArray(a.dates) ? (a.dates as Attrs[]) : [];
  const issued = str(dates.find((d) => d.dateType === 'Issued')?.date);
  const container = (a.container ?? {}) as Attrs;
  return {
    source: 'DataCite',
    item: {
      type,
      title,
      creators: creators(a.creators),
      date: /^\d{4}(-\d{2}){0,2}$/.test(issued) ? issued : str(a.publicationYear),
      venue: str(container.title) || publisher,
      doi: str(a.doi) || doi,
      url: str(a.url),
      abstract: abstract ? await htmlToText(str(abstract.description)) : '',
      fields: compact({
        publisher: str(container.title) ? publisher : '',
        version: str(a.version),
        language: str(a.language),
      }),
    },
  };
}
