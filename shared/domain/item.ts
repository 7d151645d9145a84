// Domain types shared by the engine and the renderer. Pure TypeScript: no Node, no DOM.

export const READ_STATES = ['unread', 'reading', 'read'] as const;
export type ReadState = (typeof READ_STATES)[number];

export const CREATOR_ROLES = [
  'author',
  'editor',
  'translator',
  'bookauthor',
  'commentator',
  'annotator',
  'introduction',
  'foreword',
  'afterword',
  'holder',
  'editora',
  'editorb',
  'editorc',
] as const;
export type CreatorRole = (typeof CREATOR_ROLES)[number];

/** One person or organisation. `literal` holds a corporate name that must never be split. */
export interface Creator {
  role: CreatorRole;
  family: string;
  given: string;
  /** The "von" part: `van`, `de la`. */
  prefix: string;
  /** The "Jr" part. */
  suffix: string;
  literal: string;
}

/** BibLaTeX entry types, plus the BibTeX aliases users still write. Unknown types are kept as given. */
export const ITEM_TYPES = [
  'article',
  'book',
  'mvbook',
  'inbook',
  'bookinbook',
  'suppbook',
  'booklet',
  'collection',
  'mvcollection',
  'incollection',
  'suppcollection',
  'dataset',
  'manual',
  'misc',
  'online',
  'patent',
  'periodical',
  'suppperiodical',
  'proceedings',
  'mvproceedings',
  'inproceedings',
  'reference',
  'mvreference',
  'inreference',
  'report',
  'set',
  'software',
  'thesis',
  'unpublished',
  'xdata',
  'conference',
  'mastersthesis',
  'phdthesis',
  'techreport',
] as const;

export interface Item {
  id: number;
  type: string;
  citationKey: string;
  /** Older keys this item was known by; exported as BibLaTeX `ids`. */
  keyAliases: string[];
  title: string;
  /** As given: `2019`, `2019-05`, `2019-05-14`, or a range. */
  date: string;
  /** Derived from `date`; null when the date does not start with a year. */
  year: number | null;
  /** Journal, book title, conference, publisher or institution, by type. */
  venue: string;
  doi: string;
  url: string;
  abstract: string;
  creators: Creator[];
  /** Every other field, by lower-case BibLaTeX name, verbatim. Never dropped. */
  fields: Record<string, string>;
  tags: string[];
  collectionIds: number[];
  readState: ReadState;
  starred: boolean;
  rating: number;
  reviewNeeded: boolean;
  dateAdded: string;
  dateModified: string;
  deletedAt: string | null;
}

/** What the item table needs for one row: small, so 100k rows page cheaply. */
export interface ItemRow {
  id: number;
  type: string;
  citationKey: string;
  title: string;
  creators: string;
  year: number | null;
  venue: string;
  dateAdded: string;
  dateModified: string;
  readState: ReadState;
  starred: boolean;
  rating: number;
  attachments: number;
  deletedAt: string | null;
  /** The item's coloured tags, by digit key order, shown as dots. */
  colorTags: { name: string; color: string }[];
}

export const SORT_COLUMNS = [
  'title',
  'creators',
  'year',
  'venue',
  'type',
  'citationKey',
  'dateAdded',
  'dateModified',
  'rating',
  'readState',
  'attachments',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/** Short display form of a creator list: `Vaswani, Shazeer, Parmar et al.` */
export function creatorsText(creators: readonly Creator[]): string {
  const names = creators
    .filter((c) => c.role === 'author' || c.role === 'editor')
    .map((c) => c.literal || [c.prefix, c.family].filter(Boolean).join(' ') || c.given);
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 3).join(', ')} et al.`;
}

/** The year a date string starts with, or null. */
export function yearOf(date: string): number | null {
  const m = /^(-?\d{4})/.exec(date.trim());
  return m ? Number(m[1]) : null;
}
