// Raw BibTeX entries → import records. Display values are Unicode; whenever the LaTeX source
// says more than its Unicode (braces, commands, line breaks), it is kept in `fields` under
// `latex:<name>` so the export can re-emit it exactly (`{BERT}` stays protected).
import type { Creator } from '../../../../shared/domain/item';
import type { ImportRecord, ParseResult } from '../../../../shared/domain/import';
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
import { parseBibNames } from './names';
import { unicodeToLatex } from './unicode-to-latex';
import { type BibFile, type Piece, parseBib } from './parse';

export const LATEX_PREFIX = 'latex:';
/** JSON of the display values filled in from a crossref/xdata parent, omitted again on export. */
export const INHERITED = 'shelfmark:inherited';

export type Inherited = { creators?: Creator[]; date?: string; venue?: string };

function expand(pieces: readonly Piece[], strings: BibFile['strings'], depth = 0): string {
  let out = '';
  for (const p of pieces) {
    if (p.t !== 'macro') {
      out += p.v;
      continue;
    }
    const name = p.v.toLowerCase();
    const def = depth < 16 ? strings.get(name) : undefined;
    if (def) out += expand(def, strings, depth + 1);
    else {
      const m = (MONTH_MACROS as readonly string[]).indexOf(name);
      // an undefined macro: BibTeX warns and uses nothing; keeping its name loses less
      out += m >= 0 ? MONTH_NAMES[m]! : p.v;
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

/** The month and day a month field means, from its pieces (a bare `jul` macro included). */
function monthOf(pieces: readonly Piece[], raw: string): { month: number; day?: number } | null {
  const only = pieces.length === 1 ? pieces[0]! : null;
  if (only?.t === 'macro') {
    const m = (MONTH_MACROS as readonly string[]).indexOf(only.v.toLowerCase());
    if (m >= 0) return { month: m + 1 };
  }
  return parseMonthDay(latexToUnicode(raw));
}

function isBareMonth(pieces: readonly Piece[]): boolean {
  const only = pieces.length === 1 ? pieces[0]! : null;
  return (
    only !== null &&
    ((only.t === 'macro' && (MONTH_MACROS as readonly string[]).includes(only.v.toLowerCase())) ||
      (only.t === 'num' && Number(only.v) >= 1 && Number(only.v) <= 12))
  );
}

/** Keywords split at `,` or `;` outside braces (`{,}` protects a comma inside one tag). */
function splitKeywords(raw: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 123) depth++;
    else if (c === 125) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === 44 || c === 59)) {
      out.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  out.push(raw.slice(start));
  return out;
}

const NAME_MARKUP = /[{}\\~$]/;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** True when the export would write `raw` again from its display value alone. */
function regenerates(name: string, raw: string, display: string): boolean {
  // the export never writes line breaks or runs of spaces: such a source is always kept
  if (raw.includes('\n') || raw.includes('  ')) return false;
  const protectCase = TITLE_FIELDS.has(name);
  if (raw === unicodeToLatex(display, { ascii: false, protectCase })) return true;
  return NON_ASCII.test(display) && raw === unicodeToLatex(display, { ascii: true, protectCase });
}

interface Built {
  record: ImportRecord;
  crossref: string;
  xdata: string[];
}

function build(entry: BibFile['entries'][number], strings: BibFile['strings']): Built {
  const fields: Record<string, string> = {};
  const raw = new Map<string, string>();
  const pieces = new Map<string, Piece[]>();
  for (const f of entry.fields) {
    raw.set(f.name, expand(f.pieces, strings));
    pieces.set(f.name, f.pieces);
  }
  const keep = (name: string, value: string, latexName = name): string => {
    const display = displayOf(name, value);
    if (display !== value && !regenerates(name, value, display))
      fields[LATEX_PREFIX + latexName] = value;
    return display;
  };
  const take = (name: string): string => {
    const v = raw.get(name);
    if (v === undefined) return '';
    raw.delete(name);
    return keep(name, v);
  };
  const rec: ImportRecord = {
    type: entry.type,
    citationKey: entry.key,
    title: take('title'),
    date: '',
    venue: '',
    doi: (raw.get('doi') ?? '').trim(),
    url: (raw.get('url') ?? '').trim(),
    abstract: take('abstract'),
    creators: [],
    fields,
    tags: [],
    files: [],
    line: entry.line,
  };
  raw.delete('doi');
  raw.delete('url');

  for (const role of NAME_FIELDS) {
    const v = raw.get(role);
    if (v === undefined) continue;
    raw.delete(role);
    const names = namesOf(role, v);
    rec.creators.push(...names);
    // only markup needs the source kept: plain names are rewritten as `Last, First` losslessly
    if (NAME_MARKUP.test(v)) fields[LATEX_PREFIX + role] = v;
  }

  for (const name of venueFields(entry.type)) {
    if (raw.has(name)) {
      if (venueTarget(entry.type, true, name) !== venueTarget(entry.type, true))
        fields[VENUE_SOURCE] = name;
      const v = raw.get(name)!;
      raw.delete(name);
      rec.venue = keep(name, v, 'venue');
      break;
    }
  }

  // Dates: a biblatex `date` wins; year/month/day fold into it when they agree with it.
  const yearRaw = raw.get('year');
  const monthRaw = raw.get('month');
  const dayRaw = raw.get('day');
  const year = yearRaw === undefined ? null : cleanYear(latexToUnicode(yearRaw));
  const md = monthRaw === undefined ? null : monthOf(pieces.get('month')!, monthRaw);
  const day = dayRaw === undefined ? undefined : Number(latexToUnicode(dayRaw)) || undefined;
  if (yearRaw !== undefined && year !== null && yearRaw !== year)
    fields[LATEX_PREFIX + 'year'] = yearRaw;
  if (monthRaw !== undefined && md && !isBareMonth(pieces.get('month')!))
    fields[LATEX_PREFIX + 'month'] = monthRaw;
  if (raw.has('date')) {
    rec.date = take('date');
    const iso = splitIsoDate(rec.date);
    if (year !== null && (iso?.year ?? /^-?\d{4}/.exec(rec.date)?.[0]) === year) raw.delete('year');
    if (md && iso?.month === md.month && (md.day === undefined || md.day === iso.day))
      raw.delete('month');
    if (day !== undefined && iso?.day === day) raw.delete('day');
  } else if (year !== null) {
    raw.delete('year');
    let d = day;
    if (md) {
      raw.delete('month');
      d = md.day ?? day;
    }
    if (d !== undefined && day !== undefined && d === day) raw.delete('day');
    rec.date = composeDate(year, md?.month, md ? d : undefined);
  }
  if (raw.has('year')) delete fields[LATEX_PREFIX + 'year'];
  if (raw.has('month')) delete fields[LATEX_PREFIX + 'month'];

  const keywords = raw.get('keywords');
  if (keywords !== undefined) {
    raw.delete('keywords');
    rec.tags = splitKeywords(keywords)
      .map((t) => latexToUnicode(t).trim())
      .filter(Boolean);
  }
  const file = raw.get('file');
  if (file !== undefined) rec.files = filePaths(file);

  for (const [name, v] of raw) fields[name] = keep(name, v);

  return {
    record: rec,
    crossref: (raw.get('crossref') ?? '').trim().toLowerCase(),
    xdata: (raw.get('xdata') ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  };
}

/** Fills title-less display columns from crossref/xdata parents, remembering what came from where. */
function inherit(built: Built[]): void {
  const byKey = new Map<string, Built>();
  for (const b of built) {
    const k = (b.record.citationKey ?? '').toLowerCase();
    if (!byKey.has(k)) byKey.set(k, b);
  }
  const IN_TYPES = /^(in|bookin|supp)/;
  for (const b of built) {
    if (!b.crossref && b.xdata.length === 0) continue;
    const inherited: Inherited = {};
    const chain: Built[] = [];
    const seen = new Set<Built>([b]);
    const queue = [...b.xdata, b.crossref].filter(Boolean);
    // parents, nearest first, following crossrefs of crossrefs a few levels deep
    while (queue.length > 0 && chain.length < 8) {
      const p = byKey.get(queue.shift()!);
      if (!p || seen.has(p)) continue;
      seen.add(p);
      chain.push(p);
      queue.push(...p.xdata, p.crossref);
    }
    const r = b.record;
    for (const p of chain) {
      const pr = p.record;
      if (r.creators.length === 0 && pr.creators.length > 0) {
        r.creators = pr.creators.map((c) => ({ ...c }));
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
  preambles: string[];
  comments: string[];
}

export function parseBibtex(text: string, file: string): BibParseResult {
  const parsed = parseBib(text);
  const built = parsed.entries.map((e) => build(e, parsed.strings));
  inherit(built);
  return {
    records: built.map((b) => b.record),
    problems: parsed.problems.map((p) => ({ file, line: p.line, reason: p.reason })),
    preambles: parsed.preambles,
    comments: parsed.comments,
  };
}
