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
