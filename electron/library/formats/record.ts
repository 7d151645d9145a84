// Small helpers shared by the tagged-format readers and writers (RIS, EndNote, MEDLINE, CSL-JSON,
// listings): an empty record, person-name splitting, date normalising, safe line splitting.
import type { Creator, CreatorRole } from '../../../shared/domain/item';
import type { ImportProblem, ImportRecord, ParseResult } from '../../../shared/domain/import';
import { NAME_PARTICLES } from '../../../shared/domain/names';
import { MONTH_MACROS } from './bibtex/fields';

export function emptyRecord(type: string, line: number): ImportRecord {
  return {
    type,
    title: '',
    date: '',
    venue: '',
    doi: '',
    url: '',
    abstract: '',
    creators: [],
    fields: {},
    tags: [],
    files: [],
    line,
  };
}

export function problem(file: string, line: number, reason: string): ImportProblem {
  return { file, line, reason };
}

/** Text with a BOM removed, line ends made `\n` and no-break spaces made plain spaces. */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2007\u202F]/g, ' ');
}

/** Types whose `venue` is the container (journal, book, proceedings), not the publisher. */
const CONTAINER_TYPES = new Set([
  'article',
  'inproceedings',
  'incollection',
  'inbook',
  'inreference',
  'bookinbook',
  'suppbook',
  'suppcollection',
  'suppperiodical',
  'conference',
  'online',
]);

/** True when `venue` names the journal or book the item sits in (else publisher/institution). */
export function venueIsContainer(type: string): boolean {
  return CONTAINER_TYPES.has(type);
}

// The PDF author guess does not take these three: there they would change which title-page lines
// read as names, so they stay the tagged readers' own.
const PARTICLES = new Set([...NAME_PARTICLES, 'af', 'ibn', "d'"]);
const SUFFIX = /^(jr\.?|sr\.?|[ivx]+|\d+(st|nd|rd|th))$/i;

export function creator(role: CreatorRole, parts: Partial<Creator>): Creator {
  return {
    role,
    family: parts.family ?? '',
    given: parts.given ?? '',
    prefix: parts.prefix ?? '',
    suffix: parts.suffix ?? '',
    literal: parts.literal ?? '',
  };
}

/** Splits leading lower-case particles ("van der") off a family name. */
function splitParticles(family: string): { prefix: string; family: string } {
  const words = family.split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < words.length - 1 && PARTICLES.has(words[i]!.toLowerCase()) && /^[a-z]/.test(words[i]!))
    i++;
  return { prefix: words.slice(0, i).join(' '), family: words.slice(i).join(' ') };
}

/**
 * A person's name as RIS, EndNote and MEDLINE write it: `Family, Given[, Suffix]`, or
 * `Given Family` without a comma. A name that is one word is kept as the family name.
 */
export function parsePersonName(raw: string, role: CreatorRole = 'author'): Creator | null {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name) return null;
  if (name.includes(',')) {
    const [fam = '', ...rest] = name.split(',').map((s) => s.trim());
    const given = rest[0] ?? '';
    const suffix = rest.slice(1).join(', ');
    const { prefix, family } = splitParticles(fam);
    if (!family && !given) return null;
    return creator(role, { family, given, prefix, suffix });
  }
  const words = name.split(' ');
  let suffix = '';
  if (words.length > 2 && SUFFIX.test(words[words.length - 1]!)) suffix = words.pop()!;
  if (words.length === 1) return creator(role, { family: words[0]!, suffix });
  // "Given van der Family": the particles start at the first lower-case particle word.
  let start = words.length - 1;
  while (
    start > 1 &&
    PARTICLES.has(words[start - 1]!.toLowerCase()) &&
    /^[a-z]/.test(words[start - 1]!)
  )
    start--;
  return creator(role, {
    given: words.slice(0, start).join(' '),
    prefix: words.slice(start, words.length - 1).join(' '),
    family: words[words.length - 1]!,
    suffix,
  });
}

/** `Family, Given` form of a creator for tagged formats. */
export function formatPersonName(c: Creator): string {
  if (c.literal) return c.literal;
  const family = [c.prefix, c.family].filter(Boolean).join(' ');
  // The comma stays even without a given name, so "de la Cruz" is not read back as given + family.
  if (!c.given && !c.suffix) return `${family},`;
  return [family, c.given, c.suffix].join(', ').replace(/, $/, '');
}

const MONTHS = MONTH_MACROS;

