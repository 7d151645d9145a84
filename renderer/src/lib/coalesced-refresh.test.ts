import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalescedRefresh } from './coalesced-refresh';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A task whose runs finish only when the test says so. */
function controlledTask() {
  const finishers: (() => void)[] = [];
  const task = vi.fn(() => new Promise<void>((done) => finishers.push(done)));
  return { task, finishNext: async () => finishers.shift()?.() };
}

describe('coalescedRefresh', () => {
  it('runs once for a burst of changes, after they settle, and reports stale until done', async () => {
    const { task, finishNext } = controlledTask();
    const stale: boolean[] = [];
    const r = coalescedRefresh(task, 500, (s) => stale.push(s));
    for (let i = 0; i < 20; i++) {
      r.request();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(task).not.toHaveBeenCalled();
    expect(stale.at(-1)).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(task).toHaveBeenCalledTimes(1);
    await finishNext();
    await vi.advanceTimersByTimeAsync(0);
    expect(stale.at(-1)).toBe(false);
  });

  it('never runs two at a time; changes during a run cause exactly one more run', async () => {
    const { task, finishNext } = controlledTask();
    const stale: boolean[] = [];
    const r = coalescedRefresh(task, 100, (s) => stale.push(s));
    r.request();
    await vi.advanceTimersByTimeAsync(100);
    expect(task).toHaveBeenCalledTimes(1);
    // three bursts while the first run is still going
    for (let i = 0; i < 3; i++) {
      r.request();
      await vi.advanceTimersByTimeAsync(150);
    }
    expect(task).toHaveBeenCalledTimes(1);
    await finishNext();
    await vi.advanceTimersByTimeAsync(0);
    expect(task).toHaveBeenCalledTimes(2);
    expect(stale.at(-1)).toBe(true); // the second run is still going
    await finishNext();
    await vi.advanceTimersByTimeAsync(1000);
    expect(task).toHaveBeenCalledTimes(2);
    expect(stale.at(-1)).toBe(false);
  });

  it('keeps working after a failed run and stops after dispose', async () => {
    const task = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(undefined);
    const r = coalescedRefresh(task, 10, () => {});
    r.request();
    await vi.advanceTimersByTimeAsync(10);
    r.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(task).toHaveBeenCalledTimes(2);
    r.request();
    r.dispose();
    await vi.advanceTimersByTimeAsync(100);
    expect(task).toHaveBeenCalledTimes(2);
  });
});
