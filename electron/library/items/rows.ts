// Database row shapes, kept apart from the domain types so the schema can change freely.
import type { Creator, CreatorRole, Item, ItemRow, ReadState } from '../../../shared/domain/item';

export interface ItemDbRow {
  id: number;
  type: string;
  citation_key: string;
  title: string;
  date: string;
  year: number | null;
  venue: string;
  doi: string;
  url: string;
  abstract: string;
  fields: string;
  creators_text: string;
  read_state: string;
  starred: number;
  rating: number;
  review_needed: number;
  date_added: string;
  date_modified: string;
  deleted_at: string | null;
}

export interface CreatorDbRow {
  item_id: number;
  position: number;
  role: string;
  family: string;
  given: string;
  prefix: string;
  suffix: string;
  literal: string;
}

export interface ItemListDbRow {
  id: number;
  type: string;
  citation_key: string;
  title: string;
  creators_text: string;
  year: number | null;
  venue: string;
  date_added: string;
  date_modified: string;
  read_state: string;
  starred: number;
  rating: number;
  attachments: number;
  deleted_at: string | null;
  /** JSON array of {name, color} */
  colors: string;
}

export function toCreator(r: CreatorDbRow): Creator {
  return {
    role: r.role as CreatorRole,
    family: r.family,
    given: r.given,
    prefix: r.prefix,
    suffix: r.suffix,
    literal: r.literal,
  };
}

export function toItem(
  r: ItemDbRow,
  creators: Creator[],
  tags: string[],
  collectionIds: number[],
  keyAliases: string[],
): Item {
  return {
    id: r.id,
    type: r.type,
    citationKey: r.citation_key,
    keyAliases,
    title: r.title,
    date: r.date,
    year: r.year,
    venue: r.venue,
    doi: r.doi,
    url: r.url,
    abstract: r.abstract,
    creators,
    fields: JSON.parse(r.fields) as Record<string, string>,
    tags,
    collectionIds,
    readState: r.read_state as ReadState,
    starred: r.starred === 1,
    rating: r.rating,
    reviewNeeded: r.review_needed === 1,
    dateAdded: r.date_added,
    dateModified: r.date_modified,
    deletedAt: r.deleted_at,
  };
}

export function toItemRow(r: ItemListDbRow): ItemRow {
  return {
    id: r.id,
    type: r.type,
    citationKey: r.citation_key,
    title: r.title,
    creators: r.creators_text,
    year: r.year,
    venue: r.venue,
    dateAdded: r.date_added,
    dateModified: r.date_modified,
    readState: r.read_state as ReadState,
    starred: r.starred === 1,
    rating: r.rating,
    attachments: r.attachments,
    deletedAt: r.deleted_at,
    colorTags: JSON.parse(r.colors) as ItemRow['colorTags'],
  };
}
