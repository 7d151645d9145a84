// The crash test: a child process imports many items in one transaction and is SIGKILLed at a
// random moment; after every kill the library must pass integrity_check, hold exactly the
// items of before or of after the import (never some of them), and the earlier items must be
// byte-for-byte what they were. Used by the unit test (few kills) and `npm run soak` (100+).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DB_FILE } from '../db/open';
import { insertItem } from '../items/repo';
import { Library } from '../library';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

export interface CrashOptions {
  kills: number;
  /** Items the child imports in its one transaction. */
  items: number;
  /** Items in the library before any import. */
  seedItems?: number;
  /** Deterministic kill moments for a given seed. */
  seed?: number;
  log?: (line: string) => void;
}

export interface KillOutcome {
  run: number;
  /** -1: killed right after the child reported its commit. */
  delayMs: number;
  mode: Mode;
  /** Bytes in the -wal file right after the kill: > 0 means uncommitted frames were on disk. */
  walBytes: number;
  outcome: 'before' | 'after';
  integrity: string;
}

export interface CrashReport {
  kills: number;
  before: number;
  after: number;
  rolledBack: number;
  committed: number;
  killsWithWalOnDisk: number;
  importMs: Record<Mode, number>;
  failures: string[];
  outcomes: KillOutcome[];
}

/** mulberry32: small seeded PRNG so a failing run can be replayed with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Page cache of the child in KiB per mode: SQLite's default, and small enough to spill. */
const CACHE_KIB = { default: '', spilling: '256' } as const;
type Mode = keyof typeof CACHE_KIB;

function spawnChild(folder: string, items: number, run: number, mode: Mode): ChildProcess {
  const args = [CHILD, folder, String(items), String(run)];
  if (CACHE_KIB[mode]) args.push(CACHE_KIB[mode]);
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function waitForLine(child: ChildProcess, line: string): Promise<boolean> {
  return new Promise((resolve) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString();
      if (buf.split('\n').includes(line)) {
        child.stdout?.off('data', onData);
        resolve(true);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => resolve(buf.split('\n').includes(line)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Hash of the seed items and their creators: "earlier items unchanged" means this is equal. */
function seedDigest(lib: Library, maxId: number): string {
  const h = createHash('sha256');
  for (const row of lib.db
    .prepare('SELECT * FROM items WHERE id <= ? ORDER BY id')
    .iterate(maxId)) {
    h.update(JSON.stringify(row));
  }
  for (const row of lib.db
    .prepare('SELECT * FROM creators WHERE item_id <= ? ORDER BY item_id, position')
    .iterate(maxId)) {
    h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

function countItems(lib: Library): number {
  return lib.db.prepare<[], number>('SELECT count(*) FROM items').pluck().get()!;
}

export async function runCrashTrials(opts: CrashOptions): Promise<CrashReport> {
  const log = opts.log ?? (() => {});
  const random = prng(opts.seed ?? Date.now());
  const root = mkdtempSync(join(tmpdir(), 'shelfmark-crash-'));
  const folder = join(root, 'library');
  const template = join(root, 'template.sqlite');
  try {
    // The library before the import: seed items, closed cleanly (WAL checkpointed).
    const lib = Library.open(folder);
    lib.write(() => {
      for (let i = 0; i < (opts.seedItems ?? 500); i++) {
        insertItem(lib.db, {
          type: 'book',
          title: `Seed ${i}`,
          date: '2001',
          creators: [
            { role: 'author', family: `Seed${i}`, given: 'S', prefix: '', suffix: '', literal: '' },
          ],
        });
      }
    });
    const before = countItems(lib);
    const maxSeedId = lib.db.prepare<[], number>('SELECT max(id) FROM items').pluck().get()!;
    const digest = seedDigest(lib, maxSeedId);
    lib.close();
    copyFileSync(join(folder, DB_FILE), template);
    const reset = () => {
      for (const s of ['-wal', '-shm']) rmSync(join(folder, DB_FILE + s), { force: true });
      copyFileSync(template, join(folder, DB_FILE));
    };

    // Calibrate: how long the import's transaction takes here in each mode, so kills spread
    // over all of it.
    const importMs: Record<Mode, number> = { default: 0, spilling: 0 };
    let after = 0;
    for (const mode of Object.keys(CACHE_KIB) as Mode[]) {
      const cal = spawnChild(folder, opts.items, -1, mode);
      await waitForLine(cal, 'begin');
      const tBegin = Date.now();
      const calibrated = await waitForLine(cal, 'committed');
      await exited(cal);
      importMs[mode] = Date.now() - tBegin;
      if (!calibrated || cal.exitCode !== 0)
        throw new Error('the calibration import did not complete');
      const check = Library.open(folder);
      after = countItems(check);
      check.close();
      reset();
      log(`calibration (${mode} cache): ${opts.items} items committed in ${importMs[mode]} ms`);
    }

    const report: CrashReport = {
      kills: 0,
      before,
      after,
      rolledBack: 0,
      committed: 0,
      killsWithWalOnDisk: 0,
      importMs,
      failures: [],
      outcomes: [],
    };
    for (let run = 0; run < opts.kills; run++) {
      // 0–125 % of the import's duration: most kills land mid-transaction, some during the
      // commit itself, some after it.
      const mode: Mode = run % 2 === 0 ? 'default' : 'spilling';
      const delayMs = Math.round(random() * importMs[mode] * 1.25);
      const child = spawnChild(folder, opts.items, run, mode);
      const committed = waitForLine(child, 'committed');
      const began = await waitForLine(child, 'begin');
      if (!began) {
        report.failures.push(`run ${run}: the child did not start`);
        continue;
      }
      // Every fifth kill comes right after the commit, before the clean close: the committed
      // transaction lives only in the WAL then and must be recovered whole.
      const afterCommit = run % 5 === 4;
      if (afterCommit) await committed;
      else await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await exited(child);
      report.kills++;
      const wal = join(folder, `${DB_FILE}-wal`);
      const walBytes = existsSync(wal) ? statSync(wal).size : 0;
      if (walBytes > 0) report.killsWithWalOnDisk++;

      let lib2: Library | undefined;
      try {
        lib2 = Library.open(folder); // also proves the dead child's lock is taken over
        const integrity = String(lib2.db.pragma('integrity_check', { simple: true }));
        const n = countItems(lib2);
        const seedOk = seedDigest(lib2, maxSeedId) === digest;
        const outcome = n === before ? 'before' : n === after ? 'after' : null;
        if (integrity !== 'ok') report.failures.push(`run ${run}: integrity_check ${integrity}`);
        if (!outcome)
          report.failures.push(`run ${run}: ${n} items, neither ${before} nor ${after}`);
        if (!seedOk) report.failures.push(`run ${run}: earlier items changed`);
        if (outcome === 'before') report.rolledBack++;
        if (outcome === 'after') report.committed++;
        report.outcomes.push({
          run,
          delayMs: afterCommit ? -1 : delayMs,
          mode,
          walBytes,
          outcome: outcome ?? 'before',
          integrity,
        });
        log(
          `kill ${run + 1}/${opts.kills} (${mode} cache) ${afterCommit ? 'right after the commit' : `after ${delayMs} ms`}: ${n} items (${outcome}), wal ${walBytes} B, integrity ${integrity}`,
        );
      } catch (e) {
        report.failures.push(`run ${run}: reopening failed: ${(e as Error).message}`);
      } finally {
        lib2?.close();
      }
      // A committed import is undone from the template so every run starts from "before".
      if (report.outcomes.at(-1)?.outcome === 'after') reset();
    }
    return report;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
