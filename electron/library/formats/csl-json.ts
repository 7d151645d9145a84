// CSL-JSON reader. The whole file is parsed with JSON.parse when it is valid; when it is not,
// each top-level array element is parsed on its own so one broken entry skips only itself.
import { CREATOR_ROLES, type Creator } from '../../../shared/domain/item';
import type { ImportProblem, ImportRecord, ParseResult } from '../../../shared/domain/import';
import type { ImportFormat } from './format';
import {
  CSL_DATES,
  CSL_FIELDS,
  CSL_ROLES,
  CSL_TO_TYPE,
  CUSTOM_FIELDS,
  CUSTOM_TYPE,
} from './csl-map';
import {
  cleanDoi,
  creator,
  emptyRecord,
  normaliseDate,
  normaliseText,
  problem,
  venueIsContainer,
} from './record';
import { own } from './own';

interface Span {
  start: number;
  end: number;
}

/**
 * Start/end offsets of the elements of a top-level JSON array, found by tracking strings and
 * nesting depth only (iteratively, so deep nesting cannot overflow the stack).
 */
export function topLevelElements(text: string): Span[] | null {
  let i = text.indexOf('[');
  if (i < 0 || text.slice(0, i).trim()) return null;
  const spans: Span[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (i = i + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      // A raw line break cannot occur inside a JSON string: an unclosed quote ends at the line.
      else if (ch === '"' || ch === '\n') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (depth === 0 && (ch === ',' || ch === ']')) {
      if (start >= 0) spans.push({ start, end: i });
      start = -1;
      if (ch === ']') return spans;
      continue;
    }
    if (start < 0 && !/\s/.test(ch)) start = i;
    if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && depth > 0) depth--;
  }
  if (start >= 0) spans.push({ start, end: text.length });
  return spans;
}

function lineAt(text: string, offset: number): number {
  return linesAt(text, [offset])[0]!;
}

