// Organising entities: collections, tags, notes, attachments, annotations, saved searches.

export interface Collection {
  id: number;
  parentId: number | null;
  name: string;
  /** Items directly in this collection that are not in the trash. */
  itemCount: number;
}

export interface Tag {
  id: number;
  /** Hierarchy by `/`: `ml/retrieval` is a child of `ml`. */
  name: string;
  color: string | null;
  /** Digit key 1–9 that toggles this tag, or null. */
  position: number | null;
  itemCount: number;
}

export interface Note {
  id: number;
  itemId: number | null;
  title: string;
  /** Markdown source; rendered HTML is always sanitised. */
  body: string;
  dateAdded: string;
  dateModified: string;
}

export interface Attachment {
  id: number;
  itemId: number;
  kind: 'stored' | 'linked';
  /** Relative to the library folder for stored files; absolute for linked ones. */
  path: string;
  sha256: string;
  size: number;
  mime: string;
  title: string;
  dateAdded: string;
}

export interface SavedSearch {
  id: number;
  name: string;
  query: string;
}

/** The views of the sidebar the item table can show. */
export type ItemView =
  | { kind: 'library' }
  | { kind: 'unfiled' }
  | { kind: 'trash' }
  | { kind: 'starred' }
  | { kind: 'unread' }
  | { kind: 'collection'; id: number }
  | { kind: 'tag'; name: string };
