// RIS reader. Line-based and lenient: a record runs from `TY` to `ER`; lines without a tag
// continue the previous value; anything malformed skips only its own record, with its line.
import type { ImportProblem, ImportRecord, ParseResult } from '../../../shared/domain/import';
import { CREATOR_ROLES, type CreatorRole } from '../../../shared/domain/item';
import type { ImportFormat } from './format';
import {
  addField,
  collectRecords,
  cleanDoi,
  creator,
  emptyRecord,
  normaliseDate,
  normaliseText,
  parsePersonName,
  parseTaggedName,
  problem,
  venueIsContainer,
} from './record';
import { BOOKISH, FIELD_NOTE, FIELD_TAGS, RIS_TO_TYPE } from './ris-map';
import { own } from './own';

// The spec says two spaces before the dash; some exporters write one.
const TAG_LINE = /^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$/;
const FIELD_BY_TAG = new Map(FIELD_TAGS);
// the value may be empty: `key = {}` is written `BibLaTeX key: ` and read with the space trimmed
const N1_FIELD = new RegExp(`^${FIELD_NOTE}([A-Za-z][\\w+.:-]*):(?: ([^]*))?$`);
const ROLES = new Set<string>(CREATOR_ROLES);

interface RawRecord {
  line: number;
  tags: [tag: string, value: string][];
  closed: boolean;
}

function collect(text: string, file: string, problems: ImportProblem[]): RawRecord[] {
  // Tags are found on lines with no-break spaces made plain; values are read from the lines as
  // they are, since a no-break space there is content (a BibTeX tie: `J.~Amer.`).
  const lines = normaliseText(text).split('\n');
  const kept = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const out: RawRecord[] = [];
  let cur: RawRecord | null = null;
  let strayLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = kept[i]!;
    const m = TAG_LINE.exec(lines[i]!.trimEnd());
    if (!m) {
      if (cur && cur.tags.length > 0 && (raw.trim() || raw.startsWith('  '))) {
        // Continuation of a wrapped value; our writer indents such lines by two spaces.
        const last = cur.tags[cur.tags.length - 1]!;
        last[1] += '\n' + (raw.startsWith('  ') ? raw.slice(2) : raw).trimEnd();
      }
      // Plain text outside records (publishers' "Provider: …" headers) is ignored.
      continue;
    }
    const tag = m[1]!;
    const end = raw.trimEnd().length; // the same length as the probed line's
    const value = m[2] ? raw.slice(end - m[2].length, end).trim() : '';
    if (tag === 'TY') {
      if (cur) out.push(cur); // a missing ER is forgiven: the next TY ends the record
      if (strayLine) {
        problems.push(
          problem(
            file,
            strayLine,
            'tagged lines outside a record (no TY line before them) skipped',
          ),
        );
        strayLine = 0;
      }
      cur = { line: i + 1, tags: [['TY', value]], closed: false };
    } else if (tag === 'ER') {
      if (cur) {
        cur.closed = true;
        out.push(cur);
        cur = null;
      } else if (!strayLine) strayLine = i + 1;
    } else if (cur) cur.tags.push([tag, value]);
    else if (!strayLine) strayLine = i + 1;
  }
  if (cur) out.push(cur);
  if (strayLine)
    problems.push(
      problem(file, strayLine, 'tagged lines outside a record (no TY line before them) skipped'),
    );
  return out;
}

