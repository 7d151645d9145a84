// What every workload gets: the generated library, its .bib file and a populated library
// folder, all cached under bench/.cache by size and seed so repeated runs skip the set-up.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Library } from '../../electron/library/library';
import { MIGRATIONS } from '../../electron/library/db/migrations/index';
import { type GenLibrary, generateLibrary, toBib } from '../generate';
import { populate } from '../populate';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const ROOT = join(BENCH_DIR, '..');
export const CACHE = join(BENCH_DIR, '.cache');

export interface Context {
  sizeLabel: string;
  size: number;
  seed: number;
  /** Repetitions for medians (fewer in smoke runs). */
  runs: number;
  smoke: boolean;
  gen: GenLibrary;
  bibFile: string;
  /** A populated library folder; read-only workloads open it directly. */
  libDir: string;
  /** A throw-away copy of the populated library for workloads that write. */
  scratchLibrary(): string;
  log(line: string): void;
}

export function makeContext(
  sizeLabel: string,
  size: number,
  opts: { seed: number; runs: number; smoke: boolean; log: (l: string) => void },
): Context {
  mkdirSync(CACHE, { recursive: true });
  const gen = generateLibrary(size, opts.seed);
  const tag = `${sizeLabel}-s${opts.seed}`;
  const bibFile = join(CACHE, `${tag}.bib`);
  if (!existsSync(bibFile)) writeFileSync(bibFile, toBib(gen));
  // the migrations' code is part of the name, so any schema change means a fresh library
  const schema = createHash('sha1')
    .update(MIGRATIONS.map((m) => `${m.version}:${m.up.toString()}`).join('\n'))
    .digest('hex')
    .slice(0, 10);
  const libDir = join(CACHE, `lib-${tag}-${schema}`);
  if (!existsSync(join(libDir, 'library.sqlite'))) {
    const building = `${libDir}.building`;
    rmSync(building, { recursive: true, force: true });
    const lib = Library.open(building);
    try {
      const { items, ms } = populate(lib, gen);
      opts.log(
        `populated ${items} items in ${(ms / 1000).toFixed(1)} s (${Math.round(items / (ms / 1000))} items/s)`,
      );
      lib.db.pragma('wal_checkpoint(TRUNCATE)');
      lib.db.exec('ANALYZE');
    } finally {
      lib.close();
    }
    rmSync(libDir, { recursive: true, force: true });
    renameSync(building, libDir);
  }
  const scratch: string[] = [];
  process.on('exit', () => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return {
    sizeLabel,
    size,
    seed: opts.seed,
    runs: opts.runs,
    smoke: opts.smoke,
    gen,
    bibFile,
    libDir,
    scratchLibrary() {
      const d = mkdtempSync(join(tmpdir(), 'shelfmark-bench-lib-'));
      cpSync(libDir, d, { recursive: true, filter: (src) => !src.endsWith('.lock') });
      scratch.push(d);
      return d;
    },
    log: opts.log,
  };
}
