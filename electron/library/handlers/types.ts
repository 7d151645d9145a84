import type { CallName, CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { Library } from '../library';

export type Handler<N extends CallName> = (
  input: ParsedInput<N>,
  lib: Library,
) => CallOutput<N> | Promise<CallOutput<N>>;

/** A domain's handlers: exactly the calls it names, each typed from the contract. */
export type HandlerMap<K extends CallName> = { [N in K]: Handler<N> };

export type Handlers = HandlerMap<CallName>;
