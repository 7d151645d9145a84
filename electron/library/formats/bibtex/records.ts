// Raw BibTeX entries → import records. Display values are Unicode; whenever the LaTeX source
// says more than its Unicode (braces, commands, line breaks), it is kept in `fields` under
// `latex:<name>` so the export can re-emit it exactly (`{BERT}` stays protected).
import type { Creator } from '../../../../shared/domain/item';
import type { ImportProblem, ImportRecord, ParseResult } from '../../../../shared/domain/import';
import {
  cleanYear,
  composeDate,
  filePaths,
  MONTH_MACROS,
  MONTH_NAMES,
  NAME_FIELDS,
  parseMonthDay,
  splitIsoDate,
  venueFields,
  venueTarget,
  VENUE_SOURCE,
  TITLE_FIELDS,
  VERBATIM,
} from './fields';
import { latexToUnicode } from './latex-to-unicode';
import { parseBibNames, parseBibNamesInto } from './names';
import { ORIGINAL_TYPE_FIELD, TYPE_KEY_FIELD } from './types';
import { unicodeToLatex } from './unicode-to-latex';
import { type BibFile, type Piece, type RawEntry, type RawField, parseBib } from './parse';

export const LATEX_PREFIX = 'latex:';
/** JSON of the display values filled in from a crossref/xdata parent, omitted again on export. */
export const INHERITED = 'shelfmark:inherited';

export type Inherited = { creators?: Creator[]; date?: string; venue?: string };

/**
 * Names of the undefined macros met while expanding the current entry's fields, each after its
 * field's name. Written only when a macro is undefined, so the usual entry pays nothing.
 */
const undefinedMacros: string[] = [];
let expandingField = '';

/** A value's text with its macros expanded; every macro name looked up is added to `looked`. */
function expand(
  pieces: readonly Piece[],
  strings: BibFile['strings'],
  looked: Set<string> | null,
  depth = 0,
): string {
  let out = '';
  for (const p of pieces) {
    if (p.t !== 'macro') {
      out += p.v;
      continue;
    }
    const name = p.v.toLowerCase();
    looked?.add(name);
    const def = depth < 16 ? strings.get(name) : undefined;
    if (def) out += expand(def, strings, looked, depth + 1);
    else {
      const m = (MONTH_MACROS as readonly string[]).indexOf(name);
      // an undefined macro: BibTeX warns and uses nothing; keeping its name loses less, and
      // the import report warns too
      if (m >= 0) out += MONTH_NAMES[m]!;
      else {
        out += p.v;
        undefinedMacros.push(expandingField, p.v);
      }
    }
  }
  return out;
}

/** Display text of a field's LaTeX source; verbatim fields are only trimmed. */
export function displayOf(name: string, raw: string): string {
  return VERBATIM.has(name) ? raw.trim() : latexToUnicode(raw);
}

/** The creators a name field's source reads as. */
export function namesOf(role: (typeof NAME_FIELDS)[number], raw: string): Creator[] {
  return parseBibNames(raw, role);
}

/** The month field's only piece when it is a bare macro or number (`jul`, `7`), else null. */
function barePiece(f: RawField): { t: 'macro' | 'num'; v: string } | null {
  if (f.text !== null) return f.num ? { t: 'num', v: f.text } : null;
  const only = f.pieces.length === 1 ? f.pieces[0]! : null;
  return only && only.t !== 'str' ? only : null;
}

/** The month and day a month field means, from its pieces (a bare `jul` macro included). */
function monthOf(f: RawField, raw: string): { month: number; day?: number } | null {
  const only = barePiece(f);
  if (only?.t === 'macro') {
    const m = (MONTH_MACROS as readonly string[]).indexOf(only.v.toLowerCase());
    if (m >= 0) return { month: m + 1 };
  }
  return parseMonthDay(latexToUnicode(raw));
}

function isBareMonth(f: RawField): boolean {
  const only = barePiece(f);
  return (
    only !== null &&
    ((only.t === 'macro' && (MONTH_MACROS as readonly string[]).includes(only.v.toLowerCase())) ||
      (only.t === 'num' && Number(only.v) >= 1 && Number(only.v) <= 12))
  );
}

/**
 * Tags from a keywords field: split at `,` or `;` outside braces (`{,}` protects a comma
 * inside one tag), each converted to Unicode and trimmed, empty ones dropped.
 */
