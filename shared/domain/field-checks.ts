// Hints for values the item pane saves but the rest of Shelfmark cannot use as meant: a Date
// with no year leaves the Year column (and the exported `year`) empty, a DOI that is not one
// cannot be resolved. They never block a save: the user's text is kept as typed.
import { parseDoi } from './identifiers';

const DATE_FORMS = 'use YYYY, YYYY-MM or YYYY-MM-DD';
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** What is wrong with one ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or null when nothing. */
function isoDateProblem(part: string): string | null {
  const m = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(part);
  if (!m) return `not a date: ${DATE_FORMS}`;
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (month !== null && (month < 1 || month > 12)) return `no month ${m[2]}: months are 01 to 12`;
  if (month !== null && day !== null) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const last = month === 2 && !leap ? 28 : DAYS[month - 1]!;
    if (day < 1 || day > last) return `no day ${m[3]} in ${m[1]}-${m[2]}`;
  }
  return null;
}

/**
 * A warning for the Date field, or null. The engine reads the year from the first four digits
 * (shared/domain/item.ts yearOf) and the BibTeX writer splits only these ISO forms; a BibLaTeX
 * range (`2017-06/2017-08`, open ends as `..`) is accepted as well.
 */
export function dateProblem(date: string): string | null {
  const d = date.trim();
  if (d === '') return null;
  const parts = d.split('/');
  if (parts.length === 2 && parts.some((p) => p !== '' && p !== '..')) {
    for (const p of parts) {
      if (p === '' || p === '..') continue;
      const problem = isoDateProblem(p);
      if (problem) return problem;
    }
    return null;
  }
  if (!/^-?\d{4}/.test(d)) return `not a date: ${DATE_FORMS}`;
  const problem = isoDateProblem(d);
  // a leading year still sorts and exports; say what is read and what is not
  if (problem?.startsWith('not a date'))
    return `read as the year ${d.slice(0, 4)} only: ${DATE_FORMS}`;
  return problem;
}

/** A warning for the DOI field, or null; a doi.org link or `doi:` prefix is fine. */
export function doiProblem(doi: string): string | null {
  const d = doi.trim();
  if (d === '' || parseDoi(d) !== null) return null;
  return 'not a DOI: a DOI starts with 10. and a slash, such as 10.1038/nature14539';
}
