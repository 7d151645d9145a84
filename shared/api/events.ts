// Everything the engine pushes to the renderer, listed once.

export interface EngineEvents {
  /** Something in the library changed; `ids` names the items when known. */
  'library.changed': { kinds: string[]; ids?: number[] };
  /** Progress of a long job (import, export, full-text indexing). */
  'job.progress': { job: string; done: number; total: number; message?: string };
  /** The start-up integrity check (run in the background after the first rows) changed. */
  'library.check': LibraryCheck;
}

/**
 * Where the start-up integrity check stands. Damaged: what is wrong, and the newest backup
 * that passes its check (what the UI offers to restore); nothing can be written meanwhile.
 */
export interface LibraryCheck {
  state: 'checking' | 'ok' | 'damaged';
  message?: string;
  backup?: { name: string; createdAt: string } | null;
}

export type EventName = keyof EngineEvents;
export const EVENT_NAMES: readonly EventName[] = [
  'library.changed',
  'job.progress',
  'library.check',
];
