// The CSL-JSON vocabulary both directions share.

export const CSL_TO_TYPE: Record<string, string> = {
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  'paper-conference': 'inproceedings',
  book: 'book',
  chapter: 'incollection',
  thesis: 'thesis',
  report: 'report',
  webpage: 'online',
  'post-weblog': 'online',
  post: 'online',
  dataset: 'dataset',
  software: 'software',
  patent: 'patent',
  manuscript: 'unpublished',
  article: 'misc',
  document: 'misc',
  'entry-encyclopedia': 'inreference',
  'entry-dictionary': 'inreference',
  entry: 'inreference',
  periodical: 'periodical',
  pamphlet: 'booklet',
};

export const TYPE_TO_CSL: Record<string, string> = {
  article: 'article-journal',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  proceedings: 'book',
  mvproceedings: 'book',
  book: 'book',
  mvbook: 'book',
  collection: 'book',
  mvcollection: 'book',
  manual: 'book',
  incollection: 'chapter',
  inbook: 'chapter',
  bookinbook: 'chapter',
  thesis: 'thesis',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  report: 'report',
  techreport: 'report',
  online: 'webpage',
  misc: 'document',
  patent: 'patent',
  software: 'software',
  dataset: 'dataset',
  unpublished: 'manuscript',
  inreference: 'entry-encyclopedia',
  periodical: 'periodical',
  booklet: 'pamphlet',
};

/** CSL string variables with a field of their own, both directions. */
export const CSL_FIELDS: [csl: string, field: string][] = [
  ['volume', 'volume'],
  ['edition', 'edition'],
  ['collection-title', 'series'],
  ['publisher-place', 'location'],
  ['ISBN', 'isbn'],
  ['ISSN', 'issn'],
  ['note', 'note'],
  ['language', 'language'],
  ['container-title-short', 'shortjournal'],
  ['journalAbbreviation', 'shortjournal'],
  ['title-short', 'shorttitle'],
  ['shortTitle', 'shorttitle'],
  ['genre', 'type'],
  ['PMID', 'pmid'],
  ['PMCID', 'pmcid'],
  ['event-title', 'eventtitle'],
  ['event', 'eventtitle'],
  ['event-place', 'venue'],
  ['chapter-number', 'chapter'],
  ['number-of-volumes', 'volumes'],
  ['number-of-pages', 'pagetotal'],
];

/** CSL name variables → creator roles. */
export const CSL_ROLES: [csl: string, role: 'author' | 'editor' | 'translator' | 'bookauthor'][] = [
  ['author', 'author'],
  ['editor', 'editor'],
  ['translator', 'translator'],
  ['container-author', 'bookauthor'],
];

/** CSL date variables other than `issued`, → fields. */
export const CSL_DATES: [csl: string, field: string][] = [
  ['accessed', 'urldate'],
  ['original-date', 'origdate'],
  ['event-date', 'eventdate'],
];

/** Where types RIS/CSL cannot name, and fields CSL has no variable for, travel in `custom`. */
export const CUSTOM_TYPE = 'biblatex-type';
export const CUSTOM_FIELDS = 'biblatex-fields';
