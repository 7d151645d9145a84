// A refresh that is expensive (the duplicates scan takes seconds at 100k items) must not run once
// per library change: edits come in bursts, and a scan started while another runs would only
// queue up behind it. This runs the task once after changes settle, never two at a time, and
// once more at the end if changes arrived while it ran. `onStale` tells the UI whether what it
// shows may be out of date, so it can say so instead of freezing silently.

export interface CoalescedRefresh {
  /** Something relevant changed: refresh after `delayMs` without further requests. */
  request(): void;
  dispose(): void;
}

export function coalescedRefresh(
  task: () => Promise<unknown>,
  delayMs: number,
  onStale: (stale: boolean) => void,
): CoalescedRefresh {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let disposed = false;

  const start = () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void task()
      .catch(() => {}) // the task reports its own errors; a failure must not stop later refreshes
      .finally(() => {
        running = false;
        if (disposed) return;
        if (again) {
          again = false;
          start();
        } else if (timer === undefined) {
          onStale(false);
        }
      });
  };

  return {
    request() {
      if (disposed) return;
      onStale(true);
      clearTimeout(timer);
      timer = setTimeout(start, delayMs);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
