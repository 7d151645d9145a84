// The hook a host calls once a library is open: refresh feeds and retry pending identifiers at
// start and then every few hours, only while network features are on.
import type { Library } from '../library';
import { retryPending } from './add-by-id';
import { refreshFeeds } from './feeds/service';
import { readOnlineSettings } from './settings';

export interface OnlineScheduler {
  /** One round now (also what the timer runs). Never throws; errors are recorded per feed. */
  runNow(): Promise<void>;
  stop(): void;
}

export interface SchedulerOptions {
  runAtStart?: boolean;
  /** Overrides the interval from settings (tests). */
  intervalMs?: number;
  onError?: (e: unknown) => void;
}

export function startOnlineScheduler(
  lib: Library,
  options: SchedulerOptions = {},
): OnlineScheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = async () => {
    if (stopped || !readOnlineSettings(lib.db).enabled) return;
    // a round writes: wait for the start-up integrity check (it runs in the background)
    // instead of blocking the main thread on it
    await lib.whenWritable();
    await refreshFeeds(lib);
    await retryPending(lib);
  };
  const runNow = () => {
    // One round at a time: a slow network must not pile rounds on top of each other.
    running ??= round()
      .catch((e: unknown) => options.onError?.(e))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const hours = readOnlineSettings(lib.db).feedIntervalHours;
  const timer = setInterval(() => void runNow(), options.intervalMs ?? hours * 3_600_000);
  timer.unref();
  if (options.runAtStart ?? true) void runNow();
  return {
    runNow,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
