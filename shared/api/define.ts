import type { z } from 'zod';

/**
 * One call of the contract: the zod schema its input must pass and, as a phantom type, what it
 * returns. Outputs are produced by our own engine, so only inputs are validated at runtime.
 */
export interface CallSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly output?: O;
  /** Calls that change the library; the web host requires a same-origin request for them. */
  readonly writes: boolean;
}

/** `call<Output>()(inputSchema)`: split in two so the output type is given and the input inferred. */
export function query<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input, writes: false });
}

export function mutation<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input, writes: true });
}

/** Merges domain call maps into one, refusing a name registered twice. */
export function mergeCalls<T extends Record<string, CallSpec<z.ZodType, unknown>>[]>(
  ...maps: T
): UnionToIntersection<T[number]> {
  const out: Record<string, CallSpec<z.ZodType, unknown>> = {};
  for (const map of maps) {
    for (const [name, spec] of Object.entries(map)) {
      if (name in out) throw new Error(`contract call registered twice: ${name}`);
      out[name] = spec;
    }
  }
  return out as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;
