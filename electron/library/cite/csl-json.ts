// Shelfmark items as CSL-JSON, the input of every CSL processor. Only what citation styles use
// is mapped; the item's own record stays the source of truth.
import type { Creator, Item } from '../../../shared/domain/item';
import { own } from '../formats/own';

export interface CslName {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

export type CslItem = Record<string, unknown> & { id: string; type: string };

const TYPE: Record<string, string> = {
  article: 'article-journal',
  book: 'book',
  mvbook: 'book',
  inbook: 'chapter',
  bookinbook: 'chapter',
  incollection: 'chapter',
  collection: 'book',
  mvcollection: 'book',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  proceedings: 'book',
  mvproceedings: 'book',
  thesis: 'thesis',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  report: 'report',
  techreport: 'report',
  manual: 'report',
  online: 'webpage',
  dataset: 'dataset',
  software: 'software',
  patent: 'patent',
  periodical: 'periodical',
  unpublished: 'manuscript',
  booklet: 'pamphlet',
  reference: 'book',
  inreference: 'entry-encyclopedia',
};

/** Types whose venue is who published them rather than where they appeared. */
const VENUE_IS_PUBLISHER = new Set(['book', 'thesis', 'report', 'pamphlet', 'software', 'dataset']);

const ROLE: Partial<Record<Creator['role'], string>> = {
  author: 'author',
  editor: 'editor',
  translator: 'translator',
  bookauthor: 'container-author',
};

function name(c: Creator): CslName {
  if (c.literal) return { literal: c.literal };
  const n: CslName = { family: c.family };
  if (c.given) n.given = c.given;
  if (c.prefix) n['non-dropping-particle'] = c.prefix;
  if (c.suffix) n.suffix = c.suffix;
  return n;
}

/** `2019`, `2019-05`, `2019-05-14`, `2019/2021` → CSL date-parts; anything else as a literal. */
export function cslDate(date: string): Record<string, unknown> | undefined {
  const d = date.trim();
  if (!d) return undefined;
  const parts = d.split('/').map((p) => /^(-?\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(p.trim()));
  if (parts.every((m) => m !== null)) {
    return {
      'date-parts': parts.map((m) =>
        m!
          .slice(1)
          .filter((x) => x !== undefined)
          .map(Number),
      ),
    };
  }
  return { literal: d };
}

// BibLaTeX field → CSL variable, for the ones styles commonly print
const FIELD: Record<string, string> = {
  volume: 'volume',
  number: 'issue',
  issue: 'issue',
  pages: 'page',
  edition: 'edition',
  publisher: 'publisher',
  location: 'publisher-place',
  address: 'publisher-place',
  isbn: 'ISBN',
  issn: 'ISSN',
  note: 'note',
  series: 'collection-title',
  language: 'language',
  pmid: 'PMID',
  pmcid: 'PMCID',
  eprint: 'number',
  institution: 'publisher',
  school: 'publisher',
  organization: 'publisher',
  urldate: 'accessed',
  shorttitle: 'title-short',
  subtitle: 'subtitle',
};

export function toCsl(item: Item): CslItem {
  const type = own(TYPE, item.type) ?? 'document';
  const csl: CslItem = { id: item.citationKey, type };
  if (item.title) csl.title = item.title;
  for (const c of item.creators) {
    const role = ROLE[c.role];
    if (!role) continue;
    const list = (csl[role] as CslName[] | undefined) ?? [];
    list.push(name(c));
    csl[role] = list;
  }
  const issued = cslDate(item.date);
  if (issued) csl.issued = issued;
  for (const [field, value] of Object.entries(item.fields)) {
    const v = FIELD[field.toLowerCase()];
    if (!v || !value || csl[v] !== undefined) continue;
    csl[v] = v === 'accessed' ? cslDate(value) : value.replace(/--/g, '–');
  }
  if (item.venue) {
    if (VENUE_IS_PUBLISHER.has(type)) csl.publisher ??= item.venue;
    else csl['container-title'] = item.venue;
  }
  if (item.doi) csl.DOI = item.doi;
  if (item.url) csl.URL = item.url;
  if (item.abstract) csl.abstract = item.abstract;
  if (item.fields.keywords) csl.keyword = item.fields.keywords;
  return csl;
}
