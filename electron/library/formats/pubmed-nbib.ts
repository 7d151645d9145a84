// PubMed MEDLINE (.nbib) reader: `TAG - value` lines with the tag padded to four characters,
// continuation lines indented by six spaces, one record per `PMID-` block.
import type { ImportProblem, ImportRecord, ParseResult } from '../../../shared/domain/import';
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
} from './record';
import { type TaggedBlock, type TaggedSyntax, taggedBlocks } from './tagged-blocks';

// An indented line cannot match the tag pattern, so it continues the value above it.
const SYNTAX: TaggedSyntax = {
  tagLine: /^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$/,
  startTag: 'PMID',
  joiner: ' ',
  stray: 'text outside a record (no PMID line) skipped',
};

const FIELDS: Record<string, string> = {
  PMID: 'pmid',
  PMC: 'pmcid',
  VI: 'volume',
  IP: 'number',
  TA: 'shortjournal',
  LA: 'language',
  IS: 'issn',
  MH: 'mesh',
  PT: 'pubtype',
  SO: 'source',
  AD: 'affiliation',
  GR: 'grant',
  CI: 'copyright',
  PL: 'location',
  PB: 'publisher',
  BTI: 'booktitle',
  ISBN: 'isbn',
  EN: 'edition',
  CTI: 'series',
};

/** MEDLINE abbreviates end pages: `123-45` is 123–145. */
export function expandPages(pg: string): string {
  const m = /^(\d+)-(\d+)$/.exec(pg.trim());
  if (!m) return pg.trim();
  const [start, end] = [m[1]!, m[2]!];
  const full = end.length < start.length ? start.slice(0, start.length - end.length) + end : end;
  return `${start}--${full}`;
}

function toRecord(b: TaggedBlock): ImportRecord | string {
  const rec = emptyRecord('article', b.line);
  const fau: string[] = [];
  const au: string[] = [];
  for (const [tag, value] of b.tags) {
    if (!value) continue;
    switch (tag) {
      case 'TI':
        rec.title = value.replace(/(?<!\.)\.$/, '');
        break;
      case 'AB':
        rec.abstract = value;
        break;
      case 'FAU':
        fau.push(value);
        break;
      case 'AU':
        au.push(value);
        break;
      case 'CN':
        rec.creators.push(creator('author', { literal: value }));
        break;
      case 'FED': {
        const c = parsePersonName(value, 'editor');
        if (c) rec.creators.push(c);
        break;
      }
      case 'JT':
        rec.venue = value;
        break;
      case 'DP':
        rec.date = normaliseDate(value);
        break;
      case 'PG':
        rec.fields.pages = expandPages(value);
        break;
      case 'LID':
      case 'AID':
        if (/\[doi\]\s*$/.test(value)) rec.doi ||= cleanDoi(value.replace(/\s*\[doi\]\s*$/, ''));
        else addField(rec.fields, tag === 'LID' ? 'medline-lid' : 'medline-aid', value);
        break;
      case 'OT':
        rec.tags.push(value);
        break;
      default:
        addField(rec.fields, FIELDS[tag] ?? `medline-${tag.toLowerCase()}`, value);
    }
  }
  // FAU gives "Family, Given"; AU only "Family GI", so it is the fallback.
  const names = fau.length ? fau : au.map((a) => a.replace(/^(.*\S) ([A-Z]{1,4})$/, '$1, $2'));
  const persons = names.map((n) => parsePersonName(n, 'author')).filter((c) => c !== null);
  rec.creators = [...persons, ...rec.creators];
  // PubMed Bookshelf records: a chapter (TI inside BTI) or a whole book (BTI only).
  const booktitle = rec.fields.booktitle;
  if (booktitle && !rec.venue) {
    delete rec.fields.booktitle;
    if (rec.title && rec.title !== booktitle.replace(/\.$/, '')) {
      rec.type = 'incollection';
      rec.venue = booktitle;
    } else {
      rec.type = 'book';
      rec.title ||= booktitle.replace(/\.$/, '');
    }
  }
  if (rec.type === 'book' && rec.fields.publisher && !rec.fields.publisher.includes('\n')) {
    rec.venue = rec.fields.publisher;
    delete rec.fields.publisher;
  } else if (/\bbook\b/i.test(rec.fields.pubtype ?? '') && !rec.venue) rec.type = 'book';
  if (!rec.title && rec.creators.length === 0 && !rec.doi)
    return 'record has no title, author or DOI';
  return rec;
}

function parse(text: string, file: string): ParseResult {
  const problems: ImportProblem[] = [];
  return collectRecords(file, problems, taggedBlocks(text, file, problems, SYNTAX), toRecord);
}

export const pubmedFormat: ImportFormat = {
  id: 'nbib',
  label: 'PubMed (MEDLINE .nbib)',
  extensions: ['nbib', 'medline', 'txt'],
  detect(text) {
    const head = normaliseText(text.slice(0, 20_000));
    if (/^PMID- ?\d+/m.test(head)) return 0.95;
    if (/^(TI|FAU) {1,2}- \S/m.test(head) && /^(JT|DP) {1,2}- \S/m.test(head)) return 0.7;
    return 0;
  },
  parse,
};
