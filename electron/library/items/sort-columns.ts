import type { SortColumn } from '../../../shared/domain/item';

/** Each sort column's ORDER BY expression over `items i`. */
export const SORT_SQL: Record<SortColumn, string> = {
  title: 'i.title COLLATE NOCASE',
  creators: 'i.creators_text COLLATE NOCASE',
  year: 'i.year',
  venue: 'i.venue COLLATE NOCASE',
  type: 'i.type',
  citationKey: 'i.citation_key',
  dateAdded: 'i.date_added',
  dateModified: 'i.date_modified',
  rating: 'i.rating',
  readState: 'i.read_state',
  // kept by triggers (migration 90)
  attachments: 'i.attachment_count',
};

// The partial index that already holds live items in each column's order, (column, id).
// Walking it and testing membership beats fetching every member and sorting when a view holds
// many items.
export const SORT_INDEX: Partial<Record<SortColumn, string>> = {
  title: 'items_live_title',
  creators: 'items_live_creators',
  year: 'items_live_year',
  venue: 'items_live_venue',
  type: 'items_live_type',
  dateAdded: 'items_live_added',
  dateModified: 'items_live_modified',
  rating: 'items_live_rating',
  readState: 'items_live_read',
  attachments: 'items_live_attachments',
};
