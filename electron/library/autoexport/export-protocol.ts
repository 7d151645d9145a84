// Messages between the engine and the auto-export worker (export-worker.ts).
import type { Item } from '../../../shared/domain/item';

/** A module exporting an ExportFormat under `name`, for formats registered at run time. */
export interface FormatModule {
  url: string;
  name: string;
}

export type ToWorker =
  | { type: 'begin'; id: number; format: string; path: string; lastHash: string | null }
  | { type: 'page'; id: number; items: Item[] }
  | { type: 'end'; id: number; formatModules: FormatModule[] }
  | { type: 'abort'; id: number }
  | { type: 'crash' };

export type FromWorker =
  | { type: 'done'; id: number; wrote: boolean; hash: string; count: number }
  | { type: 'error'; id: number; message: string };
