import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import { dispatch } from '../hosts/dispatch';
import { AppError } from '../library/errors';
import { handlers } from '../library/handlers/index';
import type { Library } from '../library/library';

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Returns the exit code. */
  run(
    args: string[],
    ctx: { library: () => Library; io: CliIO; libraryFolder: string },
  ): Promise<number>;
}

/** CLI commands go through the same validating wrapper as the other hosts. */
export async function call<N extends CallName>(
  lib: Library,
  name: N,
  input: CallInput<N>,
): Promise<CallOutput<N>> {
  const r = await dispatch(handlers, lib, name, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  return r.value as CallOutput<N>;
}