function keywordTags(raw: string): string[] {
  const out = scratchTags;
  out.length = 0;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === 44 || c === 59)) {
      addTag(out, raw.slice(start, i));
      start = i + 1;
    }
  }
  addTag(out, raw.slice(start));
  return out.slice();
}

// module-level helpers, not closures: hot paths must not create a function per call
function addTag(out: string[], t: string): void {
  const tag = latexToUnicode(t).trim();
  if (tag) out.push(tag);
}

const NAME_MARKUP = /[{}\\~$]/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

// the writer's options, made once (regenerates runs for most fields of every entry)
const LATEX_UTF8 = { ascii: false, protectCase: false };
const LATEX_UTF8_TITLE = { ascii: false, protectCase: true };
const LATEX_ASCII = { ascii: true, protectCase: false };
const LATEX_ASCII_TITLE = { ascii: true, protectCase: true };

/** True when the export would write `raw` again from its display value alone. */
function regenerates(name: string, raw: string, display: string): boolean {
  // the export never writes line breaks or runs of spaces: such a source is always kept
  if (raw.includes('\n') || raw.includes('  ')) return false;
  const protectCase = TITLE_FIELDS.has(name);
  const utf8 = protectCase ? LATEX_UTF8_TITLE : LATEX_UTF8;
  if (!NON_ASCII.test(display)) return raw === unicodeToLatex(display, utf8);
  const ascii = protectCase ? LATEX_ASCII_TITLE : LATEX_ASCII;
  // Either spelling will do. An ASCII source (`354--954`, `{\"u}`) is most likely the ASCII
  // one, so it is tried first: usually one conversion instead of two.
  return NON_ASCII.test(raw)
    ? raw === unicodeToLatex(display, utf8) || raw === unicodeToLatex(display, ascii)
    : raw === unicodeToLatex(display, ascii) || raw === unicodeToLatex(display, utf8);
}

/** A page range of digits, `123--145`: nearly every entry has one. */
const DIGIT_RANGE = /^\d+--\d+$/;

/** The display value of a field; its source goes to `latex:<latexName>` when it says more. */
function keep(
  fields: Record<string, string>,
  name: string,
  value: string,
  latexName: string,
): string {
  // `123--145` reads `123–145`, which the ASCII export spells `123--145` again: the general
  // conversion both ways gives the same answer (a test checks it) at 5-7% of the parse
  if (DIGIT_RANGE.test(value) && !VERBATIM.has(name) && !TITLE_FIELDS.has(name))
    return value.replace('--', '\u2013');
  const display = displayOf(name, value);
  if (display !== value && !regenerates(name, value, display))
    fields[LATEX_PREFIX + latexName] = value;
  return display;
}

/** keep() for the field at index i of the entry being built, which a column takes. */
function take(fields: Record<string, string>, i: number, name: string): string {
  if (i < 0) return '';
  used[i] = 1;
  return keep(fields, name, vals[i]!, name);
}

/** A record that names parents (crossref, xdata), by its index in `Collected.records`. */
interface Child {
  index: number;
  crossref: string;
  xdata: readonly string[];
}

/**
 * What build() leaves for inherit(). Keys are lower-cased while the entry's text is still in
 * the cache, and only the few children are listed: inherit() then never walks the records
 * themselves (a pass over 100k scattered records was 8% of B1, all cache misses).
 */
interface Collected {
  records: ImportRecord[];
  /** Lower-case citation key of each record, by index. */
  keys: string[];
  /** keyHash() of each key: scanning these finds a parent's candidates without touching keys. */
  hashes: number[];
  children: Child[];
  /** Undefined macros, by the line of their entry. */
  warnings: { line: number; reason: string }[];
}

function collected(): Collected {
  return { records: [], keys: [], hashes: [], children: [], warnings: [] };
}

