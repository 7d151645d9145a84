// Keys that identify the same work across differently-entered records. Pure functions, so the
// rules are unit-tested without a database.

/** `10.1000/ABC` from `https://doi.org/10.1000/abc`, `doi:10.1000/abc`; lower-cased (DOIs are case-insensitive). */
export function normaliseDoi(doi: string): string {
  const m = /10\.\d{4,9}\/\S+/i.exec(doi.trim());
  return m ? m[0].replace(/[.,;]+$/, '').toLowerCase() : '';
}

const NEW_ARXIV = /(\d{4}\.\d{4,5})(v\d+)?/;
const OLD_ARXIV = /([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?/;

/** An arXiv id without its version (`1706.03762`), from the eprint field, a DOI or an arXiv URL. */
export function arxivId(fields: Record<string, string>, doi: string, url: string): string {
  const type = (fields.eprinttype ?? fields.archiveprefix ?? '').toLowerCase();
  const candidates: string[] = [];
  // `arXiv:1810.04805` names its archive itself, so it needs no eprinttype
  if (fields.eprint && (type === 'arxiv' || /^arxiv:/i.test(fields.eprint))) {
    candidates.push(fields.eprint);
  }
  if (fields.arxivid) candidates.push(fields.arxivid);
  if (fields.arxiv) candidates.push(fields.arxiv);
  const doiMatch = /10\.48550\/arxiv\.(.+)/i.exec(doi);
  if (doiMatch?.[1]) candidates.push(doiMatch[1]);
  const urlMatch = /arxiv\.org\/(?:abs|pdf)\/(.+?)(?:\.pdf)?$/i.exec(url.trim());
  if (urlMatch?.[1]) candidates.push(urlMatch[1]);
  for (const c of candidates) {
    const m = NEW_ARXIV.exec(c) ?? OLD_ARXIV.exec(c);
    if (m?.[1]) return m[1].toLowerCase();
  }
  return '';
}

/** Lower-case ASCII words: accents, braces, punctuation and spacing never hide a duplicate. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Title + year + first author, or '' when any part is missing (too weak to group on). */
export function titleKey(title: string, year: number | null, firstAuthor: string): string {
  const t = normaliseText(title);
  const a = normaliseText(firstAuthor);
  if (!t || year === null || !a) return '';
  return `${t}|${year}|${a}`;
}