function toRecord(raw: RawRecord): ImportRecord | string {
  const ty = (raw.tags[0]?.[1] ?? '').toUpperCase();
  if (!ty) return 'record has an empty TY (type) line';
  const rec = emptyRecord(own(RIS_TO_TYPE, ty) ?? 'misc', raw.line);
  if (!own(RIS_TO_TYPE, ty)) rec.fields['ris-ty'] = ty;
  const containers: string[] = [];
  const urls: string[] = [];
  let py = '';
  let da = '';
  let sp = '';
  let ep = '';
  const sn: string[] = [];
  const pb: string[] = [];
  for (const [tag, value] of raw.tags.slice(1)) {
    if (!value) continue;
    switch (tag) {
      case 'AU':
      case 'A1':
      case 'A2':
      case 'ED':
      case 'A4': {
        const role =
          tag === 'A2' || tag === 'ED' ? 'editor' : tag === 'A4' ? 'translator' : 'author';
        const c = parseTaggedName(value, role);
        if (c) rec.creators.push(c);
        break;
      }
      case 'TI':
      case 'T1':
        if (!rec.title) rec.title = value;
        else addField(rec.fields, 'ris-' + tag.toLowerCase(), value);
        break;
      case 'T2':
      case 'JF':
      case 'JO':
      case 'BT':
      case 'JA':
        containers.push(tag, value);
        break;
      case 'PY':
      case 'Y1':
        py ||= value;
        break;
      case 'DA':
        da ||= value;
        break;
      case 'SP':
        sp = value;
        break;
      case 'EP':
        ep = value;
        break;
      case 'DO':
        rec.doi ||= cleanDoi(value);
        break;
      case 'UR':
        urls.push(value);
        break;
      case 'L1':
        rec.files.push(value);
        break;
      case 'AB':
      case 'N2':
        if (!rec.abstract) rec.abstract = value;
        else addField(rec.fields, 'ris-' + tag.toLowerCase(), value);
        break;
      case 'KW':
        for (const k of value.split(/\n|;/)) if (k.trim()) rec.tags.push(k.trim());
        break;
      case 'PB':
        pb.push(value);
        break;
      case 'SN':
        sn.push(value);
        break;
      case 'ID':
        if (!rec.citationKey && /^[A-Za-z][\w:.+/-]*$/.test(value)) rec.citationKey = value;
        else addField(rec.fields, 'ris-id', value);
        break;
      case 'N1': {
        // field names as the writer writes them, `latex:title` and `shelfmark:venue` included
        const m = N1_FIELD.exec(value);
        if (m && m[1] === 'entrytype') rec.type = m[2] ?? '';
        else if (m && ROLES.has(m[1]!)) {
          const lit = /^\{(.*)\}$/s.exec(m[2] ?? '');
          const c = lit
            ? creator(m[1] as CreatorRole, { literal: lit[1]! })
            : parsePersonName(m[2] ?? '', m[1] as CreatorRole);
          if (c) rec.creators.push(c);
        } else if (m) rec.fields[m[1]!] = m[2] ?? '';
        else addField(rec.fields, 'note', value);
        break;
      }
      case 'Y2':
        rec.fields.urldate ??= normaliseDate(value);
        break;
      default: {
        const field = FIELD_BY_TAG.get(tag);
        addField(rec.fields, field ?? 'ris-' + tag.toLowerCase(), value);
      }
    }
  }
  finish(rec, { containers, urls, py, da, sp, ep, sn, pb });
  // a citation key names a real entry (a BibLaTeX @xdata or a minimal @misc has no title)
  if (!rec.title && !rec.doi && rec.creators.length === 0 && !rec.url && !rec.citationKey)
    return 'record has no title, author, DOI or URL';
  return rec;
}

function finish(
  rec: ImportRecord,
  p: {
    containers: string[];
    urls: string[];
    py: string;
    da: string;
    sp: string;
    ep: string;
    sn: string[];
    pb: string[];
  },
): void {
  // Container titles: the first one names the venue for journal/book parts; the rest are kept.
  for (let i = 0; i < p.containers.length; i += 2) {
    const tag = p.containers[i]!;
    const value = p.containers[i + 1]!;
    if (!rec.venue && venueIsContainer(rec.type)) rec.venue = value;
    else if (value !== rec.venue)
      addField(rec.fields, tag === 'T2' ? 'ris-t2' : 'ris-' + tag.toLowerCase(), value);
  }
  // Publisher: the venue of books, reports and theses; a plain field for journal articles.
  const pb = [...p.pb];
  if (!venueIsContainer(rec.type) && pb.length) rec.venue = pb.shift()!;
  for (const v of pb) addField(rec.fields, 'publisher', v);
  const [url, ...more] = p.urls;
  rec.url = url ?? '';
  if (more.length) rec.fields['ris-ur'] = more.join('\n');
  const da = p.da ? normaliseDate(p.da) : '';
  const py = p.py ? normaliseDate(p.py) : '';
  rec.date = da.length >= py.length ? da : py;
  // a `BibLaTeX pages:` note is the exact stored spelling our writer adds next to SP/EP
  if (rec.fields.pages === undefined) {
    if (p.sp && p.ep) rec.fields.pages = `${p.sp}--${p.ep}`;
    else if (p.sp || p.ep) rec.fields.pages = p.sp || p.ep;
  }
  for (const s of p.sn) addField(rec.fields, BOOKISH.has(rec.type) ? 'isbn' : 'issn', s);
}

function parse(text: string, file: string): ParseResult {
  const problems: ImportProblem[] = [];
  return collectRecords(file, problems, collect(text, file, problems), toRecord);
}

export const risFormat: ImportFormat = {
  id: 'ris',
  label: 'RIS',
  extensions: ['ris'],
  detect(text) {
    const head = text.slice(0, 20_000);
    if (/^\uFEFF?TY {1,2}- ?[A-Z]/m.test(head)) return /^ER {1,2}-/m.test(text) ? 0.95 : 0.8;
    return 0;
  },
  parse,
};