// What build() looks for, by field name: one Map lookup per field instead of a Map per entry.
const TITLE = 1;
const ABSTRACT = 2;
const DOI = 3;
const URL = 4;
const YEAR = 5;
const MONTH = 6;
const DAY = 7;
const DATE = 8;
const KEYWORDS = 9;
const FILE = 10;
const CROSSREF = 11;
const XDATA = 12;
const ORIGINAL_TYPE = 13;
const ROLE = 100; // + index in NAME_FIELDS
const FIELD_IDS = new Map<string, number>([
  ['title', TITLE],
  ['abstract', ABSTRACT],
  ['doi', DOI],
  ['url', URL],
  ['year', YEAR],
  ['month', MONTH],
  ['day', DAY],
  ['date', DATE],
  ['keywords', KEYWORDS],
  ['file', FILE],
  ['crossref', CROSSREF],
  ['xdata', XDATA],
  [ORIGINAL_TYPE_FIELD, ORIGINAL_TYPE],
  ...NAME_FIELDS.map((role, i): [string, number] => [role, ROLE + i]),
]);

const NO_XDATA: readonly string[] = Object.freeze([]);

// A list that grows by push() gets room for 17 at its first push, kept for as long as the
// record lives (most records have 1–4 authors and tags): creators and tags are collected in
// these and copied out at their size, which is less for the collector to copy and keep.
const scratchCreators: Creator[] = [];
const scratchTags: string[] = [];

// Scratch space of build(), reused for every entry (build is never re-entered): each field's
// expanded source, its id and whether a display column took it.
const vals: string[] = [];
let ids = new Int32Array(64);
let used = new Uint8Array(64);

