// What every importer produces and every import reports. Parsers turn text into records;
// one pipeline turns records into items (one transaction per file).
import type { Creator } from './item';

export interface ImportRecord {
  type: string;
  /** The key from the source file, kept as is (made unique if it clashes). */
  citationKey?: string;
  title: string;
  date: string;
  venue: string;
  doi: string;
  url: string;
  abstract: string;
  creators: Creator[];
  /** Every other field, verbatim. */
  fields: Record<string, string>;
  tags: string[];
  /** Attachment paths named by the source (BibTeX `file`, RIS `L1`), unresolved. */
  files: string[];
  /** 1-based line in the source where the record starts. */
  line: number;
}

export interface ImportProblem {
  file: string;
  line: number;
  reason: string;
}

export interface ParseResult {
  records: ImportRecord[];
  /** Entries that were skipped, each with its line and reason. */
  problems: ImportProblem[];
  /**
   * Entries that were imported but not quite as written (a BibTeX macro no @string defines):
   * worth a look, nothing skipped. Readers with nothing to warn about leave it out.
   */
  warnings?: ImportProblem[];
}

export interface ImportReport {
  file: string;
  format: string;
  imported: number;
  skipped: number;
  duplicates: { line: number; title: string; existingId: number; reason: string }[];
  problems: ImportProblem[];
  /** Imported entries worth a look (see ParseResult.warnings); they do not count as skipped. */
  warnings: ImportProblem[];
  /**
   * Keys from the file that were already in use (in the library or earlier in the file): the
   * entry was stored under `to`. Reported so a `\cite{from}` never silently means another paper.
   */
  renamedKeys: { line: number; from: string; to: string }[];
  itemIds: number[];
  /** Why nothing was imported when the file parsed cleanly but held no entries. */
  notice?: string;
}
