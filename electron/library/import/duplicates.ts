// Duplicate detection on import: same DOI, same arXiv id, or the same normalised title + year +
// first author (or, for entries without a usable title, the same citation key). The index
// covers the live library as it was before the import: entries of one file with distinct keys
// are distinct on purpose (xampl's article-minimal and article-full).
import type { Database } from 'better-sqlite3';
import type { Creator } from '../../../shared/domain/item';
import { yearOf } from '../../../shared/domain/item';

export function normDoi(doi: string): string {
  return doi
    .trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '')
    .toLowerCase();
}

const ARXIV =
  /(?:arxiv\.org\/(?:abs|pdf)\/|arxiv:|10\.48550\/arxiv\.)((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[a-z]{2})?\/\d{7}))/i;

export interface DupFacts {
  doi: string;
  url: string;
  title: string;
  date: string;
  creators: readonly Pick<Creator, 'family' | 'literal'>[];
  fields: Record<string, string>;
  citationKey?: string | undefined;
}

export function arxivIdOf(r: Pick<DupFacts, 'doi' | 'url' | 'fields'>): string {
  const f = r.fields;
  const type = (f.eprinttype ?? f.archiveprefix ?? '').toLowerCase();
  const eprint = f.eprint ?? f.arxivid ?? f.arxiv ?? '';
  let id = '';
  // `arXiv:1810.04805` names its archive itself, as a bare new-style id does
  if (
    eprint &&
    (type === 'arxiv' || f.arxivid || f.arxiv || /^(?:arxiv:|\d{4}\.\d{4,5})/i.test(eprint))
  )
    id = eprint;
  else id = ARXIV.exec(r.doi)?.[1] ?? ARXIV.exec(r.url)?.[1] ?? '';
  return id
    .trim()
    .toLowerCase()
    .replace(/^arxiv:/, '')
    .replace(/v\d+$/, '');
}

const normTitle = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

export function titleKey(title: string, date: string, firstAuthor: string): string {
  const t = normTitle(title);
  if (t.length < 4) return '';
  return `${t}|${yearOf(date) ?? ''}|${normTitle(firstAuthor)}`;
}

function firstAuthorOf(creators: DupFacts['creators']): string {
  const c = creators[0];
  return c ? c.family || c.literal : '';
}

export interface DupHit {
  id: number;
  reason: string;
}

export class DuplicateIndex {
  private readonly doi = new Map<string, number>();
  private readonly arxiv = new Map<string, number>();
  private readonly titles = new Map<string, number>();
  /** citation key (lower case) → id and normalised title, for entries with no usable title */
  private readonly keysSeen = new Map<string, { id: number; title: string }>();

  constructor(db: Database) {
    const rows = db
      .prepare<
        [],
        {
          id: number;
          doi: string;
          url: string;
          title: string;
          date: string;
          citation_key: string;
          eprint: string | null;
          eprinttype: string | null;
          archiveprefix: string | null;
          first: string | null;
        }
      >(
        `SELECT i.id, i.doi, i.url, i.title, i.date, i.citation_key,
           json_extract(i.fields, '$.eprint') AS eprint,
           json_extract(i.fields, '$.eprinttype') AS eprinttype,
           json_extract(i.fields, '$.archiveprefix') AS archiveprefix,
           (SELECT CASE WHEN c.family <> '' THEN c.family ELSE c.literal END FROM creators c
              WHERE c.item_id = i.id ORDER BY c.position LIMIT 1) AS first
         FROM items i WHERE i.deleted_at IS NULL`,
      )
      .all();
    for (const r of rows) {
      const fields: Record<string, string> = {};
      if (r.eprint) fields.eprint = r.eprint;
      if (r.eprinttype) fields.eprinttype = r.eprinttype;
      if (r.archiveprefix) fields.archiveprefix = r.archiveprefix;
      this.addKeys(
        r.id,
        normDoi(r.doi),
        arxivIdOf({ doi: r.doi, url: r.url, fields }),
        titleKey(r.title, r.date, r.first ?? ''),
      );
      this.keysSeen.set(r.citation_key.toLowerCase(), { id: r.id, title: normTitle(r.title) });
    }
  }

  private addKeys(id: number, doi: string, arxiv: string, title: string): void {
    if (doi && !this.doi.has(doi)) this.doi.set(doi, id);
    if (arxiv && !this.arxiv.has(arxiv)) this.arxiv.set(arxiv, id);
    if (title && !this.titles.has(title)) this.titles.set(title, id);
  }

  private keys(r: DupFacts): [string, string, string] {
    return [normDoi(r.doi), arxivIdOf(r), titleKey(r.title, r.date, firstAuthorOf(r.creators))];
  }

  find(r: DupFacts): DupHit | null {
    // an import into an empty library (the common first import) has nothing to match:
    // normalising every record's title and ids was ~3% of a 100k import for no result
    if (this.keysSeen.size === 0) return null;
    const [doi, arxiv, title] = this.keys(r);
    const byDoi = doi ? this.doi.get(doi) : undefined;
    if (byDoi !== undefined) return { id: byDoi, reason: `same DOI ${doi}` };
    const byArxiv = arxiv ? this.arxiv.get(arxiv) : undefined;
    if (byArxiv !== undefined) return { id: byArxiv, reason: `same arXiv id ${arxiv}` };
    const byTitle = title ? this.titles.get(title) : undefined;
    if (byTitle !== undefined) return { id: byTitle, reason: 'same title, year and first author' };
    const byKey = r.citationKey ? this.keysSeen.get(r.citationKey.toLowerCase()) : undefined;
    if (byKey !== undefined && byKey.title === normTitle(r.title))
      return { id: byKey.id, reason: `same citation key ${r.citationKey} and title` };
    return null;
  }
}
