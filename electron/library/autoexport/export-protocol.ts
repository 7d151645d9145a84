// Messages between the engine and the auto-export worker (export-worker.ts).
import type { Item } from '../../../shared/domain/item';
import type { BibItem } from '../formats/bibtex/write';

/** A module exporting an ExportFormat under `name`, for formats registered at run time. */
export interface FormatModule {
  url: string;
  name: string;
}

/**
 * A .bib job the worker finishes from the entries it kept for `key` (a binding) since the last
 * job: it forgets `changed`, renders the items sent (those it lacks), and writes the file of
 * `ids` (as `format.write(items)` would: no kept preambles or comments). `reset` starts the binding's entries afresh (the engine lost track of them).
 */
export interface IncrementalEnd {
  key: number;
  reset: boolean;
  changed: number[];
  ids: number[];
}

export type ToWorker =
  | { type: 'begin'; id: number; format: string; path: string; lastHash: string | null }
  | { type: 'page'; id: number; items: Item[] | BibItem[] }
  | { type: 'end'; id: number; formatModules: FormatModule[]; incremental?: IncrementalEnd }
  | { type: 'abort'; id: number }
  | { type: 'crash' };

export type FromWorker =
  | { type: 'done'; id: number; wrote: boolean; hash: string; count: number }
  | { type: 'error'; id: number; message: string };
