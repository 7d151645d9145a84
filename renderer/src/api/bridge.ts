import type { CallResult } from '../../../shared/api/result';

/** What Electron's preload exposes on `window.shelfmark`: a transport, nothing else. */
export interface ShelfmarkBridge {
  invoke(name: string, input: unknown): Promise<CallResult<unknown>>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    shelfmark?: ShelfmarkBridge;
  }
}
