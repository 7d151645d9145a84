// B7b outside the benchmark harness, for before/after pairs: a scratch copy of a populated
// library, a whole-library .bib binding (its first run writes the whole file), then per run
// one title edit and one auto-export run. Reports wall and process CPU (all threads) until the
// run returns (the new file in place) and, where the run reports one, until the flush is
// recorded. Run: npx tsx bench/parsers/auto-export-run.ts --lib bench/.cache/lib-100k-s7-… [--runs 5]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bindingRow } from '../../electron/library/autoexport/bindings';
import { runBinding } from '../../electron/library/autoexport/service';
import { Library } from '../../electron/library/library';
import { call } from '../../electron/library/testing/call';

const { values } = parseArgs({
  options: { lib: { type: 'string' }, runs: { type: 'string', default: '5' } },
});
const dir = mkdtempSync(join(tmpdir(), 'shelfmark-b7b-'));
cpSync(values.lib!, dir, { recursive: true, filter: (s) => !s.endsWith('.lock') });
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const lib = Library.open(dir);
try {
  const out = join(dir, 'auto.bib');
  const first = performance.now();
  const b = (await call(
    lib,
    'autoExport.create' as never,
    {
      path: out,
      format: 'bibtex',
    } as never,
  )) as unknown as { id: number };
  console.log(`first run (whole file) ${(performance.now() - first).toFixed(0)} ms`);
  const ids = lib.db
    .prepare<[], number>('SELECT id FROM items WHERE deleted_at IS NULL')
    .pluck()
    .all();
  const rows: Record<string, string>[] = [];
  for (let r = 0; r < Number(values.runs); r++) {
    const id = ids[Math.floor((ids.length * (r + 1)) / (Number(values.runs) + 1))]!;
    await call(lib, 'items.update', { id, patch: { title: `Edited for B7b ${r}` } });
    const t0 = performance.now();
    const c0 = cpu();
    const outcome = (await runBinding(lib, bindingRow(lib.db, b.id))) as {
      error: string | null;
      durable?: Promise<void> | null;
      timing?: { placedAt: number; build: number; write: number; wait: number; rename: number };
    };
    const placed = performance.now() - t0;
    const placedCpu = cpu() - c0;
    if (outcome.error) throw new Error(outcome.error);
    await outcome.durable;
    const durable = performance.now() - t0;
    const durableCpu = cpu() - c0;
    const tm = outcome.timing;
    rows.push({
      ...(tm
        ? {
            'reported in place': `${(tm.placedAt - t0).toFixed(1)} (worker: build ${tm.build.toFixed(1)}, write ${tm.write.toFixed(1)}, wait ${tm.wait.toFixed(1)}, rename ${tm.rename.toFixed(1)})`,
          }
        : {}),
      'run returned': `${placed.toFixed(1)} wall / ${placedCpu.toFixed(1)} cpu`,
      'flushed + recorded': outcome.durable
        ? `${durable.toFixed(1)} wall / ${durableCpu.toFixed(1)} cpu`
        : '(same)',
    });
    // let the next run start from a quiet worker
    await new Promise((res) => setTimeout(res, 300));
  }
  console.table(rows);
} finally {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
}
