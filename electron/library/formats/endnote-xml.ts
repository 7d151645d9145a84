// EndNote XML reader. Each <record> is validated and parsed on its own (fast-xml-parser), so a
// broken record skips only itself and its problem carries the line it starts on.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ImportProblem, ImportRecord, ParseResult } from '../../../shared/domain/import';
import type { CreatorRole } from '../../../shared/domain/item';
import { ENDNOTE_TYPE_NUMBERS, endnoteType } from './endnote-map';
import type { ImportFormat } from './format';
import {
  addField,
  cleanDoi,
  emptyRecord,
  normaliseDate,
  normaliseText,
  parseTaggedName,
  problem,
  venueIsContainer,
} from './record';
import { own } from './own';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  trimValues: false,
  // No entity expansion beyond the XML built-ins: a record cannot grow itself. `htmlEntities`
  // is what decodes character references (&#252; &#xE9;), plus a fixed handful of named ones
  // (&nbsp; &copy; …); none of them can grow, and &amp; is still decoded last.
  processEntities: true,
  htmlEntities: true,
});

type Node = unknown;

/** All text under a node, in document order as far as the parsed object keeps it. */
function textOf(node: Node): string {
  const out: string[] = [];
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop();
    if (typeof n === 'string' || typeof n === 'number') out.push(String(n));
    else if (Array.isArray(n)) for (let i = n.length - 1; i >= 0; i--) stack.push(n[i]);
    else if (n && typeof n === 'object') {
      const entries = Object.entries(n).filter(([k]) => !k.startsWith('@'));
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]![1]);
    }
  }
  return out.join('').replace(/\s+/g, ' ').trim();
}

function child(node: Node, ...path: string[]): Node {
  let n = node;
  for (const p of path) {
    if (Array.isArray(n)) n = n[0];
    n = n && typeof n === 'object' ? (n as Record<string, Node>)[p] : undefined;
  }
  return n;
}

