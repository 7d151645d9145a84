// EndNote reference types, shared by the XML and tagged (.enw) readers.
import { own } from './own';

/** EndNote type name → item type. */
export const ENDNOTE_TYPES: Record<string, string> = {
  'journal article': 'article',
  'electronic article': 'article',
  'magazine article': 'article',
  'newspaper article': 'article',
  'conference paper': 'inproceedings',
  'conference proceedings': 'inproceedings',
  book: 'book',
  'electronic book': 'book',
  'edited book': 'collection',
  'book section': 'incollection',
  'electronic book section': 'incollection',
  thesis: 'thesis',
  report: 'report',
  'government document': 'report',
  'web page': 'online',
  blog: 'online',
  generic: 'misc',
  patent: 'patent',
  'computer program': 'software',
  dataset: 'dataset',
  'unpublished work': 'unpublished',
  manuscript: 'unpublished',
  encyclopedia: 'inreference',
  dictionary: 'inreference',
  pamphlet: 'booklet',
  standard: 'misc',
};

/** EndNote XML `ref-type` numbers, used when the name attribute is missing. */
export const ENDNOTE_TYPE_NUMBERS: Record<string, string> = {
  '17': 'journal article',
  '43': 'electronic article',
  '19': 'magazine article',
  '23': 'newspaper article',
  '47': 'conference paper',
  '10': 'conference proceedings',
  '6': 'book',
  '44': 'electronic book',
  '28': 'edited book',
  '5': 'book section',
  '60': 'electronic book section',
  '32': 'thesis',
  '27': 'report',
  '46': 'government document',
  '12': 'web page',
  '56': 'blog',
  '13': 'generic',
  '25': 'patent',
  '9': 'computer program',
  '59': 'dataset',
  '34': 'unpublished work',
  '36': 'manuscript',
  '53': 'encyclopedia',
  '52': 'dictionary',
  '24': 'pamphlet',
  '58': 'standard',
};

/** The item type for an EndNote type name (case-insensitive); unknown names give `misc`. */
export function endnoteType(name: string): string {
  return own(ENDNOTE_TYPES, name.trim().toLowerCase()) ?? 'misc';
}
