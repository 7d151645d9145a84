// Messages between the engine and the auto-export worker (export-worker.ts).
import type { Item } from '../../../shared/domain/item';
import type { BibItem } from '../formats/bibtex/write';
import type { CrashPoint } from './atomic-write';

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
  /** The scope's live ids; null: the same as the binding's last job (never after a reset). */
  ids: number[] | null;
}

export type ToWorker =
  | { type: 'begin'; id: number; format: string; path: string; lastHash: string | null }
  | { type: 'page'; id: number; items: Item[] | BibItem[] }
  | { type: 'end'; id: number; formatModules: FormatModule[]; incremental?: IncrementalEnd }
  | { type: 'abort'; id: number }
  /** The engine's answer to `intent`: the replacement is recorded (or why it could not be). */
  | { type: 'go'; id: number; error: string | null }
  | { type: 'crash' }
  /** Tests only: the next replacements stop the worker at this point. */
  | { type: 'crash-at'; at: CrashPoint | null };

export interface WorkerSteps {
  build: number;
  write: number;
  wait: number;
  rename: number;
}

export type FromWorker =
  /**
   * The file is about to be replaced: the engine records that a replacement is unconfirmed
   * (durably) and answers `go`; the worker writes the temp file meanwhile and renames after.
   */
  | { type: 'intent'; id: number }
  /** The file is in place (`wrote`) or was already right; `hash` when it was computed. */
  | {
      type: 'done';
      id: number;
      wrote: boolean;
      hash: string | null;
      count: number;
      size: number;
      /** ms in the worker (benchmark detail): making the bytes; writing, waiting, renaming. */
      steps: WorkerSteps;
    }
  /** The file written by job `id` is flushed to disk, with its sha256 and size. */
  | { type: 'durable'; id: number; hash: string; size: number }
  | { type: 'durable-error'; id: number; message: string }
  | { type: 'error'; id: number; message: string };
