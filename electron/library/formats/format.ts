import type { Item } from '../../../shared/domain/item';
import type { ParseResult } from '../../../shared/domain/import';

/** A format Shelfmark reads. `detect` looks at content, not the file name. */
export interface ImportFormat {
  id: string;
  label: string;
  extensions: string[];
  /** Confidence 0–1 that `text` is in this format. */
  detect(text: string): number;
  parse(text: string, file: string): ParseResult;
}

/** A format Shelfmark writes. Output order must be stable so diffs of exported files stay small. */
export interface ExportFormat {
  id: string;
  label: string;
  extension: string;
  write(items: readonly Item[], options?: Record<string, unknown>): string;
}
