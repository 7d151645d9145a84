// Runs a command as a child process and measures its wall time and peak RSS. GNU time reports
// the largest resident set of the child and the descendants it waited for, so a launcher script
// that starts a JVM is measured by the JVM's peak, not the script's.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildRun {
  ms: number;
  peakRssMb: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

export function runChild(
  cmd: string,
  args: string[],
  opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-bench-time-'));
  const timeFile = join(dir, 'rss');
  const useTime = existsSync(GNU_TIME);
  const [bin, argv] = useTime
    ? [GNU_TIME, ['-f', '%M', '-o', timeFile, cmd, ...args]]
    : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(bin, argv, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group, so a timeout stops the whole tree (time → sh → java), not
      // just the first process, whose orphans would keep the pipes open
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-200_000)));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-200_000)));
    const stop = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(stop, opts.timeoutMs ?? 600_000);
    // never leave a peer running when the benchmark itself is stopped
    process.once('exit', stop);
    child.on('error', (e) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      process.removeListener('exit', stop);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let peakRssMb: number | null = null;
      if (useTime && existsSync(timeFile)) {
        const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
        if (Number.isFinite(kb)) peakRssMb = kb / 1024;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ ms, peakRssMb, code, stdout, stderr });
    });
  });
}

/** Whether an executable is on PATH (peers such as jabref and bibtool are optional). */
export function which(name: string): string | null {
  for (const d of (process.env.PATH ?? '').split(':')) {
    const p = join(d, name);
    if (d && existsSync(p)) return p;
  }
  return null;
}
