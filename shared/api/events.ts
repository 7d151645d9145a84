// Everything the engine pushes to the renderer, listed once.

export interface EngineEvents {
  /** Something in the library changed; `ids` names the items when known. */
  'library.changed': { kinds: string[]; ids?: number[] };
  /** Progress of a long job (import, export, full-text indexing). */
  'job.progress': { job: string; done: number; total: number; message?: string };
}

export type EventName = keyof EngineEvents;
export const EVENT_NAMES: readonly EventName[] = ['library.changed', 'job.progress'];
