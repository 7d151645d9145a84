// `npm run soak`: the full crash test (100+ SIGKILLs during a 20k-item one-transaction import).
// Options: --kills N (default 100) --items N (default 20000) --seed N.
import { parseArgs } from 'node:util';
import { runCrashTrials } from '../electron/library/safety/crash-harness';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '100' },
    items: { type: 'string', default: '20000' },
    seed: { type: 'string' },
  },
});
const seed = values.seed ? Number(values.seed) : Date.now() % 1_000_000;
console.log(`crash soak: ${values.kills} kills, ${values.items} items per import, seed ${seed}`);
const report = await runCrashTrials({
  kills: Number(values.kills),
  items: Number(values.items),
  seed,
  log: (l) => console.log(l),
});
const { outcomes: _outcomes, ...summary } = report;
console.log(JSON.stringify(summary, null, 2));
if (report.failures.length > 0 || report.kills < Number(values.kills)) {
  console.error(`FAILED: ${report.failures.length} failures`);
  process.exit(1);
}
console.log(
  `OK: ${report.kills} kills, integrity_check ok every time, ${report.rolledBack} rolled back to ${report.before} items, ${report.committed} at ${report.after}, none in between; ${report.killsWithWalOnDisk} kills left WAL data on disk`,
);
