import { runCli } from '../cli/main';

/** Runs the CLI in process and keeps what it printed, one array entry per line. */
export async function runCliLines(
  args: string[],
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** The same, with the printed lines joined, for tests that match on whole output. */
export async function runCliText(
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const r = await runCliLines(args);
  return { code: r.code, out: r.out.join('\n'), err: r.err.join('\n') };
}