function build(
  entry: RawEntry,
  strings: BibFile['strings'],
  looked: Set<string> | null,
  into: Collected,
): void {
  const fs = entry.fields;
  const n = fs.length;
  if (ids.length < n) {
    ids = new Int32Array(n * 2);
    used = new Uint8Array(n * 2);
  }
  let iTitle = -1;
  let iAbstract = -1;
  let iDoi = -1;
  let iUrl = -1;
  let iYear = -1;
  let iMonth = -1;
  let iDay = -1;
  let iDate = -1;
  let iKeywords = -1;
  let iFile = -1;
  let iCrossref = -1;
  let iXdata = -1;
  let iOriginalType = -1;
  let hasNames = false;
  for (let i = 0; i < n; i++) {
    const f = fs[i]!;
    if (f.text !== null) vals[i] = f.text;
    else {
      expandingField = f.name;
      vals[i] = expand(f.pieces, strings, looked);
    }
    used[i] = 0;
    const id = FIELD_IDS.get(f.name) ?? 0;
    ids[i] = id;
    switch (id) {
      case 0:
        break;
      case TITLE:
        iTitle = i;
        break;
      case ABSTRACT:
        iAbstract = i;
        break;
      case DOI:
        iDoi = i;
        break;
      case URL:
        iUrl = i;
        break;
      case YEAR:
        iYear = i;
        break;
      case MONTH:
        iMonth = i;
        break;
      case DAY:
        iDay = i;
        break;
      case DATE:
        iDate = i;
        break;
      case KEYWORDS:
        iKeywords = i;
        break;
      case FILE:
        iFile = i;
        break;
      case CROSSREF:
        iCrossref = i;
        break;
      case XDATA:
        iXdata = i;
        break;
      case ORIGINAL_TYPE:
        iOriginalType = i;
        break;
      default:
        hasNames = true;
    }
  }
  if (undefinedMacros.length > 0) warnUndefined(entry, into);
  const fields: Record<string, string> = {};
  const rec: ImportRecord = {
    type: iOriginalType < 0 ? entry.type : originalType(entry, iOriginalType, fields),
    citationKey: entry.key,
    title: take(fields, iTitle, 'title'),
    date: '',
    venue: '',
    doi: iDoi < 0 ? '' : vals[iDoi]!.trim(),
    url: iUrl < 0 ? '' : vals[iUrl]!.trim(),
    abstract: take(fields, iAbstract, 'abstract'),
    creators: [],
    fields,
    tags: [],
    files: [],
    line: entry.line,
  };
  if (iDoi >= 0) used[iDoi] = 1;
  if (iUrl >= 0) used[iUrl] = 1;

  if (hasNames) {
    scratchCreators.length = 0;
    for (let r = 0; r < NAME_FIELDS.length; r++) {
      for (let i = 0; i < n; i++) {
        if (ids[i] !== ROLE + r) continue;
        const role = NAME_FIELDS[r]!;
        const v = vals[i]!;
        used[i] = 1;
        parseBibNamesInto(scratchCreators, v, role);
        // only markup needs the source kept: plain names are rewritten as `Last, First` losslessly
        if (NAME_MARKUP.test(v)) fields[LATEX_PREFIX + role] = v;
        break;
      }
    }
    if (scratchCreators.length > 0) rec.creators = scratchCreators.slice();
  }

  venue: for (const name of venueFields(rec.type)) {
    for (let i = 0; i < n; i++) {
      if (fs[i]!.name !== name || used[i]) continue;
      if (venueTarget(rec.type, true, name) !== venueTarget(rec.type, true))
        fields[VENUE_SOURCE] = name;
      used[i] = 1;
      rec.venue = keep(fields, name, vals[i]!, 'venue');
      break venue;
    }
  }

  // Dates: a biblatex `date` wins; year/month/day fold into it when they agree with it.
  const yearRaw = iYear < 0 ? undefined : vals[iYear]!;
  const monthRaw = iMonth < 0 ? undefined : vals[iMonth]!;
  const dayRaw = iDay < 0 ? undefined : vals[iDay]!;
  const year = yearRaw === undefined ? null : cleanYear(latexToUnicode(yearRaw));
  const md = monthRaw === undefined ? null : monthOf(fs[iMonth]!, monthRaw);
  const day = dayRaw === undefined ? undefined : Number(latexToUnicode(dayRaw)) || undefined;
  if (yearRaw !== undefined && year !== null && yearRaw !== year)
    fields[LATEX_PREFIX + 'year'] = yearRaw;
  if (monthRaw !== undefined && md && !isBareMonth(fs[iMonth]!))
    fields[LATEX_PREFIX + 'month'] = monthRaw;
  if (iDate >= 0) {
    rec.date = take(fields, iDate, 'date');
    const iso = splitIsoDate(rec.date);
    if (year !== null && (iso?.year ?? /^-?\d{4}/.exec(rec.date)?.[0]) === year) used[iYear] = 1;
    if (md && iso?.month === md.month && (md.day === undefined || md.day === iso.day))
      used[iMonth] = 1;
    if (day !== undefined && iso?.day === day) used[iDay] = 1;
  } else if (year !== null) {
    used[iYear] = 1;
    let d = day;
    if (md) {
      used[iMonth] = 1;
      d = md.day ?? day;
    }
    if (d !== undefined && day !== undefined && d === day) used[iDay] = 1;
    rec.date = composeDate(year, md?.month, md ? d : undefined);
  }
  if (iYear >= 0 && !used[iYear]) delete fields[LATEX_PREFIX + 'year'];
  if (iMonth >= 0 && !used[iMonth]) delete fields[LATEX_PREFIX + 'month'];

  if (iKeywords >= 0) {
    used[iKeywords] = 1;
    rec.tags = keywordTags(vals[iKeywords]!);
  }
  if (iFile >= 0) rec.files = filePaths(vals[iFile]!);

  for (let i = 0; i < n; i++) {
    if (used[i]) continue;
    const name = fs[i]!.name;
    fields[name] = keep(fields, name, vals[i]!, name);
  }

  const index = into.records.length;
  into.records.push(rec);
  const key = lowerKey(entry.key);
  into.keys.push(key);
  into.hashes.push(keyHash(key));
  if (iCrossref >= 0 || iXdata >= 0) {
    into.children.push({
      index,
      crossref: iCrossref < 0 ? '' : vals[iCrossref]!.trim().toLowerCase(),
      xdata:
        iXdata < 0
          ? NO_XDATA
          : vals[iXdata]!.split(',')
              .map((s) => s.trim().toLowerCase())
              .filter(Boolean),
    });
  }
}

/**
 * The type a BibTeX-profile export wrote as a standard one (types.ts), with the `type` key it
 * stood for taken back.
 */
function originalType(entry: RawEntry, iOriginal: number, fields: Record<string, string>): string {
  const fs = entry.fields;
  const n = fs.length;
  used[iOriginal] = 1;
  for (let i = 0; i < n; i++) {
    if (fs[i]!.name === TYPE_KEY_FIELD) {
      used[i] = 1;
      fields.type = vals[i]!;
    }
  }
  return vals[iOriginal]!.trim() || entry.type;
}

/** One warning per undefined macro use in the entry, as bibtex gives (then clears the list). */
function warnUndefined(entry: RawEntry, into: Collected): void {
  for (let i = 0; i < undefinedMacros.length; i += 2) {
    const [field, macro] = [undefinedMacros[i]!, undefinedMacros[i + 1]!];
    into.warnings.push({
      line: entry.line,
      reason: `${entry.key}: ${field} uses the undefined @string macro "${macro}"; its name is kept as the value`,
    });
  }
  undefinedMacros.length = 0;
}

