// The parts of BrowserWindow that main.ts touches after start-up. A window can be destroyed
// while the library lives on (during the quit's auto-export wait, or a second launch arriving
// then), and touching a destroyed one throws; these helpers look first.

export interface LiveWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  readonly webContents: { send(channel: string, ...args: unknown[]): void };
}

/**
 * A library listener that pushes events to the window. It never throws: the library calls its
 * listeners inside writes and checks, and a failure to notify the UI must not fail those.
 */
export function forwardEvents(
  window: () => LiveWindow | null,
  channel: string,
): (name: string, payload: unknown) => void {
  return (name, payload) => {
    const w = window();
    if (!w || w.isDestroyed()) return;
    try {
      w.webContents.send(channel, name, payload);
    } catch (e) {
      console.error(`[shelfmark] could not send ${name} to the window:`, e);
    }
  };
}

/** A second launch brings the first one's window forward, if it still has one. */
export function focusWindow(w: LiveWindow | null): void {
  if (!w || w.isDestroyed()) return;
  if (w.isMinimized()) w.restore();
  w.focus();
}
