// One row of the results table. A figure that could not be measured still gets a row that
// says why, never a blank.
export interface PeerResult {
  name: string;
  /** What the peer measured, formatted (`10.9 s`, `472/s`), or why it could not run. */
  measured: string;
  /** How many times faster Shelfmark is (>1 = faster), or null when the peer did not run. */
  ratio: number | null;
}

export interface Figure {
  id: string;
  workload: string;
  target: string;
  /** Formatted measurement, or `not available: <reason>`. */
  measured: string;
  /** Main number in `unit`, for machines. */
  value: number | null;
  unit: string;
  status: 'pass' | 'short' | 'not available';
  /** How far from the target when short, e.g. `2.3× over`. */
  gap?: string;
  peers: PeerResult[];
  note?: string;
  detail?: Record<string, unknown>;
}

export function notAvailable(id: string, workload: string, target: string, reason: string): Figure {
  return {
    id,
    workload,
    target,
    measured: `not available: ${reason}`,
    value: null,
    unit: '',
    status: 'not available',
    peers: [],
  };
}

/** Status for a figure whose value must be at most `limit`. */
export function atMost(value: number, limit: number): Pick<Figure, 'status' | 'gap'> {
  return value <= limit
    ? { status: 'pass' }
    : { status: 'short', gap: `${(value / limit).toFixed(1)}× over` };
}

/** Status for a figure whose value must be at least `limit`. */
export function atLeast(value: number, limit: number): Pick<Figure, 'status' | 'gap'> {
  return value >= limit
    ? { status: 'pass' }
    : { status: 'short', gap: `${(limit / value).toFixed(1)}× under` };
}

/** Combines several conditions: short if any is short. */
export function all(...parts: Pick<Figure, 'status' | 'gap'>[]): Pick<Figure, 'status' | 'gap'> {
  const short = parts.filter((p) => p.status === 'short');
  if (short.length === 0) return { status: 'pass' };
  return { status: 'short', gap: short.map((p) => p.gap).join('; ') };
}
