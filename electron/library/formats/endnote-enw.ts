// EndNote tagged (.enw, refer) reader: `%X value` lines, a record per blank-line-separated
// block starting at `%0`. Lines without a tag continue the previous value.
import type { ImportProblem, ImportRecord, ParseResult } from '../../../shared/domain/import';
import { endnoteType } from './endnote-map';
import type { ImportFormat } from './format';
import {
  addField,
  collectRecords,
  cleanDoi,
  emptyRecord,
  normaliseDate,
  normaliseText,
  parseTaggedName,
  venueIsContainer,
} from './record';
import { type TaggedBlock, type TaggedSyntax, taggedBlocks } from './tagged-blocks';

const SYNTAX: TaggedSyntax = {
  tagLine: /^%(\S) ?(.*)$/,
  startTag: '0',
  joiner: '\n',
  stray: 'text outside a record (no % tag) skipped',
};

/** Tags with a field of their own. */
const FIELDS: Record<string, string> = {
  V: 'volume',
  N: 'number',
  '7': 'edition',
  S: 'series',
  C: 'location',
  G: 'language',
  Z: 'note',
  '9': 'type',
  L: 'callnumber',
  M: 'accession',
  '!': 'shorttitle',
  '&': 'section',
  '6': 'volumes',
  Q: 'origtitle',
  '+': 'affiliation',
  W: 'database',
  '~': 'database-name',
};

function fieldName(tag: string): string {
  return /^[A-Za-z0-9]$/.test(tag)
    ? `enw-${tag.toLowerCase()}`
    : `enw-x${tag.charCodeAt(0).toString(16)}`;
}

function toRecord(b: TaggedBlock): ImportRecord | string {
  const type = b.tags.find(([t]) => t === '0')?.[1] ?? '';
  const rec = emptyRecord(type ? endnoteType(type) : 'misc', b.line);
  if (type && rec.type === 'misc' && type.toLowerCase() !== 'generic')
    rec.fields['endnote-type'] = type;
  const containers: string[] = [];
  let date = '';
  for (const [tag, value] of b.tags) {
    if (!value || tag === '0') continue;
    switch (tag) {
      case 'A':
      case 'E':
      case 'Y':
      case '?': {
        const role =
          tag === 'E' ? 'editor' : tag === '?' ? 'translator' : tag === 'Y' ? 'editora' : 'author';
        const c = parseTaggedName(value, role);
        if (c) rec.creators.push(c);
        break;
      }
      case 'T':
        if (!rec.title) rec.title = value;
        else addField(rec.fields, 'enw-t', value);
        break;
      case 'J':
      case 'B':
        containers.push(tag, value);
        break;
      case 'D':
        date = normaliseDate(value).length > date.length ? normaliseDate(value) : date;
        break;
      case '8':
        if (normaliseDate(value).length > date.length && /^\d{4}/.test(normaliseDate(value)))
          date = normaliseDate(value);
        else addField(rec.fields, 'enw-8', value);
        break;
      case 'P':
        rec.fields.pages = value.replace(/^\s*(\w+)\s*[-–]+\s*(\w+)\s*$/, '$1--$2');
        break;
      case 'I':
        addField(rec.fields, 'publisher', value);
        break;
      case '@':
        addField(
          rec.fields,
          /^(97[89])?[\d-]{9,}[\dxX]$/.test(value.replace(/\s/g, '')) &&
            value.replace(/\D/g, '').length >= 10
            ? 'isbn'
            : 'issn',
          value,
        );
        break;
      case 'R':
        rec.doi ||= cleanDoi(value);
        break;
      case 'U':
        if (!rec.url) rec.url = value;
        else addField(rec.fields, 'enw-u', value);
        break;
      case '>':
        rec.files.push(value);
        break;
      case 'X':
        if (!rec.abstract) rec.abstract = value;
        else addField(rec.fields, 'enw-x', value);
        break;
      case 'K':
        for (const k of value.split(/\n|;/)) if (k.trim()) rec.tags.push(k.trim());
        break;
      case 'F':
        if (!rec.citationKey && /^[A-Za-z][\w:.+/-]*$/.test(value)) rec.citationKey = value;
        else addField(rec.fields, 'label', value);
        break;
      default:
        addField(rec.fields, FIELDS[tag] ?? fieldName(tag), value);
    }
  }
  rec.date = date;
  for (let i = 0; i < containers.length; i += 2) {
    const [tag, value] = [containers[i]!, containers[i + 1]!];
    if (!rec.venue && venueIsContainer(rec.type)) rec.venue = value;
    else if (value !== rec.venue)
      addField(rec.fields, tag === 'J' ? 'journaltitle' : 'booktitle', value);
  }
  if (!venueIsContainer(rec.type) && rec.fields.publisher && !rec.fields.publisher.includes('\n')) {
    rec.venue = rec.fields.publisher;
    delete rec.fields.publisher;
  }
  if (!rec.title && rec.creators.length === 0 && !rec.doi && !rec.url)
    return 'record has no title, author, DOI or URL';
  return rec;
}

function parse(text: string, file: string): ParseResult {
  const problems: ImportProblem[] = [];
  return collectRecords(file, problems, taggedBlocks(text, file, problems, SYNTAX), toRecord);
}

export const endnoteEnwFormat: ImportFormat = {
  id: 'enw',
  label: 'EndNote tagged (.enw)',
  extensions: ['enw', 'refer', 'txt'],
  detect(text) {
    const head = normaliseText(text.slice(0, 20_000));
    if (/^%0 \S/m.test(head) && /^%[TA] \S/m.test(head)) return 0.9;
    if (/^%[TA] \S/m.test(head) && /^%[DJ] \S/m.test(head)) return 0.6;
    return 0;
  },
  parse,
};
