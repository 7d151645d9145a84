// Organising: duplicates, undo and the sample library's shape. Pure TypeScript.

export type DuplicateReason = 'doi' | 'arxiv' | 'title';

/** What the duplicates view shows for one record of a group. */
export interface DuplicateCandidate {
  id: number;
  type: string;
  citationKey: string;
  title: string;
  creators: string;
  year: number | null;
  venue: string;
  dateAdded: string;
  attachments: number;
  notes: number;
  tags: string[];
}

/** A field whose non-empty values differ inside a group: the merge lets the user pick one. */
export interface FieldDifference {
  /** `title`, `date`, `venue`, `doi`, `url`, `abstract`, `type`, `creators` or `fields.<name>`. */
  field: string;
  values: { itemId: number; value: string }[];
}

export interface DuplicateGroup {
  /** Stable while the group's members stay the same: the sorted member ids. */
  key: string;
  reasons: DuplicateReason[];
  /** The suggested master: the oldest record. */
  masterId: number;
  items: DuplicateCandidate[];
  differences: FieldDifference[];
}

export interface MergeResult {
  masterId: number;
  merged: number;
}

export interface UndoInfo {
  label: string;
  dateAdded: string;
}
