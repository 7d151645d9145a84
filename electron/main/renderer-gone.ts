/** What main.ts does when its window's renderer process goes away. */
export type GoneAction = 'ignore' | 'reload' | 'quit';

/**
 * The library lives in the main process and every change is one transaction, so a renderer
 * crash loses nothing committed; a reload gives the user the page back. A page that keeps
 * crashing (more than `limit` times within `withinMs`) or fails its code integrity check is not
 * reloaded forever: the app quits, which closes the library (will-quit).
 */
export function rendererGonePolicy(
  opts: { now?: () => number; limit?: number; withinMs?: number } = {},
): (reason: string) => GoneAction {
  const now = opts.now ?? Date.now;
  const limit = opts.limit ?? 3;
  const withinMs = opts.withinMs ?? 60_000;
  let recent: number[] = [];
  return (reason) => {
    if (reason === 'clean-exit') return 'ignore';
    if (reason === 'integrity-failure') return 'quit';
    const t = now();
    recent = [...recent.filter((at) => t - at < withinMs), t];
    return recent.length > limit ? 'quit' : 'reload';
  };
}
