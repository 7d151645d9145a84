import { describe, expect, it } from 'vitest';
import { runCrashTrials } from './crash-harness';

// The full 100+ kill run is `npm run soak`; the unit suite runs a short one on every check.
describe('crash safety: SIGKILL during a one-transaction import', () => {
  it('after each of 10 kills: integrity_check ok, count is before or after, earlier items unchanged', async () => {
    const report = await runCrashTrials({ kills: 10, items: 20_000, seed: 8 });
    expect(report.failures).toEqual([]);
    expect(report.kills).toBe(10);
    expect(report.after - report.before).toBe(20_000);
    expect(report.rolledBack + report.committed).toBe(10);
    for (const o of report.outcomes) expect(o.integrity).toBe('ok');
    // the kills really interrupted imports, and the two kills right after a commit found it
    expect(report.rolledBack).toBeGreaterThan(0);
    expect(report.committed).toBeGreaterThanOrEqual(2);
  }, 600_000);
});
