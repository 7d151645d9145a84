/**
 * Per-host spacing of requests. Each caller reserves the next free slot synchronously, so
 * concurrent callers queue up instead of all seeing the same "last request" time.
 */
export class HostRateLimiter {
  private readonly nextFree = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = defaultSleep,
  ) {}

  /** Waits until a request to `host` may go out, `intervalMs` after the previous one. */
  async acquire(host: string, intervalMs: number): Promise<void> {
    const t = this.now();
    const at = Math.max(t, this.nextFree.get(host) ?? 0);
    this.nextFree.set(host, at + Math.max(0, intervalMs));
    if (at > t) await this.sleep(at - t);
  }

  /** A server said "not before then" (Retry-After): later requests to it wait too. */
  holdUntil(host: string, time: number): void {
    this.nextFree.set(host, Math.max(this.nextFree.get(host) ?? 0, time));
  }
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