/** Month number (1–12) of an English month name or abbreviation, or 0. */
export function monthNumber(word: string): number {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]);
  return i + 1;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * An ISO-like date (`2019`, `2019-05`, `2019-05-14`) from the free forms tagged formats use:
 * `2019/05/14/`, `2019 May 14`, `May 2019`, `14 May 2019`. Unparseable text is kept as given.
 */
export function normaliseDate(raw: string): string {
  const s = raw.trim().replace(/\s+/g, ' ');
  if (!s) return '';
  // `2019`, `2019-05-14`, `2019/05`, or RIS `2019/05/14/other info` (the part after the third
  // slash is free text and dropped).
  let m =
    /^(\d{4})(?:[/-](\d{1,2})(?:[/-](\d{1,2}))?)?\/*$/.exec(s) ??
    /^(\d{4})\/(\d{0,2})\/(\d{0,2})\/.*$/.exec(s);
  if (m && (!m[2] || Number(m[2]) <= 12) && (!m[3] || Number(m[3]) <= 31)) {
    return [m[1], m[2] ? pad(Number(m[2])) : '', m[2] && m[3] ? pad(Number(m[3])) : '']
      .filter(Boolean)
      .join('-');
  }
  m = /^(\d{4}) ([A-Za-z]{3,})\.?(?:[- ][A-Za-z]{3,})?(?: (\d{1,2}))?/.exec(s);
  if (m && monthNumber(m[2]!)) {
    const mm = monthNumber(m[2]!);
    return m[3] ? `${m[1]}-${pad(mm)}-${pad(Number(m[3]))}` : `${m[1]}-${pad(mm)}`;
  }
  m = /^(?:(\d{1,2}) )?([A-Za-z]{3,})\.?,? (?:(\d{1,2}),? )?(\d{4})$/.exec(s);
  if (m && monthNumber(m[2]!)) {
    const day = m[1] ?? m[3];
    const mm = pad(monthNumber(m[2]!));
    return day ? `${m[4]}-${mm}-${pad(Number(day))}` : `${m[4]}-${mm}`;
  }
  m = /^(\d{4})\b/.exec(s);
  if (m && s.length <= 4) return m[1]!;
  return s;
}

/** Appends a value to a multi-valued verbatim field, one value per line. */
export function addField(fields: Record<string, string>, name: string, value: string): void {
  const prev = fields[name];
  fields[name] = prev ? `${prev}\n${value}` : value;
}

/** A DOI field's value without `https://doi.org/` or `doi:` in front; otherwise as given. */
export function cleanDoi(s: string): string {
  return s.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
}

/** Splits "123-145" into start and end page. */
export function splitPages(pages: string): { start: string; end: string } {
  const m = /^\s*([^-–—]+?)\s*(?:-+|–|—)\s*(.+?)\s*$/.exec(pages);
  return m ? { start: m[1]!, end: m[2]! } : { start: pages.trim(), end: '' };
}

const ORG_WORDS =
  /\b(university|universit[éäà]t?|institute?|organi[sz]ation|group|consortium|association|committee|society|council|team|laborator(y|ies)|lab|inc|ltd|gmbh|corp(oration)?|collaboration|project|foundation|agency|department|ministry|office|board|network|centre|center|working party|initiative)\b/i;

/**
 * A name from a tagged format that may be a person (`Family, Given` or `Given Family`) or an
 * organisation written in one piece. Without a comma, long names and names with words like
 * "Consortium" or "University" are kept whole as a literal, never split into given/family.
 */
export function parseTaggedName(raw: string, role: CreatorRole = 'author'): Creator | null {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name) return null;
  if (!name.includes(',') && (ORG_WORDS.test(name) || name.split(' ').length >= 5))
    return creator(role, { literal: name });
  return parsePersonName(name, role);
}

/**
 * The tagged readers (RIS, EndNote, PubMed) share this loop: each raw block becomes a record, or
 * a problem carrying the block's line when it cannot. `problems` may already hold what the
 * block splitter reported, and is returned in the result.
 */
export function collectRecords<B extends { line: number }>(
  file: string,
  problems: ImportProblem[],
  rawBlocks: Iterable<B>,
  toRecord: (b: B) => ImportRecord | string,
): ParseResult {
  const records: ImportRecord[] = [];
  for (const b of rawBlocks) {
    const r = toRecord(b);
    if (typeof r === 'string') problems.push(problem(file, b.line, r));
    else records.push(r);
  }
  return { records, problems };
}
