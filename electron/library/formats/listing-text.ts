// Line classifiers shared by the listing readers (arXiv pages and Hugging Face papers pages):
// arXiv identifiers, author lists, dates, and the prose/title/page-chrome tests.
import type { Creator } from '../../../shared/domain/item';
import type { ImportRecord } from '../../../shared/domain/import';
import { emptyRecord, normaliseDate, parsePersonName } from './record';

/** New-style (`2401.01234v2`) and old-style (`hep-th/9901001`) arXiv identifiers. */
export const ARXIV_ID = /(?<![\w.])(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?(?![\w])/;

/** The arXiv id named on a line (`arXiv:…`, an arxiv.org or huggingface.co/papers URL). */
export function arxivIdIn(line: string): string {
  const m =
    /arXiv:\s*(\S+)/i.exec(line) ??
    /arxiv\.org\/(?:abs|pdf|html)\/(\S+)/i.exec(line) ??
    /huggingface\.co\/papers\/(\S+)/i.exec(line);
  if (!m) return '';
  const id = ARXIV_ID.exec(m[1]!);
  return id && id.index === 0 ? id[1]! : '';
}

/** `2401.01234` was submitted in January 2024. */
export function dateFromArxivId(id: string): string {
  const m = /^(\d{2})(\d{2})\./.exec(id);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return '';
  return `20${m[1]}-${m[2]}`;
}

export const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** Running text: a sentence or more (abstracts), as opposed to a heading or a button. */
export function isProse(s: string): boolean {
  const n = words(s);
  if (n >= 25) return true;
  return n >= 8 && /[.!?]["')\]]?(\s|$)/.test(s) && /[a-z]/.test(s);
}

/** Lines that belong to the page around the papers rather than to any paper. */
const CHROME = [
  /^(new|subscribe|upvote|upvoted|follow|share|copy|cite|download|login|log in|sign up|more|less|next|previous|prev|back|home|search|menu|papers|daily papers|trending|models|datasets|spaces|docs|pricing|view pdf|view pdf html \(experimental\)|html \(experimental\)|other formats|submission history|access paper:|bibliographic tools|code, data, media|demos|related papers|about|help|contact|privacy|terms|copyright|[△▽] (more|less))$/i,
  /^[\d.,\s·•|kK+-]*$/, // counters, separators
  /^(submitted|published|posted|announced) (by|on)\b/i,
  /^by\s?\S+ and the research community$/i,
  /^[·•|]/,
  /^\d+ (authors?|comments?|upvotes?)$/i,
  /^get trending papers\b/i,
  /^#\d+ paper of the (day|week|month)$/i,
  /^(authors?|abstract|community|github|view arxiv page|add to collection|collections including this paper.*|(models|datasets|spaces) citing this paper.*)$/i,
  /^authors?:$/i,
];

export function isChrome(line: string): boolean {
  const s = line.trim();
  return CHROME.some((re) => re.test(s));
}

/** A line that is only a date such as `May 29` or `Thu, 4 Jan 2024`. */
export function isDateLine(line: string): boolean {
  return /^((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(\d{1,2})?(,?\s+\d{4})?$/i.test(
    line.trim(),
  );
}

/** `Ashish Vaswani, Noam Shazeer and Niki Parmar` → creators; affiliation marks dropped. */
export function parseAuthorList(s: string): Creator[] {
  return s
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\bet al\.?/gi, '')
    .split(/\s*,\s*|\s*;\s*|\s+and\s+|\s*&\s*/)
    .map((n) => n.replace(/[\d*†‡§¶]+$/u, '').trim())
    .filter((n) => n && n.length < 80)
    .map((n) => parsePersonName(n, 'author'))
    .filter((c): c is Creator => c !== null);
}

/** An unlabelled line of person names: `A. Smith, Bo Li, Carla de Souza`. */
export function isNameList(line: string, minNames = 3): boolean {
  const parts = line
    .replace(/\([^)]*\)/g, ' ')
    .split(/\s*,\s*|\s+and\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < minNames || (/[.!?]$/.test(line.trim()) && !/\b[A-Z]\.$/.test(line.trim())))
    return false;
  return parts.every((p) => {
    const w = p.split(/\s+/);
    return (
      w.length >= 2 && w.length <= 5 && w.every((x) => /^(\p{Lu}[\p{L}'’.-]*|[a-z]{1,3})$/u.test(x))
    );
  });
}

/** The date in `[Submitted on 3 Jan 2024 (v1), …]` or `Submitted 3 January, 2024;`. */
export function submittedDate(line: string): string {
  const m = /Submitted(?: on)?\s+(\d{1,2}\s+[A-Za-z]+,?\s+\d{4})/i.exec(line);
  if (!m) return '';
  const d = normaliseDate(m[1]!);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : '';
}

export function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A record for one paper with the arXiv fields filled in when the id is known. */
export function paperRecord(
  line: number,
  title: string,
  abstract: string,
  id: string,
): ImportRecord {
  const rec = emptyRecord('misc', line);
  rec.title = tidy(title);
  rec.abstract = abstract.trim();
  if (id) {
    rec.fields.eprint = id;
    rec.fields.eprinttype = 'arxiv';
    rec.url = `https://arxiv.org/abs/${id}`;
    rec.date = dateFromArxivId(id);
  }
  return rec;
}
