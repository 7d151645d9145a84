// Field vocabulary shared by the BibTeX reader and writer: which fields are names, which are
// verbatim, where the venue lives per entry type, and month/date handling.
import { CREATOR_ROLES } from '../../../../shared/domain/item';

/** The name-list fields are exactly the creator roles, in the same order. */
export const NAME_FIELDS = CREATOR_ROLES;

/** Fields copied byte for byte: never converted on import, never escaped on export. */
export const VERBATIM = new Set([
  'url',
  'doi',
  'eprint',
  'file',
  'pdf',
  'verba',
  'verbb',
  'verbc',
  'urlraw',
  'crossref',
  'xref',
  'xdata',
  'entryset',
  'related',
  'ids',
]);

/** Title-like fields: words with inner capitals get brace protection on export. */
export const TITLE_FIELDS = new Set([
  'title',
  'subtitle',
  'titleaddon',
  'booktitle',
  'booksubtitle',
  'maintitle',
  'mainsubtitle',
  'shorttitle',
  'journaltitle',
  'journal',
  'eventtitle',
  'origtitle',
  'indextitle',
  'series',
]);

/** Fields that may hold the venue, by entry type, in order of preference. */
export function venueFields(type: string): readonly string[] {
  switch (type) {
    case 'article':
    case 'periodical':
    case 'suppperiodical':
      return ['journaltitle', 'journal'];
    case 'inproceedings':
    case 'conference':
    case 'incollection':
    case 'inbook':
    case 'inreference':
    case 'bookinbook':
    case 'suppbook':
    case 'suppcollection':
      return ['booktitle', 'publisher'];
    case 'report':
    case 'techreport':
      return ['institution', 'publisher'];
    case 'thesis':
    case 'phdthesis':
    case 'mastersthesis':
      return ['school', 'institution'];
    case 'misc':
    case 'online':
    case 'unpublished':
      return ['howpublished', 'organization', 'publisher'];
    case 'manual':
      return ['organization', 'publisher'];
    default:
      return ['publisher', 'organization', 'institution'];
  }
}

/** Remembers which field the venue came from when it is not the type's usual one. */
export const VENUE_SOURCE = 'shelfmark:venue';

/** Where the venue goes on export: back where it came from, spelled for the profile. */
export function venueTarget(type: string, biblatex: boolean, source?: string): string {
  const first = source && venueFields(type).includes(source) ? source : venueFields(type)[0]!;
  if (first === 'journaltitle' || first === 'journal') return biblatex ? 'journaltitle' : 'journal';
  if (first === 'school') return biblatex ? 'institution' : 'school';
  return first;
}

export const MONTH_MACROS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `July`, `jul`, `7`, `07`, `10 January`, `January 10` → month (1–12) and optional day. */
export function parseMonthDay(text: string): { month: number; day?: number } | null {
  const s = text
    .replace(/[\s\u00a0.,]+/g, ' ')
    .trim()
    .toLowerCase();
  if (/^\d{1,2}$/.test(s)) {
    const m = Number(s);
    return m >= 1 && m <= 12 ? { month: m } : null;
  }
  const m = /^(?:(\d{1,2}) )?([a-z]+)(?: (\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const word = m[2]!;
  const idx = MONTH_MACROS.findIndex(
    (abbr, i) =>
      word === abbr || word === MONTH_NAMES[i]!.toLowerCase() || (word === 'sept' && i === 8),
  );
  if (idx < 0) return null;
  const dayText = m[1] ?? m[3];
  if (m[1] && m[3]) return null;
  if (dayText === undefined) return { month: idx + 1 };
  const day = Number(dayText);
  return day >= 1 && day <= 31 ? { month: idx + 1, day } : null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `1986` + month 7 + day 4 → `1986-07-04`. */
export function composeDate(year: string, month?: number, day?: number): string {
  if (!year) return '';
  if (month === undefined) return year;
  return day === undefined ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
}

/** The parts of a simple ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or null for ranges etc. */
export function splitIsoDate(date: string): { year: string; month?: number; day?: number } | null {
  const m = /^(-?\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim());
  if (!m) return null;
  const out: { year: string; month?: number; day?: number } = { year: m[1]! };
  if (m[2]) out.month = Number(m[2]);
  if (m[3]) out.day = Number(m[3]);
  return out;
}

/** A four-digit year standing alone in a year field's text (`{\noopsort{1973b}}1973` → 1973). */
export function cleanYear(display: string): string | null {
  const t = display.trim();
  if (/^-?\d{1,4}$/.test(t)) return t;
  const all = [...t.matchAll(/(?<!\d)(\d{4})(?!\d)/g)];
  return all.length > 0 ? all[all.length - 1]![1]! : null;
}

/** Paths named by a JabRef (`desc:path:type;…`) or Zotero (`path;path`) file field. */
export function filePaths(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(/(?<!\\);/)) {
    const p = part.trim();
    if (!p) continue;
    const pieces = p.split(/(?<!\\):/);
    // `desc:path:type`, but keep Windows drive letters (`C:\…`) together
    let path = p;
    if (pieces.length >= 3) path = pieces.slice(1, -1).join(':');
    else if (pieces.length === 2 && !/^[A-Za-z]$/.test(pieces[0]!)) path = pieces[1] || pieces[0]!;
    // Mendeley writes `C$\backslash$:/…` and escapes underscores
    const unescaped = path
      .replace(/\$\\backslash\$/g, '\\')
      .replace(/\{\\_\}|\\_/g, '_')
      .replace(/\\&/g, '&');
    out.push(unescaped.replace(/\\([;:\\])/g, '$1'));
  }
  return out;
}
