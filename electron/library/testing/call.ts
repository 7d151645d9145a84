import type { CallInput, CallName, CallOutput } from '../../../shared/api/contract';
import type { CallError } from '../../../shared/api/result';
import { dispatch } from '../../hosts/dispatch';
import { handlers } from '../handlers/index';
import type { Library } from '../library';

/** Calls the engine the way every host does (validation included); throws on an error result. */
export async function call<N extends CallName>(
  lib: Library,
  name: N,
  input: CallInput<N>,
): Promise<CallOutput<N>> {
  const r = await dispatch(handlers, lib, name, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { callError: r.error });
  return r.value as CallOutput<N>;
}

/** The error a call returns; fails the test when the call succeeds. */
export async function callError<N extends CallName>(
  lib: Library,
  name: N,
  input: CallInput<N>,
): Promise<CallError> {
  const r = await dispatch(handlers, lib, name, input);
  if (r.ok) throw new Error(`${name} succeeded but an error was expected`);
  return r.error;
}