function list(node: Node): Node[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

const text = (node: Node, ...path: string[]): string => textOf(child(node, ...path));

/** Elements mapped to a field of their own; all other leaf elements are kept as `endnote-<name>`. */
const FIELDS: Record<string, string> = {
  volume: 'volume',
  number: 'number',
  issue: 'number',
  edition: 'edition',
  section: 'section',
  'pub-location': 'location',
  language: 'language',
  notes: 'note',
  'work-type': 'type',
  'accession-num': 'accession',
  'call-num': 'callnumber',
  'auth-address': 'affiliation',
  'access-date': 'urldate',
  'num-vols': 'volumes',
};
const SKIP = new Set([
  'database',
  'source-app',
  'rec-number',
  'foreign-keys',
  'ref-type',
  'contributors',
  'titles',
  'periodical',
  'alt-periodical',
  'dates',
  'urls',
  'keywords',
  'pages',
  'isbn',
  'electronic-resource-num',
  'abstract',
  'publisher',
  'label',
]);
const ROLES: [string, CreatorRole][] = [
  ['authors', 'author'],
  ['secondary-authors', 'editor'],
  ['tertiary-authors', 'editora'],
  ['subsidiary-authors', 'translator'],
  ['translated-authors', 'translator'],
];

function toRecord(r: Record<string, Node>, line: number): ImportRecord | string {
  const refType = child(r, 'ref-type');
  const typeName =
    (refType && typeof refType === 'object'
      ? String((refType as Record<string, unknown>)['@name'] ?? '')
      : '') ||
    own(ENDNOTE_TYPE_NUMBERS, textOf(refType)) ||
    '';
  const rec = emptyRecord(typeName ? endnoteType(typeName) : 'misc', line);
  if (typeName && rec.type === 'misc' && typeName.toLowerCase() !== 'generic')
    rec.fields['endnote-type'] = typeName;
  for (const [el, role] of ROLES)
    for (const a of list(child(r, 'contributors', el, 'author'))) {
      const c = parseTaggedName(textOf(a), role);
      if (c) rec.creators.push(c);
    }
  rec.title = text(r, 'titles', 'title');
  const secondary = text(r, 'titles', 'secondary-title');
  const journal = text(r, 'periodical', 'full-title') || text(r, 'alt-periodical', 'full-title');
  const container = rec.type === 'article' ? journal || secondary : secondary || journal;
  if (venueIsContainer(rec.type)) rec.venue = container;
  else if (secondary) rec.fields.booktitle = secondary;
  if (journal && journal !== rec.venue) rec.fields.journaltitle = journal;
  const extraTitles: [string, string][] = [
    ['tertiary-title', 'series'],
    ['alt-title', 'endnote-alt-title'],
    ['short-title', 'shorttitle'],
    ['translated-title', 'origtitle'],
  ];
  for (const [el, f] of extraTitles)
    if (text(r, 'titles', el)) rec.fields[f] = text(r, 'titles', el);
  const abbr = text(r, 'periodical', 'abbr-1');
  if (abbr) rec.fields.shortjournal = abbr;
  const year = text(r, 'dates', 'year');
  const pubDate = text(r, 'dates', 'pub-dates', 'date');
  const full =
    pubDate && year && !pubDate.includes(year)
      ? normaliseDate(`${pubDate} ${year}`)
      : normaliseDate(pubDate);
  rec.date = /^\d{4}-\d{2}/.test(full) ? full : normaliseDate(year);
  if (pubDate && !/^\d{4}-\d{2}/.test(full)) rec.fields['endnote-pub-date'] = pubDate;
  const pages = text(r, 'pages');
  if (pages) rec.fields.pages = pages.replace(/^\s*(\w+)\s*[-–]+\s*(\w+)\s*$/, '$1--$2');
  const isbn = text(r, 'isbn');
  if (isbn) rec.fields[rec.type === 'article' ? 'issn' : 'isbn'] = isbn;
  const doi = text(r, 'electronic-resource-num');
  if (doi) rec.doi = cleanDoi(doi);
  const urls = [
    ...list(child(r, 'urls', 'related-urls', 'url')),
    ...list(child(r, 'urls', 'web-urls', 'url')),
  ]
    .map(textOf)
    .filter(Boolean);
  rec.url = urls[0] ?? '';
  if (urls.length > 1) rec.fields['endnote-urls'] = urls.slice(1).join('\n');
  rec.files = list(child(r, 'urls', 'pdf-urls', 'url'))
    .map(textOf)
    .filter(Boolean);
  rec.abstract = text(r, 'abstract');
  for (const k of list(child(r, 'keywords', 'keyword')))
    for (const t of textOf(k).split(/;/)) if (t.trim()) rec.tags.push(t.trim());
  const publisher = text(r, 'publisher');
  if (publisher) {
    if (venueIsContainer(rec.type)) rec.fields.publisher = publisher;
    else rec.venue = publisher;
  }
  const label = text(r, 'label');
  if (label && /^[A-Za-z][\w:.+/-]*$/.test(label)) rec.citationKey = label;
  else if (label) rec.fields.label = label;
  for (const [name, value] of Object.entries(r)) {
    if (SKIP.has(name) || name.startsWith('@') || name === '#text') continue;
    const v = textOf(value);
    if (v) addField(rec.fields, own(FIELDS, name) ?? `endnote-${name}`, v);
  }
  if (!rec.title && rec.creators.length === 0 && !rec.doi && !rec.url)
    return 'record has no title, author, DOI or URL';
  return rec;
}

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function parse(input: string, file: string): ParseResult {
  const src = normaliseText(input);
  const problems: ImportProblem[] = [];
  const records: ImportRecord[] = [];
  const re = /<record\b[^>]*>[\s\S]*?<\/record\s*>/g;
  let m: RegExpExecArray | null;
  let last = 0;
  let line = 1;
  while ((m = re.exec(src))) {
    line += lineAt(src.slice(last, m.index), m.index - last) - 1;
    last = m.index;
    const chunk = m[0];
    const valid = XMLValidator.validate(chunk);
    if (valid !== true) {
      problems.push(problem(file, line + valid.err.line - 1, `malformed XML: ${valid.err.msg}`));
      continue;
    }
    try {
      // EndNote wraps text runs in <style> (and HTML-like) elements; dropping the tags keeps
      // mixed text in order ("Deep <style>cats</style> and dogs"), which the parsed object loses.
      const flat = chunk.replace(/<\/?(?:style|b|i|u|sup|sub)\b[^>]*>/gi, '');
      const parsed = parser.parse(flat) as { record?: Record<string, Node> };
      const r = toRecord(
        parsed.record && typeof parsed.record === 'object' ? parsed.record : {},
        line,
      );
      if (typeof r === 'string') problems.push(problem(file, line, r));
      else records.push(r);
    } catch (err) {
      problems.push(problem(file, line, `record could not be read: ${(err as Error).message}`));
    }
  }
  if (records.length === 0 && problems.length === 0)
    problems.push(problem(file, 1, 'no <record> elements found: not an EndNote XML export'));
  return { records, problems };
}

export const endnoteXmlFormat: ImportFormat = {
  id: 'endnote-xml',
  label: 'EndNote XML',
  extensions: ['xml'],
  detect(text) {
    const head = text.slice(0, 20_000);
    if (/<xml>\s*<records>/.test(head) || (/<record>/.test(head) && /<ref-type\b/.test(head)))
      return 0.95;
    if (/<records>/.test(head) && /<titles>/.test(head)) return 0.7;
    return 0;
  },
  parse,
};