/** 1-based lines of ascending offsets, in one pass over the text (not one pass per offset). */
function linesAt(text: string, offsets: readonly number[]): number[] {
  const out: number[] = [];
  let line = 1;
  let i = 0;
  for (const off of offsets) {
    for (; i < off && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    out.push(line);
  }
  return out;
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';

function part(v: unknown): string {
  const s = str(v);
  return /^-?\d+$/.test(s) ? s : '';
}

/** A CSL date object → `2019-05-14`, `2019-05/2019-06`, or the literal text. */
export function cslDate(v: unknown): string {
  if (typeof v === 'string') return normaliseDate(v);
  if (!v || typeof v !== 'object') return '';
  const d = v as Record<string, unknown>;
  const parts = d['date-parts'];
  if (Array.isArray(parts) && parts.length > 0) {
    const one = (p: unknown): string => {
      if (!Array.isArray(p)) return '';
      const [y, m, day] = p.map(part);
      if (!y) return '';
      const pad = (s: string) => s.padStart(2, '0');
      return [y.padStart(4, '0'), m ? pad(m) : '', m && day ? pad(day) : '']
        .filter(Boolean)
        .join('-');
    };
    const from = one(parts[0]);
    const to = parts.length > 1 ? one(parts[1]) : '';
    if (from) return to && to !== from ? `${from}/${to}` : from;
  }
  if (str(d.literal)) return str(d.literal);
  if (str(d.raw)) return normaliseDate(str(d.raw));
  return '';
}

function cslName(v: unknown, role: Creator['role']): Creator | null {
  if (typeof v === 'string') return v.trim() ? creator(role, { literal: v.trim() }) : null;
  if (!v || typeof v !== 'object') return null;
  const n = v as Record<string, unknown>;
  if (str(n.literal)) return creator(role, { literal: str(n.literal) });
  const prefix = [str(n['dropping-particle']), str(n['non-dropping-particle'])]
    .filter(Boolean)
    .join(' ');
  const c = creator(role, {
    family: str(n.family),
    given: str(n.given),
    prefix,
    suffix: str(n.suffix),
  });
  return c.family || c.given ? c : null;
}

const FIELD_BY_CSL = new Map(CSL_FIELDS);
const HANDLED = new Set([
  'type',
  'id',
  'citation-key',
  'title',
  'container-title',
  'publisher',
  'issued',
  'DOI',
  'URL',
  'abstract',
  'keyword',
  'page',
  'issue',
  'number',
  'custom',
  ...CSL_ROLES.map(([c]) => c),
  ...CSL_DATES.map(([c]) => c),
]);

function toRecord(entry: unknown, line: number): ImportRecord | string {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry))
    return 'entry is not a JSON object';
  const e = entry as Record<string, unknown>;
  const cslType = str(e.type);
  const rec = emptyRecord(own(CSL_TO_TYPE, cslType) ?? 'misc', line);
  if (cslType && !own(CSL_TO_TYPE, cslType)) rec.fields['csl-type'] = cslType;
  const custom =
    e.custom && typeof e.custom === 'object' ? (e.custom as Record<string, unknown>) : {};
  if (str(custom[CUSTOM_TYPE])) rec.type = str(custom[CUSTOM_TYPE]);
  const key = str(e['citation-key']) || str(e.id);
  if (key && /^[^\s,{}#%"'()=\\~]+$/.test(key) && !/^\d+$/.test(key)) rec.citationKey = key;
  rec.title = str(e.title);
  rec.date = cslDate(e.issued);
  rec.doi = cleanDoi(str(e.DOI));
  rec.url = str(e.URL);
  rec.abstract = str(e.abstract);
  const container = str(e['container-title']);
  const publisher = str(e.publisher);
  if (venueIsContainer(rec.type)) {
    rec.venue = container;
    if (publisher) rec.fields.publisher = publisher;
  } else {
    rec.venue = publisher;
    if (container) rec.fields.booktitle = container;
  }
  const page = str(e.page);
  if (page) rec.fields.pages = page.replace(/^\s*(\w+)\s*[-–]\s*(\w+)\s*$/, '$1--$2');
  const issue = str(e.issue);
  const number = str(e.number);
  if (issue) rec.fields.number = issue;
  if (number) rec.fields[issue ? 'csl-number' : 'number'] = number;
  const kw = e.keyword;
  const kws = Array.isArray(kw) ? kw.map(str) : str(kw).split(/\s*[,;]\s*/);
  rec.tags = kws.filter(Boolean);
  for (const [csl, role] of CSL_ROLES) {
    const names = e[csl];
    if (!Array.isArray(names)) continue;
    for (const n of names) {
      const c = cslName(n, role);
      if (c) rec.creators.push(c);
    }
  }
  for (const [csl, field] of CSL_DATES) {
    const d = cslDate(e[csl]);
    if (d) rec.fields[field] = d;
  }
  for (const [name, value] of Object.entries(e)) {
    if (HANDLED.has(name)) continue;
    const s = str(value);
    if (!s) continue;
    const field = FIELD_BY_CSL.get(name);
    if (field) rec.fields[field] ??= s;
    else rec.fields[`csl-${name}`] = s;
  }
  const more = custom['biblatex-creators'];
  if (Array.isArray(more))
    for (const m of more) {
      const role = m && typeof m === 'object' ? str((m as Record<string, unknown>).role) : '';
      if (!(CREATOR_ROLES as readonly string[]).includes(role)) continue;
      const n = m as Record<string, unknown>;
      const c = creator(role as Creator['role'], {
        family: str(n.family),
        given: str(n.given),
        prefix: str(n.prefix),
        suffix: str(n.suffix),
        literal: str(n.literal),
      });
      if (c.family || c.given || c.literal) rec.creators.push(c);
    }
  const extra = custom[CUSTOM_FIELDS];
  if (extra && typeof extra === 'object')
    for (const [k, v] of Object.entries(extra as Record<string, unknown>))
      if (typeof v === 'string') rec.fields[k] = v;
  // an explicit citation key names a real entry (a BibLaTeX @xdata or a minimal @misc has no title)
  if (!rec.title && rec.creators.length === 0 && !rec.doi && !rec.url && !rec.citationKey)
    return 'entry has no title, author, DOI or URL';
  return rec;
}

const NO_BREAK = /[\u00A0\u2007\u202F]/;

function parsesAsIs(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parse(input: string, file: string): ParseResult {
  // A no-break space inside a string is content (a BibTeX tie: `J.~Amer.`); only JSON that
  // does not parse with them (indented with them, pasted from a web page) has them made spaces.
  const kept = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const text = NO_BREAK.test(kept) && !parsesAsIs(kept) ? normaliseText(input) : kept;
  const problems: ImportProblem[] = [];
  const records: ImportRecord[] = [];
  const spans = topLevelElements(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    if (!spans) {
      const pos = /position (\d+)/.exec(String(err))?.[1];
      const line = pos ? lineAt(text, Number(pos)) : 1;
      return {
        records,
        problems: [problem(file, line, `not valid JSON: ${(err as Error).message}`)],
      };
    }
    const starts = linesAt(
      text,
      spans.map((s) => s.start),
    );
    for (const [k, s] of spans.entries()) {
      const line = starts[k]!;
      let entry: unknown;
      try {
        entry = JSON.parse(text.slice(s.start, s.end));
      } catch (e) {
        problems.push(problem(file, line, `entry is not valid JSON: ${(e as Error).message}`));
        continue;
      }
      const r = toRecord(entry, line);
      if (typeof r === 'string') problems.push(problem(file, line, r));
      else records.push(r);
    }
    return { records, problems };
  }
  let list: unknown[];
  if (Array.isArray(data)) list = data;
  else if (data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items))
    list = (data as { items: unknown[] }).items;
  else list = [data];
  const lines =
    spans && spans.length === list.length
      ? linesAt(
          text,
          spans.map((s) => s.start),
        )
      : null;
  list.forEach((entry, i) => {
    const line = lines?.[i] ?? 1;
    const r = toRecord(entry, line);
    if (typeof r === 'string') problems.push(problem(file, line, `entry ${i + 1}: ${r}`));
    else records.push(r);
  });
  return { records, problems };
}

export const cslJsonFormat: ImportFormat = {
  id: 'csljson',
  label: 'CSL-JSON',
  extensions: ['json'],
  detect(text) {
    const t = text.replace(/^\uFEFF/, '').trimStart();
    if (!t.startsWith('[') && !t.startsWith('{')) return 0;
    const head = t.slice(0, 20_000);
    if (/"type"\s*:/.test(head) && /"(title|id|author|issued)"\s*:/.test(head)) return 0.9;
    return 0.3;
  },
  parse,
};
