export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

// Far beyond any screen arrangement, small enough for every platform's window system.
const MAX = 100_000;
const whole = (v: unknown, min: number): v is number =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= MAX;

/**
 * The window bounds stored in settings.json, or null if they are not four sane whole numbers.
 * The file can be edited or damaged, and a bad value in the window options stops the start.
 */
export function savedBounds(raw: unknown): Bounds | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { x, y, width, height } = raw as Record<string, unknown>;
  if (!whole(x, -MAX) || !whole(y, -MAX) || !whole(width, 1) || !whole(height, 1)) return null;
  return { x, y, width, height };
}

/** A display as screen.getAllDisplays() gives it; only its work area (no taskbar, menu bar) counts. */
export interface DisplayArea {
  workArea: Bounds;
}

// A title bar's worth: the top strip of the window, of which a piece this wide and this tall
// must lie on one display for the user to see the window and drag it back.
const TITLE_BAR = 32;
const GRAB = { width: 100, height: 16 };

/**
 * `bounds` if their title bar can be reached on one of `displays`, else null (the window then
 * opens at its default place). Saved on a monitor that is gone, they would open it off-screen.
 * Both are in DIP, as Electron gives them.
 */
export function visibleBounds(
  bounds: Bounds | null,
  displays: readonly DisplayArea[],
): Bounds | null {
  if (!bounds) return null;
  const bar = { ...bounds, height: Math.min(TITLE_BAR, bounds.height) };
  const need = {
    width: Math.min(GRAB.width, bar.width),
    height: Math.min(GRAB.height, bar.height),
  };
  const reachable = displays.some(({ workArea: a }) => {
    const w = Math.min(bar.x + bar.width, a.x + a.width) - Math.max(bar.x, a.x);
    const h = Math.min(bar.y + bar.height, a.y + a.height) - Math.max(bar.y, a.y);
    return w >= need.width && h >= need.height;
  });
  return reachable ? bounds : null;
}
