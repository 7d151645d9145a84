// Auto-export: a collection or the whole library kept in sync with a .bib file.

export interface AutoExport {
  id: number;
  /** null: the whole library. */
  collectionId: number | null;
  /** Absolute path of the file the user chose. */
  path: string;
  /** Id of the export format: `bibtex` or `biblatex`. */
  format: string;
  /** When the file was last written (ISO), or null if never. */
  lastExport: string | null;
  /** Why the last attempt failed, or null when it worked. */
  lastError: string | null;
  /** Entries in the file as last written. */
  itemCount: number;
  /** A change is waiting or being written. */
  pending: boolean;
}