/** `toLowerCase`, skipped for the usual key with no capital letter in it. */
function lowerKey(key: string): string {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return key.toLowerCase();
  }
  return key;
}

/**
 * A small hash of a lower-case key, taken while its text is in the cache: looking up 100k
 * cold key strings in a Set cost 33 ms of B1, comparing these numbers well under 1 ms.
 */
function keyHash(key: string): number {
  let h = key.length;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h & 0x3fffffff; // a small integer, so the array stays one of small integers
}

/** Fills title-less display columns from crossref/xdata parents, remembering what came from where. */
function inherit(c: Collected): void {
  if (c.children.length === 0) return;
  // only keys some entry points at need looking up (lower-casing every key was a tenth of B1)
  const wanted = new Set<string>();
  const linksOf = new Map<number, Child>();
  for (const ch of c.children) {
    if (ch.crossref) wanted.add(ch.crossref);
    for (const x of ch.xdata) wanted.add(x);
    linksOf.set(ch.index, ch);
  }
  const wantedHashes = new Set<number>();
  for (const k of wanted) wantedHashes.add(keyHash(k));
  const byKey = new Map<string, number>();
  const { keys, hashes } = c;
  for (let i = 0; i < hashes.length; i++) {
    if (!wantedHashes.has(hashes[i]!)) continue;
    const k = keys[i]!;
    if (wanted.has(k) && !byKey.has(k)) byKey.set(k, i);
  }
  const IN_TYPES = /^(in|bookin|supp)/;
  for (const ch of c.children) {
    const inherited: Inherited = {};
    const chain: number[] = [];
    const queue = ch.xdata.length === 0 ? [ch.crossref] : [...ch.xdata, ch.crossref];
    // parents, nearest first, following crossrefs of crossrefs a few levels deep (at most 8,
    // so a list is a faster "seen" than a Set)
    for (let q = 0; q < queue.length && chain.length < 8; q++) {
      const p = queue[q] ? byKey.get(queue[q]!) : undefined;
      if (p === undefined || p === ch.index || chain.includes(p)) continue;
      chain.push(p);
      const up = linksOf.get(p);
      if (up) queue.push(...up.xdata, up.crossref);
    }
    const r = c.records[ch.index]!;
    for (const p of chain) {
      const pr = c.records[p]!;
      if (r.creators.length === 0 && pr.creators.length > 0) {
        r.creators = pr.creators.map((cr) => ({ ...cr }));
        inherited.creators = r.creators;
      }
      if (!r.date && pr.date) r.date = inherited.date = pr.date;
      if (!r.venue) {
        const v = IN_TYPES.test(r.type) && !IN_TYPES.test(pr.type) ? pr.title : pr.venue;
        if (v) r.venue = inherited.venue = v;
      }
    }
    if (Object.keys(inherited).length > 0) r.fields[INHERITED] = JSON.stringify(inherited);
  }
}

export interface BibParseResult extends ParseResult {
  warnings: ImportProblem[];
  preambles: string[];
  comments: string[];
}

export function parseBibtex(text: string, file: string): BibParseResult {
  // Each entry becomes a record as soon as it is read, so its raw form dies young (most of the
  // parser's cost was garbage collection of raw entries kept for a second pass). Macros read
  // the definitions seen so far; should an @string define a name already looked up (BibTeX
  // wants definitions first, but our rule is that the last definition counts for every use),
  // the file is read again in two passes.
  let built = collected();
  const looked = new Set<string>();
  let late = false;
  let parsed = parseBib(text, {
    onEntry: (entry, bib) => build(entry, bib.strings, looked, built),
    onString: (name) => {
      if (looked.has(name)) late = true;
    },
  });
  if (late) {
    const again = parseBib(text);
    built = collected();
    for (const e of again.entries) build(e, again.strings, null, built);
    parsed = again;
  }
  inherit(built);
  return {
    records: built.records,
    problems: parsed.problems.map((p) => ({ file, line: p.line, reason: p.reason })),
    warnings: built.warnings.map((w) => ({ file, line: w.line, reason: w.reason })),
    preambles: parsed.preambles,
    comments: parsed.comments,
  };
}
