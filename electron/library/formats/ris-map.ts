// The RIS vocabulary both directions share: record types and the tags that have a BibLaTeX-like
// field of their own. Tags not listed are kept verbatim as `ris-<tag>` fields.

/** RIS `TY` → item type. */
export const RIS_TO_TYPE: Record<string, string> = {
  JOUR: 'article',
  EJOUR: 'article',
  JFULL: 'article',
  MGZN: 'article',
  NEWS: 'article',
  INPR: 'article',
  ABST: 'article',
  CONF: 'inproceedings',
  CPAPER: 'inproceedings',
  BOOK: 'book',
  EBOOK: 'book',
  EDBOOK: 'collection',
  CHAP: 'incollection',
  ECHAP: 'incollection',
  THES: 'thesis',
  RPRT: 'report',
  ELEC: 'online',
  WEB: 'online',
  BLOG: 'online',
  GEN: 'misc',
  PAT: 'patent',
  COMP: 'software',
  DATA: 'dataset',
  DBASE: 'dataset',
  UNPB: 'unpublished',
  MANSCPT: 'unpublished',
  PAMP: 'booklet',
  SER: 'periodical',
};

/** Item type → RIS `TY`. Types RIS cannot name are written as GEN with the type in a note. */
export const TYPE_TO_RIS: Record<string, string> = {
  article: 'JOUR',
  inproceedings: 'CPAPER',
  conference: 'CPAPER',
  proceedings: 'CONF',
  mvproceedings: 'CONF',
  book: 'BOOK',
  mvbook: 'BOOK',
  collection: 'EDBOOK',
  mvcollection: 'EDBOOK',
  incollection: 'CHAP',
  inbook: 'CHAP',
  bookinbook: 'CHAP',
  thesis: 'THES',
  phdthesis: 'THES',
  mastersthesis: 'THES',
  report: 'RPRT',
  techreport: 'RPRT',
  online: 'ELEC',
  misc: 'GEN',
  patent: 'PAT',
  software: 'COMP',
  dataset: 'DATA',
  unpublished: 'UNPB',
  booklet: 'PAMP',
  periodical: 'SER',
};

/** RIS tags with a field of their own (both directions). `SN` is decided by type on import. */
export const FIELD_TAGS: [tag: string, field: string][] = [
  ['VL', 'volume'],
  ['IS', 'number'],
  ['ET', 'edition'],
  ['T3', 'series'],
  ['CY', 'location'],
  ['LA', 'language'],
  ['Y2', 'urldate'],
  ['M3', 'type'],
  ['N1', 'note'],
  ['ST', 'shorttitle'],
  ['J2', 'shortjournal'],
  ['AN', 'accession'],
  ['CN', 'callnumber'],
];

/** Prefix of an `N1` line that carries a field RIS has no tag for, so export → import keeps it. */
export const FIELD_NOTE = 'BibLaTeX ';

export const BOOKISH = new Set([
  'book',
  'mvbook',
  'collection',
  'mvcollection',
  'incollection',
  'inbook',
  'proceedings',
  'inproceedings',
  'thesis',
  'report',
]);
