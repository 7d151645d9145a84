// NCBI E-utilities, `GET /entrez/eutils/efetch.fcgi?db=pubmed&id=…&retmode=xml`: a
// PubmedArticleSet of PubmedArticle records (MedlineCitation + PubmedData). NCBI allows three
// requests a second without an API key and asks for `tool` and `email`.
import type { Creator } from '../../../../shared/domain/item';
import { NetError } from '../../net/http';
import { arr, attr, child, parseXml, txt } from '../../net/xml';
import { type FetchedRecord, type ServiceContext, compact, organisation, person } from './types';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function month(m: string): string {
  if (/^\d{1,2}$/.test(m)) return m.padStart(2, '0');
  const i = MONTHS.indexOf(m.slice(0, 3).toLowerCase());
  return i >= 0 ? String(i + 1).padStart(2, '0') : '';
}

function pubDate(d: unknown): string {
  const year = txt(child(d, 'Year'));
  if (!year) return /\b(\d{4})\b/.exec(txt(child(d, 'MedlineDate')))?.[1] ?? '';
  const m = month(txt(child(d, 'Month')));
  const day = txt(child(d, 'Day'));
  return [year, m, m && day ? day.padStart(2, '0') : ''].filter(Boolean).join('-');
}

function authors(list: unknown): Creator[] {
  return arr(child(list, 'Author'))
    .slice(0, 2_000)
    .flatMap((a) => {
      const collective = txt(child(a, 'CollectiveName'));
      if (collective) return [organisation(collective)];
      const last = txt(child(a, 'LastName'));
      return last ? [person(last, txt(child(a, 'ForeName')) || txt(child(a, 'Initials')))] : [];
    });
}

// Inline markup (<i>, <sup>, …) inside titles and abstracts would be split out of the text by
// the object-shaped parse; it carries no meaning for a reference, so it is dropped first.
function dropInlineMarkup(xml: string): string {
  return xml.replace(/<\/?(?:i|b|u|sup|sub|em|strong|mml:[a-z]+)(?:\s[^>]*)?>/g, '');
}

export async function fetchPubmed(ctx: ServiceContext, pmid: string): Promise<FetchedRecord> {
  const params = new URLSearchParams({ db: 'pubmed', id: pmid, retmode: 'xml', tool: 'shelfmark' });
  if (ctx.settings.contactEmail) params.set('email', ctx.settings.contactEmail);
  const res = await ctx.http.get(
    `${ctx.settings.baseUrls.pubmed}/entrez/eutils/efetch.fcgi?${params}`,
    {
      accept: 'application/xml, text/xml',
      service: 'PubMed',
      minIntervalMs: 350,
    },
  );
  const doc = parseXml(dropInlineMarkup(res.text()), 'PubMed');
  const set = child(doc, 'PubmedArticleSet');
  if (set === undefined)
    throw new NetError('bad_response', 'PubMed answered without a PubmedArticleSet');
  const article = arr(child(set, 'PubmedArticle')).find(
    (a) => txt(child(child(a, 'MedlineCitation'), 'PMID')) === pmid,
  );
  if (!article) throw new NetError('not_found', `PubMed has no article with PMID ${pmid}`, 404);
  const citation = child(article, 'MedlineCitation');
  const art = child(citation, 'Article');
  const journal = child(art, 'Journal');
  const issue = child(journal, 'JournalIssue');
  const title = txt(child(art, 'ArticleTitle')).replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  if (!title) throw new NetError('bad_response', `PubMed's record ${pmid} has no title`);
  const abstract = arr(child(child(art, 'Abstract'), 'AbstractText'))
    .map((p) => {
      const label = attr(p, 'Label');
      const body = txt(p).replace(/\s+/g, ' ').trim();
      return label ? `${label}: ${body}` : body;
    })
    .filter(Boolean)
    .join('\n\n');
  const articleIds = arr(child(child(child(article, 'PubmedData'), 'ArticleIdList'), 'ArticleId'));
  const idOf = (type: string) => txt(articleIds.find((a) => attr(a, 'IdType') === type));
  const eloc = arr(child(art, 'ELocationID')).find((e) => attr(e, 'EIdType') === 'doi');
  return {
    source: 'PubMed',
    item: {
      type: 'article',
      title,
      creators: authors(child(art, 'AuthorList')),
      date: pubDate(child(issue, 'PubDate')),
      venue: txt(child(journal, 'Title')),
      doi: idOf('doi') || txt(eloc),
      url: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`,
      abstract,
      fields: compact({
        volume: txt(child(issue, 'Volume')),
        number: txt(child(issue, 'Issue')),
        pages: txt(child(child(art, 'Pagination'), 'MedlinePgn')),
        issn: txt(child(journal, 'ISSN')),
        shortjournal: txt(child(journal, 'ISOAbbreviation')),
        pmid,
        pmcid: idOf('pmc'),
        language: txt(child(art, 'Language')),
      }),
    },
  };
}
