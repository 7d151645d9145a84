/** What has to happen before the app may exit. */
export interface ShutdownSteps {
  /** Stops background work that may still write (schedulers, auto-export flushes). */
  stop(): unknown;
  /** Closes the library: its last connection checkpoints the WAL and the lock is released. */
  close(): void;
}

/**
 * A `will-quit` listener. Every way of quitting reaches `will-quit` (closing the last window,
 * Cmd+Q, app.quit(), and SIGINT/SIGTERM, which Electron turns into app.quit()), while
 * `window-all-closed` is skipped by all but the first. The first quit is held until the library
 * is closed, then `quit` is called again and let through. Stopping gets `waitMs` at most, so a
 * stuck export cannot keep the app alive; closing happens whatever stopping did.
 */
export function quitGracefully(
  steps: ShutdownSteps,
  quit: () => void,
  waitMs = 3000,
): (event: { preventDefault(): void }) => Promise<void> {
  let state: 'open' | 'closing' | 'closed' = 'open';
  let closing: Promise<void> = Promise.resolve();
  return (event) => {
    if (state === 'closed') return Promise.resolve();
    event.preventDefault();
    if (state === 'closing') return closing;
    state = 'closing';
    closing = stopThenClose(steps, waitMs).then(() => {
      state = 'closed';
      quit();
    });
    return closing;
  };
}

/**
 * For a start that failed after the library may have opened. The app then leaves by
 * app.exit(), which skips will-quit (so quitGracefully never runs) and ends the process at once:
 * the library is closed here first, and only once however many failures are reported.
 */
export function exitAfterFailedStart(
  steps: ShutdownSteps,
  exit: (code: number) => void,
  waitMs = 3000,
): () => Promise<void> {
  let exiting: Promise<void> | null = null;
  return () => (exiting ??= stopThenClose(steps, waitMs).then(() => exit(1)));
}

/** Stops (for `waitMs` at most), then closes whatever stopping did; never throws. */
async function stopThenClose(steps: ShutdownSteps, waitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([steps.stop(), new Promise((r) => (timer = setTimeout(r, waitMs)))]);
  } catch (e) {
    console.error('[shelfmark] stopping background work failed:', e);
  } finally {
    clearTimeout(timer);
  }
  try {
    steps.close();
  } catch (e) {
    console.error('[shelfmark] closing the library failed:', e);
  }
}
